// Lint: typescript-eslint's recommended rules everywhere, plus the determinism fence around the
// pure core. Code under kernel/core, reducers/ and plans/ must not read the clock, randomness,
// the process or any node:* module: time, ids and entropy reach it only through journaled stamps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const PURE_CORE = ['kernel/core/**/*.ts', 'reducers/**/*.ts', 'plans/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly', performance: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly', queueMicrotask: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['cli/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts', 'bin/**/*.js', 'fixtures/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/**'], message: 'The kernel never imports the CLI.' }] }],
    },
  },
  {
    files: PURE_CORE,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'Date', message: 'Pure core: time comes from the journaled stamp (ctx.at), never the clock.' },
        { name: 'process', message: 'Pure core: no process access; configuration arrives as data.' },
        { name: 'performance', message: 'Pure core: no clock reads.' },
        { name: 'crypto', message: 'Pure core: entropy comes from the journaled stamp.' },
        { name: 'setTimeout', message: 'Pure core: timers are journaled effects.' },
        { name: 'setInterval', message: 'Pure core: timers are journaled effects.' },
        { name: 'fetch', message: 'Pure core: IO happens only in adapters.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Pure core: use the seeded PRNG from the stamp (ctx.random).' },
        { object: 'crypto', property: 'randomUUID', message: 'Pure core: ids derive from journaled entropy (ctx.uuid).' },
        { object: 'Date', property: 'now', message: 'Pure core: time comes from the journaled stamp.' },
      ],
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*'], message: 'Pure core: no node:* modules.' },
        { group: ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'worker_threads', 'better-sqlite3'], message: 'Pure core: no IO modules.' },
        { group: ['**/cli/**', '**/kernel/world/**', '**/kernel/store/**', '**/kernel/journal/**'], message: 'Pure core: the shell imports the core, never the reverse.' },
      ] }],
    },
  },
);
