// 1,000 clients at once, each on its own connection: every one is answered (200, stored once) or, where the
// machine refuses a connection, refused cleanly — and the ingress keeps serving. All on 127.0.0.1.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** One raw HTTP/1.1 request on a fresh socket; resolves with the status line's code, or the socket error. */
function rawPost(port: number, path: string, body: string): Promise<{ status: number | null; error: string | null; id: string | null }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.setTimeout(20_000, () => socket.destroy(new Error('timeout')));
    socket.on('connect', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    });
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(data)?.[1];
      resolve({ status: status ? Number(status) : null, error: status ? null : 'closed without an answer', id: /"id":"([0-9A-Z]{26})"/.exec(data)?.[1] ?? null });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, error: error.code ?? error.message, id: null }));
  });
}
describe('many clients', () => {
  it('serves 1,000 concurrent connections: each answered 200 and stored once, or refused cleanly; then serves on', async () => {
    app = await startTestApp();
    const url = new URL(app.endpoint.url);
    const results = await Promise.all(Array.from({ length: 1_000 }, (_, n) => rawPost(Number(url.port), url.pathname, JSON.stringify({ name: 'crowd', n }))));
    const answered = results.filter((r) => r.status !== null);
    // Anything not answered was refused by the OS at connect time (a clean refusal), never half-answered.
    for (const r of results.filter((x) => x.status === null)) expect(['ECONNREFUSED', 'ECONNRESET']).toContain(r.error);
    expect(answered.every((r) => r.status === 200)).toBe(true);
    expect(answered.length).toBeGreaterThanOrEqual(900);
    const ids = answered.map((r) => r.id);
    expect(new Set(ids).size).toBe(answered.length);
    expect((await app.app.api.countEvents({})).events).toBe(answered.length);
    const after = await fetch(app.endpoint.url, { method: 'POST', body: '{"name":"after"}' });
    expect(after.status).toBe(200);
  }, 60_000);
});
