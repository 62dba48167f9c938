/**
 * SPEC.md's message list, generated from the protocol's two tables (shared/protocol/table.ts): one
 * row per message and direction with its rate and the codes it may be refused with, then every error
 * code. `tests/unit/shared/protocolTable.test.ts` fails when SPEC.md and the tables disagree; to
 * rewrite the section after changing a table:
 *
 *   npx tsx tests/support/specMessages.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { ERROR_TEXT } from '../../shared/protocol/errors.js';
import { ClientMessages, ServerMessages } from '../../shared/protocol/table.js';

export const SPEC_PATH = path.join(import.meta.dirname, '../../SPEC.md');
export const BEGIN = '<!-- messages: generated from shared/protocol/table.ts by tests/support/specMessages.ts -->';
export const END = '<!-- end of messages -->';

/** One row of the table: name, direction, rate, payload, refusals (cells as written in SPEC.md). */
export type Row = [name: string, direction: string, rate: string, payload: string, errors: string];

const code = (s: string) => `\`${s}\``;
// A `|` inside a cell would end it: SPEC.md writes it escaped.
const cell = (s: string) => s.replaceAll('|', '\\|');

/** The rows the tables say SPEC.md should have, client → server first, each direction in table order. */
export function expectedRows(): Row[] {
  const rows: Row[] = [];
  for (const [name, e] of Object.entries(ClientMessages)) {
    const errors = e.kind === 'binary' ? [e.rateError, ...e.errors] : e.errors;
    rows.push([
      code(name),
      e.kind === 'binary' ? 'client → server, binary' : 'client → server',
      `${e.rate.perSecond}/s, burst ${e.rate.burst}`,
      cell(e.doc),
      errors.length > 0 ? errors.map(code).join(', ') : '—',
    ]);
  }
  for (const [name, e] of Object.entries(ServerMessages)) rows.push([code(name), 'server → client', '—', cell(e.doc), '—']);
  return rows;
}

/** The generated section (before Prettier pads the table's columns). */
export function renderSection(): string {
  const head: Row = ['name', 'direction', 'rate (per person)', 'payload', 'refused with (besides M3)'];
  const line = (r: readonly string[]) => `| ${r.join(' | ')} |`;
  return [
    BEGIN,
    '',
    line(head),
    line(head.map(() => '---')),
    ...expectedRows().map(line),
    '',
    `Error codes (words for each in \`shared/protocol/errors.ts\`): ${Object.keys(ERROR_TEXT).map(code).join(', ')}.`,
    '',
    END,
  ].join('\n');
}

/** Reads the rows of the generated table in `spec` (the text of SPEC.md), cells trimmed. */
export function specRows(spec: string): Row[] {
  const section = sectionOf(spec);
  return section
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map(
      (l) =>
        l
          .slice(1, -1)
          .split(/(?<!\\)\|/)
          .map((c) => c.trim()) as Row,
    );
}

/** The error codes SPEC.md lists in the generated section. */
export function specErrorCodes(spec: string): string[] {
  const list = /Error codes[^:]*: (.*)\./s.exec(sectionOf(spec))?.[1] ?? '';
  return [...list.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((c) => c !== 'shared/protocol/errors.ts');
}

function sectionOf(spec: string): string {
  const from = spec.indexOf(BEGIN);
  const to = spec.indexOf(END);
  if (from < 0 || to < from) throw new Error(`SPEC.md has no generated message section (${BEGIN} … ${END})`);
  return spec.slice(from, to + END.length);
}

/** Rewrites SPEC.md's section from the tables and formats the file as `npm run format` expects. */
async function write(): Promise<void> {
  const { format, resolveConfig } = await import('prettier');
  const spec = fs.readFileSync(SPEC_PATH, 'utf8');
  const from = spec.indexOf(BEGIN);
  const to = spec.indexOf(END);
  if (from < 0 || to < from) throw new Error(`put ${BEGIN} and ${END} where the message list belongs in SPEC.md`);
  const next = spec.slice(0, from) + renderSection() + spec.slice(to + END.length);
  const options = (await resolveConfig(SPEC_PATH)) ?? {};
  fs.writeFileSync(SPEC_PATH, await format(next, { ...options, filepath: SPEC_PATH }));
  console.log(`SPEC.md: ${expectedRows().length} message rows written`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await write();
