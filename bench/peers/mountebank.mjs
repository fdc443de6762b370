// mountebank with one HTTP imposter that records requests and answers 200 with Connection: keep-alive (its
// default Connection: close would make a load generator open a connection per request). Starts `mb` on free
// loopback ports and prints one JSON line: the imposter's URL, the mb process id, and a stats URL.
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const adminPort = await freePort();
const imposterPort = await freePort();
// No log file or pid file in the working directory: mb writes both there by default.
const pidfile = path.join(os.tmpdir(), `mb-bench-${process.pid}.pid`);
const mb = spawn(process.execPath, [path.join(here, 'node_modules/mountebank/bin/mb'), '--port', String(adminPort), '--localOnly', '--loglevel', 'warn', '--nologfile', '--pidfile', pidfile], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const admin = `http://127.0.0.1:${adminPort}`;
for (let i = 0; ; i++) {
  try {
    const res = await fetch(`${admin}/imposters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        protocol: 'http',
        port: imposterPort,
        recordRequests: true,
        stubs: [{ responses: [{ is: { statusCode: 200, headers: { 'content-type': 'application/json', connection: 'keep-alive' }, body: '{"received":true}' } }] }],
      }),
    });
    if (res.status === 201) break;
    throw new Error(`mountebank answered ${res.status}`);
  } catch (error) {
    if (i > 200) throw error;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const stats = http.createServer(async (_req, res) => {
  const imposter = await (await fetch(`${admin}/imposters/${imposterPort}`)).json();
  res.end(JSON.stringify({ kept: imposter.requests?.length ?? imposter.numberOfRequests ?? 0 }));
});
await new Promise((resolve) => stats.listen(0, '127.0.0.1', resolve));
console.log(JSON.stringify({ url: `http://127.0.0.1:${imposterPort}/`, stats: `http://127.0.0.1:${stats.address().port}/`, pid: mb.pid }));
process.on('SIGTERM', () => {
  mb.kill('SIGTERM');
  mb.once('exit', () => process.exit(0));
});
