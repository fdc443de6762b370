// WireMock (JVM), from the jar the npm `wiremock` package bundles: one stub answering every POST with 200, the
// request journal on (its default: every request kept in memory). Needs `java`. Prints one JSON line.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWhenUp, freePort, statsServer } from './common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const buildDir = path.join(here, 'node_modules/wiremock/build');
const jar = path.join(buildDir, fs.readdirSync(buildDir).find((f) => f.endsWith('.jar')));
const port = await freePort();
// Its files and mappings folders go to a temporary root, not the working directory.
const rootDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiremock-bench-'));
const java = spawn('java', ['-jar', jar, '--port', String(port), '--bind-address', '127.0.0.1', '--disable-banner', '--root-dir', rootDir], { stdio: ['ignore', 'ignore', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
await createWhenUp(`${base}/__admin/mappings`, { request: { method: 'POST', urlPattern: '.*' }, response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"received":true}' } }, 600);
const stats = await statsServer(async () => {
  const count = await (await fetch(`${base}/__admin/requests/count`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
  return count.count ?? 0;
});
console.log(JSON.stringify({ url: `${base}/`, stats, pid: java.pid }));
process.on('SIGTERM', () => {
  java.kill('SIGTERM');
  java.once('exit', () => {
    fs.rmSync(rootDir, { recursive: true, force: true });
    process.exit(0);
  });
});
