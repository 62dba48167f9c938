/**
 * Loads twin definitions (W3C WoT Thing Descriptions with our `tv:twin` extension) from a folder.
 * Every file is validated; a broken one is reported with its file and the JSON path of each problem,
 * and skipped: the server starts with the others (SPEC TW1–TW2).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { check } from '../../shared/protocol/validation.js';
import { positionValueProblem } from '../../shared/geo/position.js';
import { TwinId } from '../../shared/protocol/values.js';
import { CAMERA_MEMBER, CAMERA_PROPERTIES, CameraExtension } from '../../shared/twin/camera.js';
import { DEFAULT_TWIN_EXTENSION, TWIN_CONTEXT, TWIN_MEMBER, TwinExtension } from '../../shared/twin/extension.js';
import type { DataSchema, ThingDescription } from '../../shared/twin/td.js';
import type { ActionDef, EventDef, PropertyDef, TwinDefinition } from './definition.js';
import { jsonPath } from './jsonPath.js';
import { createSchemaCompiler, type ValueCheck } from './schemas.js';
import { TdShape } from './tdShape.js';
import type { z } from '../../shared/protocol/validation.js';

/** A problem with one file: which file, where in it (JSON path), what. */
export interface LoadProblem {
  file: string;
  path: string;
  message: string;
}

export interface LoadResult {
  twins: TwinDefinition[];
  /** Files that were skipped, each with every problem found. */
  failures: { file: string; problems: LoadProblem[] }[];
}

const SUFFIXES = ['.td.jsonld', '.td.json', '.jsonld', '.json'];

/** The twin id a file name gives (`cnc-1.td.json` → `cnc-1`), or null for files that are not definitions. */
export function twinIdOf(file: string): string | null {
  const suffix = SUFFIXES.find((s) => file.endsWith(s));
  return suffix ? file.slice(0, -suffix.length) : null;
}

export async function loadTwinDefinitions(dir: string): Promise<LoadResult> {
  const result: LoadResult = { twins: [], failures: [] };
  let files: string[];
  try {
    files = (await fs.readdir(dir)).filter((f) => twinIdOf(f) !== null).sort();
  } catch (err) {
    result.failures.push({ file: dir, problems: [{ file: dir, path: '$', message: `cannot read folder: ${(err as Error).message}` }] });
    return result;
  }
  const compile = createSchemaCompiler();
  const seen = new Set<string>();
  for (const name of files) {
    const file = path.join(dir, name);
    const text = await fs.readFile(file, 'utf8');
    const parsed = parseTwinDefinition(file, text, compile);
    if ('problems' in parsed) {
      result.failures.push({ file, problems: parsed.problems });
      continue;
    }
    if (seen.has(parsed.id)) {
      result.failures.push({ file, problems: [{ file, path: '$', message: `another file already defines twin "${parsed.id}"` }] });
      continue;
    }
    seen.add(parsed.id);
    result.twins.push(parsed);
  }
  return result;
}

/** Validates one definition file's text; returns the definition or every problem found. */
export function parseTwinDefinition(
  file: string,
  text: string,
  compile = createSchemaCompiler(),
): TwinDefinition | { problems: LoadProblem[] } {
  const problems: LoadProblem[] = [];
  const add = (p: readonly PropertyKey[] | string, message: string) =>
    problems.push({ file, path: typeof p === 'string' ? p : jsonPath(p), message });
  const id = twinIdOf(path.basename(file)) ?? '';
  if (!check(TwinId, id).ok) add('$', `the file name must give a twin id of 1–48 characters a–z, 0–9, - and _ (got "${id}")`);

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    add('$', `not valid JSON: ${(err as Error).message}`);
    return { problems };
  }
  const shape = TdShape.safeParse(json);
  if (!shape.success) {
    for (const issue of shape.error.issues) add(issue.path, issue.message);
    return { problems };
  }
  const td = json as ThingDescription;
  const warnings: string[] = [];
  if (td.security === undefined || td.securityDefinitions === undefined)
    warnings.push('the TD has no security / securityDefinitions (TD 1.1 requires them)');

  let ext = DEFAULT_TWIN_EXTENSION;
  const hasExtension = TWIN_MEMBER in td;
  if (hasExtension) {
    const r = TwinExtension.safeParse(td[TWIN_MEMBER]);
    if (!r.success) for (const issue of r.error.issues) add([TWIN_MEMBER, ...(issue.path as PropertyKey[])], issue.message);
    else ext = r.data;
    if (!declaresPrefix(td['@context'])) warnings.push(`@context does not declare the "tv" prefix (${TWIN_CONTEXT})`);
  }

  const properties = new Map<string, PropertyDef>();
  for (const [name, p] of Object.entries(td.properties ?? {})) {
    const checkValue = compileAt(compile, p, ['properties', name], add);
    const type = typeof p.type === 'string' ? p.type : 'number';
    properties.set(name, {
      name,
      type,
      unit: typeof p.unit === 'string' ? p.unit : '',
      numeric: type === 'number' || type === 'integer' || type === 'boolean',
      readOnly: p.readOnly === true,
      check: withPositionRange(name, checkValue ?? (() => null)),
      forms: p.forms,
      alarms: [],
      schema: p,
    });
  }
  const actions = new Map<string, ActionDef>();
  for (const [name, a] of Object.entries(td.actions ?? {})) {
    const checkInput = a.input ? compileAt(compile, a.input, ['actions', name, 'input'], add) : null;
    actions.set(name, { name, title: a.title ?? name, check: checkInput, forms: a.forms, setpoint: undefined });
  }
  const events = new Map<string, EventDef>();
  for (const [name, e] of Object.entries(td.events ?? {})) {
    const checkData = e.data ? compileAt(compile, e.data, ['events', name, 'data'], add) : null;
    events.set(name, { name, check: checkData, forms: e.forms });
  }

  if (hasExtension && problems.length === 0) crossCheck(ext, properties, actions, add);
  const camera = CAMERA_MEMBER in td ? parseCamera(td[CAMERA_MEMBER], properties, add) : undefined;
  if (problems.length > 0) return { problems };

  for (const rule of ext.alarms) properties.get(rule.property)?.alarms.push(rule);
  for (const sp of ext.setpoints) {
    const a = actions.get(sp.action);
    if (a) a.setpoint = sp;
  }
  return {
    id,
    file,
    td,
    title: td.title,
    description: td.description ?? '',
    thingId: td.id,
    hasExtension,
    ext,
    camera,
    properties,
    actions,
    events,
    forms: td.forms ?? [],
    base: td.base,
    warnings,
  };
}

