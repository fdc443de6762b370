// Lint: typescript-eslint's recommended rules, plus the layering rule ARCHITECTURE.md promises:
// nothing under main/core may import Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'release/**', 'node_modules/**', 'coverage/**', 'bench/.data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', performance: 'readonly', crypto: 'readonly', fetch: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'main/core is plain Node: only main/electron may import Electron (ARCHITECTURE.md).' }],
          patterns: [{ group: ['electron/*'], message: 'main/core is plain Node: only main/electron may import Electron.' }],
        },
      ],
    },
  },
  {
    // page.evaluate callbacks in the benchmarks run inside Chromium.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { document: 'readonly', PerformanceObserver: 'readonly', globalThis: 'readonly' } },
  },
  {
    files: ['renderer/**/*.ts'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', location: 'readonly', history: 'readonly', fetch: 'readonly', EventSource: 'readonly' } },
  },
);
