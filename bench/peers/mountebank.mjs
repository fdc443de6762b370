// mountebank with one HTTP imposter that records requests and answers 200 with Connection: keep-alive (its
// default Connection: close would make a load generator open a connection per request). Starts `mb` on free
// loopback ports and prints one JSON line: the imposter's URL, the mb process id, and a stats URL.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWhenUp, freePort, statsServer } from './common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const adminPort = await freePort();
const imposterPort = await freePort();
// No log file or pid file in the working directory: mb writes both there by default.
const pidfile = path.join(os.tmpdir(), `mb-bench-${process.pid}.pid`);
const mb = spawn(process.execPath, [path.join(here, 'node_modules/mountebank/bin/mb'), '--port', String(adminPort), '--localOnly', '--loglevel', 'warn', '--nologfile', '--pidfile', pidfile], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const admin = `http://127.0.0.1:${adminPort}`;
await createWhenUp(`${admin}/imposters`, {
  protocol: 'http',
  port: imposterPort,
  recordRequests: true,
  stubs: [{ responses: [{ is: { statusCode: 200, headers: { 'content-type': 'application/json', connection: 'keep-alive' }, body: '{"received":true}' } }] }],
}, 200);
const stats = await statsServer(async () => {
  const imposter = await (await fetch(`${admin}/imposters/${imposterPort}`)).json();
  return imposter.requests?.length ?? imposter.numberOfRequests ?? 0;
});
console.log(JSON.stringify({ url: `http://127.0.0.1:${imposterPort}/`, stats, pid: mb.pid }));
process.on('SIGTERM', () => {
  mb.kill('SIGTERM');
  mb.once('exit', () => process.exit(0));
});
