// Builds what runs: the CLI (dist/cli.js) and its checkpoint worker, the desktop shell (dist/electron/) and the renderer (dist/renderer/). Called by `npm ci` (prepare).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/** One Node bundle: the options every entry shares, plus what differs. */
function bundle(entry, outfile, options) {
  return build({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(dist, outfile),
    bundle: true,
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    ...options,
  });
}

// Dependencies load from node_modules at run time: better-sqlite3 and ngrok carry native binaries.
await bundle('main/cli.ts', 'cli.js', { format: 'esm', packages: 'external' });
// The store's writer thread: inserts, their commits and the search indexer (main/core/store/writer.ts).
await bundle('main/core/store/writer-worker.ts', 'store-writer.cjs', { format: 'cjs', packages: 'external' });
// The WAL checkpoint worker thread, shared by the CLI and the desktop app (main/core/store/checkpointer.ts).
await bundle('main/core/store/checkpoint-worker.ts', 'checkpoint-worker.cjs', { format: 'cjs', packages: 'external' });
// The worker that checks payloads against imported OpenAPI descriptions (main/core/maintenance/schema-checks.ts).
await bundle('main/core/schemas/worker.ts', 'schema-worker.cjs', { format: 'cjs', packages: 'external' });
// The desktop shell: Electron's main process and the sandboxed preload, both CommonJS as Electron loads them.
await bundle('main/electron/main.ts', 'electron/main.cjs', { format: 'cjs', packages: 'external' });
// A sandboxed preload may require 'electron' and nothing else from disk: everything else is bundled.
await bundle('main/electron/preload.ts', 'electron/preload.cjs', { format: 'cjs', external: ['electron'] });

// Icons for electron-builder (build/ is its buildResources folder), drawn by main/electron/icons.ts.
const icons = await build({ entryPoints: [path.join(root, 'main/electron/icons.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning' });
const { iconFiles } = await import(`data:text/javascript;base64,${Buffer.from(icons.outputFiles[0].contents).toString('base64')}`);
for (const file of iconFiles()) {
  const target = path.join(root, 'build', file.path);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, file.bytes);
}

// The renderer: Vite (config in vite.config.ts) → dist/renderer.
await viteBuild({ configFile: path.join(root, 'vite.config.ts') });
console.log('hookbridge: built dist/cli.js, dist/store-writer.cjs, dist/checkpoint-worker.cjs, dist/schema-worker.cjs, dist/electron/, dist/renderer/ and the icons in build/');
