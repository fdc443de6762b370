// The baseline of the ingest benchmark: a bare node:http server that reads the whole request body and answers
// 200 with a small JSON, nothing else (no routing, no parsing, no database). bench/run.mjs starts it as a
// child process, so it gets its own event loop like `hookbridge serve` does, and reads the one JSON line it
// prints first: {"url":"http://127.0.0.1:<port>"}. SIGTERM or SIGINT closes it.
import http from 'node:http';

const answer = JSON.stringify({ received: true });
const headers = {
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Length': String(Buffer.byteLength(answer)),
  'Cache-Control': 'no-store',
};

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    Buffer.concat(chunks); // the whole body, as the ingress reads it
    res.writeHead(200, headers);
    res.end(answer);
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
