// Lint with zero warnings. The dependency rule (client -> shared <- server) is held here, in the
// per-folder tsconfigs and in ARCHITECTURE.md; so are the client's floors (CLIENT_FLOORS below).
import path from 'node:path';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/**
 * The client's floors, bottom to top (ARCHITECTURE.md "Client floors"). A file may import from its own
 * floor and the floors below, never from a floor above. On an `apart` floor the folders do not import
 * each other either (features talk through `ctx.apis`). The files at the top of `client/` (main.ts and
 * its composition) are the folder '.'.
 */
export const CLIENT_FLOORS = [
  { name: 'core', folders: ['core'] },
  { name: 'pieces', folders: ['render', 'input', 'ui3d', 'models', 'building'] },
  { name: 'session', folders: ['player', 'avatars', 'net'] },
  { name: 'overlay', folders: ['ui'] },
  { name: 'context', folders: ['context'] },
  { name: 'features', folders: ['meeting', 'twins', 'timeline', 'xr', 'video', 'bim', 'geo'], apart: true },
  { name: 'composition', folders: ['.', 'debug', 'bench', 'camera', 'test'] },
];

/**
 * Known arrows against the floors, each with its reason (from → to, paths under client/, and `why`).
 * None today: keep the hook so an exception, if one is ever needed, is named here and nowhere else.
 */
export const CLIENT_FLOOR_EXCEPTIONS = [];

const clientRoot = path.resolve(import.meta.dirname, 'client');

/** The folder a client file sits in ('.' for the top files), or null outside client/. */
function clientFolder(file) {
  const rel = path.relative(clientRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return parts.length === 1 ? '.' : parts[0];
}

const where = (folder) => (folder === '.' ? 'the top of client/' : `client/${folder}/`);

function floorOf(folder) {
  const i = CLIENT_FLOORS.findIndex((f) => f.folders.includes(folder));
  return i < 0 ? null : { index: i, ...CLIENT_FLOORS[i] };
}

/** Whether an import from one client file to another keeps to the floors; a message if not. */
export function floorViolation(fromFile, toFile) {
  const from = clientFolder(fromFile);
  const to = clientFolder(toFile);
  if (from === null || to === null) return null;
  const rel = (f) => path.relative(clientRoot, f).split(path.sep).join('/');
  if (CLIENT_FLOOR_EXCEPTIONS.some((e) => e.from === rel(fromFile) && e.to === rel(toFile).replace(/\.js$/, '.ts'))) return null;
  const a = floorOf(from);
  const b = floorOf(to);
  if (!a) return `${where(from)} has no floor: add it to CLIENT_FLOORS in eslint.config.js.`;
  if (!b) return `${where(to)} has no floor: add it to CLIENT_FLOORS in eslint.config.js.`;
  if (b.index > a.index) return `${where(from)} (floor "${a.name}") may not import from ${where(to)} (floor "${b.name}", above it)`;
  if (b.index === a.index && a.apart && from !== to)
    return `${where(from)} and ${where(to)} are features: they meet through ctx.apis, not imports.`;
  return null;
}

const floorsRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), source.value);
      const why = floorViolation(context.filename, target);
      if (why) context.report({ node, message: why });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source),
      ExportNamedDeclaration: (n) => check(n, n.source),
      ExportAllDeclaration: (n) => check(n, n.source),
      ImportExpression: (n) => check(n, n.source.type === 'Literal' ? n.source : null),
      TSImportType: (n) => check(n, n.argument?.literal ?? n.argument),
      // `declare module '../x.js'` (augmentation) is an arrow to x too.
      TSModuleDeclaration: (n) => check(n, n.id.type === 'Literal' ? n.id : null),
    };
  },
};

export default tseslint.config(
  // Build output and the git-ignored local folders (scratch/, data/) are not the project's code.
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'scratch/**', 'data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      { group: ['**/client/**', '**/server/**'], message: 'shared/ imports no project folder.' },
      {
        group: ['@babylonjs/*', 'colyseus.js', '@colyseus/core', 'node:*', 'express', 'pino', 'mqtt'],
        message: 'shared/ imports no engine, runtime or server library.',
      },
    ]),
  },
  {
    files: ['client/**/*.ts'],
    plugins: { twinverse: { rules: { floors: floorsRule } } },
    rules: {
      ...restrict([{ group: ['**/server/**'], message: 'The client never imports the server: put shared types in shared/.' }]),
      'twinverse/floors': 'error',
    },
  },
  {
    files: ['client/**/*.ts'],
    ignores: ['client/net/**'],
    rules: restrict([
      { group: ['**/server/**'], message: 'The client never imports the server: put shared types in shared/.' },
      { group: ['colyseus.js'], message: 'Only client/net/ touches colyseus.js.' },
    ]),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict([{ group: ['**/client/**'], message: 'The server never imports the client: put shared types in shared/.' }]),
  },
);
