// Lint: typescript-eslint's recommended rules, plus the layering ARCHITECTURE.md promises: nothing under
// main/core imports Electron, and each layer of main/core imports only the layers below it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of main/core, bottom up. `files` are the layer's own; `below` the folders it may import besides
 * the base files at main/core's root (model, errors, ids, bus, config, mask, phone, …), which import no folder.
 * Folders on the same layer do not import each other.
 */
const layers = [
  { name: 'base', files: ['main/core/*.ts'], below: [], except: ['main/core/app.ts', 'main/core/headless.ts'] },
  { name: 'signatures', files: ['main/core/signatures/**/*.ts'], below: [] },
  { name: 'outbound', files: ['main/core/outbound/**/*.ts'], below: [] },
  { name: 'providers', files: ['main/core/providers/**/*.ts'], below: [] },
  { name: 'handshakes', files: ['main/core/handshakes/**/*.ts'], below: [] },
  { name: 'bodies', files: ['main/core/bodies/**/*.ts'], below: [] },
  { name: 'schemas', files: ['main/core/schemas/**/*.ts'], below: [] },
  { name: 'store', files: ['main/core/store/**/*.ts'], below: ['bodies'] },
  { name: 'describing', files: ['main/core/describing/**/*.ts'], below: ['providers', 'handshakes', 'bodies', 'store'] },
  ...['ingress', 'replay', 'export', 'alerts', 'tunnel', 'maintenance'].map((name) => ({ name, files: [`main/core/${name}/**/*.ts`], below: ['signatures', 'outbound', 'providers', 'handshakes', 'bodies', 'schemas', 'store', 'describing'] })),
  { name: 'api', files: ['main/core/api/**/*.ts'], below: ['signatures', 'outbound', 'providers', 'handshakes', 'bodies', 'schemas', 'store', 'describing', 'ingress', 'replay', 'export', 'alerts', 'tunnel', 'maintenance'] },
  // The third door onto the contract: it talks to the engine only through api/ (over the control API), and
  // masks summaries with the notifications' redaction (alerts/redact).
  { name: 'mcp', files: ['main/core/mcp/**/*.ts'], below: ['api', 'alerts'] },
];
const coreFolders = ['signatures', 'outbound', 'providers', 'handshakes', 'bodies', 'schemas', 'store', 'describing', 'ingress', 'replay', 'export', 'alerts', 'tunnel', 'maintenance', 'api', 'mcp'];
const electronBan = {
  paths: [{ name: 'electron', message: 'main/core is plain Node: only main/electron may import Electron (ARCHITECTURE.md).' }],
  patterns: [{ group: ['electron/*'], message: 'main/core is plain Node: only main/electron may import Electron.' }],
};

function coreLayers() {
  return [
    // app.ts and headless.ts compose everything in main/core, but never a shell.
    { files: ['main/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', { ...electronBan, patterns: [...electronBan.patterns, shellBan] }] } },
    ...layers.map(({ name, files, below, except }) => {
      const above = coreFolders.filter((folder) => folder !== name && !below.includes(folder));
      return {
        files,
        ...(except ? { ignores: except } : {}),
        rules: {
          'no-restricted-imports': [
            'error',
            {
              ...electronBan,
              patterns: [
                ...electronBan.patterns,
                shellBan,
                {
                  // The import as written: './x' or '../x' (or '../../x') naming a core folder this layer sits below or beside.
                  regex: `^(\\./|(\\.\\./)+)(${above.join('|')})(/|$)`,
                  message: `main/core/${name === 'base' ? '*.ts (the base layer)' : name} may import only ${below.length ? below.join(', ') + ' and ' : ''}the base files: see the layers in README "Architecture".`,
                },
              ],
            },
          ],
        },
      };
    }),
  ];
}

const shellBan = { regex: '^(\\.\\./)+(electron|cli)(/|$)|^\\.\\./cli$', message: 'main/core never imports a shell (main/electron, main/cli).' };

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
  // main/core in layers, bottom up; a file imports only layers below its own (ARCHITECTURE.md, README "Architecture").
  // In flat config a later entry's no-restricted-imports replaces an earlier one's for the files both match, so
  // each entry restates the electron ban (test/lint/core-layering.test.ts checks every folder).
  ...coreLayers(),
  {
    // page.evaluate callbacks in the benchmarks run inside Chromium.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { document: 'readonly', PerformanceObserver: 'readonly', globalThis: 'readonly' } },
  },
  {
    // The renderer is a web page: of main/core it imports only the contract, the model, and pure helpers it shares
    // with the engine (view URLs, the curl command and the headers it keeps);
    // everything else it learns through the API. Type-only imports of the contract and model carry no code.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the engine through the API (window.hookbridge or HTTP), never Electron.' }],
          patterns: [
            {
              regex: '^(\\.\\./)+main/(?!core/(model|api/contract|api/view-url|curl|diff|http-headers|handshake-names|bodies/fields)$)',
              message: 'The renderer may import only main/core/model, main/core/api/contract and the pure main/core/api/view-url, main/core/curl, main/core/diff, main/core/http-headers, main/core/handshake-names and main/core/bodies/fields: ask the engine through the API for anything else.',
            },
          ],
        },
      ],
    },
  },
  {
    // The shell shows what the core's alert policy decided and decides nothing itself (one policy for the tray,
    // the browser and the terminal): main/core/alerts is out of its reach.
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./core/alerts(/|$)', message: 'The shell shows the `alert` messages the core raises; the alert policy lives in main/core/alerts, run by createApp.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', location: 'readonly', history: 'readonly', fetch: 'readonly', EventSource: 'readonly' } },
  },
);
