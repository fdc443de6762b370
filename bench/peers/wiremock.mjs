// WireMock (JVM), from the jar the npm `wiremock` package bundles: one stub answering every POST with 200, the
// request journal on (its default: every request kept in memory). Needs `java`. Prints one JSON line.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const buildDir = path.join(here, 'node_modules/wiremock/build');
const jar = path.join(buildDir, fs.readdirSync(buildDir).find((f) => f.endsWith('.jar')));
const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = s.address();
    s.close(() => resolve(p));
  });
});
// Its files and mappings folders go to a temporary root, not the working directory.
const rootDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiremock-bench-'));
const java = spawn('java', ['-jar', jar, '--port', String(port), '--bind-address', '127.0.0.1', '--disable-banner', '--root-dir', rootDir], { stdio: ['ignore', 'ignore', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    const res = await fetch(`${base}/__admin/mappings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request: { method: 'POST', urlPattern: '.*' }, response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"received":true}' } }),
    });
    if (res.status === 201) break;
    throw new Error(`WireMock answered ${res.status}`);
  } catch (error) {
    if (i > 600) throw error;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const stats = http.createServer(async (_req, res) => {
  const count = await (await fetch(`${base}/__admin/requests/count`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
  res.end(JSON.stringify({ kept: count.count ?? 0 }));
});
await new Promise((resolve) => stats.listen(0, '127.0.0.1', resolve));
console.log(JSON.stringify({ url: `${base}/`, stats: `http://127.0.0.1:${stats.address().port}/`, pid: java.pid }));
process.on('SIGTERM', () => {
  java.kill('SIGTERM');
  java.once('exit', () => {
    fs.rmSync(rootDir, { recursive: true, force: true });
    process.exit(0);
  });
});
