// Builds what runs: the CLI bundle (dist/cli.js) and the renderer (dist/renderer/). Called by `npm ci` (prepare).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

await build({
  entryPoints: [path.join(root, 'main/cli.ts')],
  outfile: path.join(dist, 'cli.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Dependencies load from node_modules at run time: better-sqlite3 and ngrok carry native binaries.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

// The desktop shell: Electron's main process and the sandboxed preload, both CommonJS as Electron loads them.
await build({
  entryPoints: [path.join(root, 'main/electron/main.ts')],
  outfile: path.join(dist, 'electron/main.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
await build({
  entryPoints: [path.join(root, 'main/electron/preload.ts')],
  outfile: path.join(dist, 'electron/preload.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  // A sandboxed preload may require 'electron' and nothing else from disk: everything else is bundled.
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
});

// The renderer: Vite (config in vite.config.ts) → dist/renderer.
await viteBuild({ configFile: path.join(root, 'vite.config.ts') });
console.log('hookbridge: built dist/cli.js, dist/electron/ and dist/renderer/');
