// Lint with zero warnings. The dependency rule (client -> shared <- server) is held here, in the
// per-folder tsconfigs and in ARCHITECTURE.md.
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

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
    rules: restrict([{ group: ['**/server/**'], message: 'The client never imports the server: put shared types in shared/.' }]),
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