function compileAt(
  compile: (s: DataSchema) => ValueCheck,
  schema: DataSchema,
  at: PropertyKey[],
  add: (p: readonly PropertyKey[], m: string) => void,
): ValueCheck | null {
  try {
    return compile(schema);
  } catch (err) {
    add(at, `not a valid data schema: ${(err as Error).message}`);
    return null;
  }
}

function declaresPrefix(ctx: unknown): boolean {
  const entries = Array.isArray(ctx) ? ctx : [ctx];
  return entries.some((c) => typeof c === 'object' && c !== null && (c as Record<string, unknown>).tv === TWIN_CONTEXT);
}

/** References inside the extension must name things that exist: properties, actions, model parts. */
function crossCheck(
  ext: z.infer<typeof TwinExtension>,
  properties: Map<string, PropertyDef>,
  actions: Map<string, ActionDef>,
  add: (p: readonly PropertyKey[], m: string) => void,
): void {
  // A glTF model with a recipe beside it is checked against the recipe's part ids (SPEC GM3).
  const recipe = ext.model.primitives;
  const parts = recipe ? new Set(recipe.map((p) => p.id)) : null;
  const at = (...p: PropertyKey[]) => [TWIN_MEMBER, ...p];
  if (recipe) {
    const seen = new Set<string>();
    recipe.forEach((p, i) => {
      if (seen.has(p.id)) add(at('model', 'primitives', i, 'id'), `part id "${p.id}" is used twice`);
      seen.add(p.id);
      if (p.parent !== undefined && !seen.has(p.parent))
        add(at('model', 'primitives', i, 'parent'), `parent "${p.parent}" must be a part listed before this one`);
    });
  }
  const needProperty = (name: string, where: PropertyKey[], numeric: boolean) => {
    const p = properties.get(name);
    if (!p) add(where, `no property "${name}" in this TD`);
    else if (numeric && !p.numeric) add(where, `property "${name}" is not numeric or boolean`);
  };
  const needPart = (part: string, where: PropertyKey[]) => {
    if (parts && !parts.has(part)) add(where, `no part "${part}" in the model`);
  };
  ext.bindings.forEach((b, i) => {
    needProperty(b.property, at('bindings', i, 'property'), b.kind !== 'label');
    needPart(b.part, at('bindings', i, 'part'));
    if (b.kind === 'color') {
      for (let k = 1; k < b.ramp.length; k++)
        if (b.ramp[k]!.at <= b.ramp[k - 1]!.at) add(at('bindings', i, 'ramp', k, 'at'), 'ramp stops must increase');
    }
    if (b.kind === 'gauge' && b.max <= b.min) add(at('bindings', i, 'max'), 'max must be greater than min');
  });
  const alarmIds = new Set<string>();
  ext.alarms.forEach((a, i) => {
    needProperty(a.property, at('alarms', i, 'property'), true);
    if (alarmIds.has(a.id)) add(at('alarms', i, 'id'), `alarm id "${a.id}" is used twice`);
    alarmIds.add(a.id);
  });
  ext.setpoints.forEach((s, i) => {
    if (!actions.has(s.action)) add(at('setpoints', i, 'action'), `no action "${s.action}" in this TD`);
    needProperty(s.property, at('setpoints', i, 'property'), true);
  });
  ext.movable.forEach((m, i) => needPart(m.part, at('movable', i, 'part')));
}

/** The `tv:camera` member (SPEC VT1, VT2): its shape, and the properties the video feed writes. */
function parseCamera(
  raw: unknown,
  properties: Map<string, PropertyDef>,
  add: (p: readonly PropertyKey[], m: string) => void,
): CameraExtension | undefined {
  const r = CameraExtension.safeParse(raw);
  if (!r.success) {
    for (const issue of r.error.issues) add([CAMERA_MEMBER, ...(issue.path as PropertyKey[])], issue.message);
    return undefined;
  }
  for (const [name, type] of Object.entries(CAMERA_PROPERTIES)) {
    const p = properties.get(name);
    const ok = p !== undefined && (p.type === type || (type === 'number' && p.type === 'integer'));
    if (!ok) add(['properties', name], `a camera declares property "${name}" of type ${type}`);
  }
  return r.data;
}

/**
 * Position properties keep to the WGS84 range even when their TD forgets to say so (SPEC GS6): a
 * latitude of 95 would put a vehicle nowhere. The TD's own schema is checked first.
 */
function withPositionRange(name: string, schemaCheck: ValueCheck): ValueCheck {
  return (value) => schemaCheck(value) ?? positionValueProblem(name, value);
}
