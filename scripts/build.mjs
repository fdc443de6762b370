// Builds what runs: the CLI bundle (dist/cli.js) and the renderer (dist/renderer/). Called by `npm ci` (prepare).
import { build } from 'esbuild';
import fs from 'node:fs';
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

const rendererOut = path.join(dist, 'renderer');
fs.rmSync(rendererOut, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'renderer/src/main.ts')],
  outfile: path.join(rendererOut, 'app.js'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'chrome120',
  sourcemap: true,
  logLevel: 'warning',
});
for (const file of ['index.html', 'style.css']) fs.copyFileSync(path.join(root, 'renderer', file), path.join(rendererOut, file));
console.log('hookbridge: built dist/cli.js and dist/renderer/');
