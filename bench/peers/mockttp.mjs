// mockttp (HTTP Toolkit's engine) as a capture tool: every POST answered 200, every request recorded in memory
// (recordTraffic, its default). Prints one JSON line: the URL, and a stats URL that says how many it kept.
// The reply names its Content-Length: without one mockttp sends an unframed body, and a keep-alive client
// (autocannon) waits for an end that never comes.
import { getLocal } from 'mockttp';
import { statsServer } from './common.mjs';

const server = getLocal({ recordTraffic: true });
await server.start();
const rule = await server.forPost().thenReply(200, '{"received":true}', { 'content-type': 'application/json', 'content-length': '17' });
const stats = await statsServer(async () => (await rule.getSeenRequests()).length);
console.log(JSON.stringify({ url: `http://127.0.0.1:${server.port}/`, stats }));
process.on('SIGTERM', async () => {
  await server.stop();
  process.exit(0);
});
