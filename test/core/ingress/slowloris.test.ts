// Slowloris: clients that trickle their headers or their body a few bytes at a time hold no connection past the
// ingress's timeouts (about 1 s here), however steadily they send, and an honest client is served meanwhile.
// All on 127.0.0.1; every socket has a guard, so a server that never cuts them off fails instead of hanging. The
// guard is far past the timeouts: on a busy machine it still only fires when the server never cuts them off.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const timeoutMs = 1_000;
const guardMs = 20_000;
const trickleEveryMs = 100;

interface Trickled {
  /** The status line's code, or null if the server closed without one. */
  status: number | null;
  /** Drips the client sent after its first bytes, before the server closed the connection. */
  drips: number;
  /** True if the guard had to close it: the server never did. */
  guarded: boolean;
  /** From just before connecting until the connection closed, in ms (monotonic clock). */
  lifetimeMs: number;
}

interface Trickling {
  /** Resolves once the client is connected, has sent its first bytes and one drip: it is trickling. */
  started: Promise<void>;
  result: Promise<Trickled>;
}

/** Opens a connection, writes `head`, then `drip` every 100 ms until the server closes the connection. */
function trickle(port: number, head: string, drip: string): Trickling {
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const result = new Promise<Trickled>((resolve) => {
    const opened = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    let drips = 0;
    let guarded = false;
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => {
      guarded = true;
      socket.destroy();
    }, guardMs);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (!socket.writable) return;
        socket.write(drip, (error) => {
          if (error) return;
          drips++;
          markStarted();
        });
      }, trickleEveryMs);
    });
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined); // a reset after the answer is the server cutting us off
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(guard);
      markStarted(); // a connection cut before its first drip fails below, on its drips
      const status = /^HTTP\/1\.1 (\d{3})/.exec(data)?.[1];
      resolve({ status: status ? Number(status) : null, drips, guarded, lifetimeMs: performance.now() - opened });
    });
  });
  return { started, result };
}

describe('slowloris', () => {
  it('cuts off 40 clients trickling headers and 40 trickling a body with 408, stores none of them, and serves an honest client meanwhile', async () => {
    app = await startTestApp({ ingress: { headersTimeoutMs: timeoutMs, requestTimeoutMs: timeoutMs } });
    const url = new URL(app.endpoint.url);
    const port = Number(url.port);
    const host = `Host: 127.0.0.1:${port}\r\n`;
    const slowHeaders = Array.from({ length: 40 }, (_, n) => trickle(port, `POST ${url.pathname} HTTP/1.1\r\n${host}`, `X-Slow-${n}: a\r\n`));
    const slowBodies = Array.from({ length: 40 }, () =>
      trickle(port, `POST ${url.pathname} HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"name":"`, 'x'),
    );

    // While all 80 are dripping, an ordinary webhook is answered and stored.
    await Promise.all([...slowHeaders, ...slowBodies].map((t) => t.started));
    const honest = await fetch(app.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"honest.client"}' });
    expect(honest.status).toBe(200);

    const headerResults = await Promise.all(slowHeaders.map((t) => t.result));
    const bodyResults = await Promise.all(slowBodies.map((t) => t.result));
    for (const result of [...headerResults, ...bodyResults]) {
      expect(result.guarded, 'the server kept a trickling connection open until the test gave up').toBe(false);
      expect(result.status).toBe(408);
      // They kept sending until they were cut off, and not before the timeout: the timeout ended them, not a quiet
      // client or an early refusal. (A lower bound only: a slow machine makes connections live longer, never shorter.)
      expect(result.drips, 'a client was cut off before it trickled at all').toBeGreaterThanOrEqual(1);
      expect(result.lifetimeMs, 'a client was cut off before the timeout').toBeGreaterThanOrEqual(timeoutMs);
    }

    const stored = await app.app.api.listEvents({ limit: 100 });
    expect(stored.events.map((e) => e.name)).toEqual(['honest.client']);
    const after = await fetch(app.endpoint.url, { method: 'POST', body: '{"name":"after"}' });
    expect(after.status).toBe(200);
  }, 60_000);
});
