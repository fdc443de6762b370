// `hookbridge trigger` and `hookbridge replay` as a user runs them: the real CLI against a real serve process,
// and a real local HTTP server playing the developer's app.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery, EventDetail, EventSummary, PublicEndpoint } from '../../main/core/model';
import { lockDataDir } from '../../main/core/data-dir';
import { Store } from '../../main/core/store/store';
import { tempDir } from '../support/app';
import { runCli, startServe, type ServeProcess } from '../support/serve';

let serve: ServeProcess | null = null;
const servers: http.Server[] = [];
afterEach(async () => {
  if (serve) {
    serve.child.kill('SIGTERM');
    await serve.exited;
    serve = null;
  }
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function api<T>(method: string, input: unknown = {}): Promise<T> {
  const info = (serve as ServeProcess).info;
  const response = await fetch(`${new URL(info.ui).origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${info.token}` },
    body: JSON.stringify(input),
  });
  return (await response.json()) as T;
}

async function localApp(): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(202, { 'Content-Type': 'text/plain' });
      res.end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`, bodies };
}

describe('hookbridge trigger', () => {
  it('posts a LOX24 channel failure to the default endpoint; it is stored and described like the real thing', async () => {
    const dataDir = tempDir();
    serve = await startServe(['--data-dir', dataDir]);
    const run = await runCli(['trigger', 'lox24', 'verify_code.channel.failed', '--data-dir', dataDir, '--ingress', serve.info.ingress]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^lox24 verify_code\.channel\.failed → default: 200 \{"received":true/);
    const page = await api<{ events: EventSummary[] }>('listEvents');
    expect(page.events[0]).toMatchObject({ provider: 'lox24', name: 'verify_code.channel.failed', severity: 'failed' });
  });

  it('signs a Soyio sample for an endpoint with an X-Hub-Signature-256 secret, so it passes the check', async () => {
    const dataDir = tempDir();
    serve = await startServe(['--data-dir', dataDir]);
    await api<PublicEndpoint>('createEndpoint', { name: 'soyio', provider: 'soyio', auth: { kind: 'hub-signature-256', secret: 'soyio-trigger-secret-1' } });
    const run = await runCli(['trigger', 'soyio', 'validation_attempt.failed', '--endpoint', 'soyio', '--data-dir', dataDir, '--ingress', serve.info.ingress]);
    expect(run.code).toBe(0);
    const [event] = (await api<{ events: EventSummary[] }>('listEvents')).events;
    expect(event).toMatchObject({ name: 'validation_attempt.failed', authCheck: { result: 'valid' }, status: 200 });
  });

  it('says which events it knows, and that nothing is listening, in sentences', async () => {
    const dataDir = tempDir();
    serve = await startServe(['--data-dir', dataDir]);
    const unknown = await runCli(['trigger', 'lox24', 'verify_code.exploded', '--data-dir', dataDir, '--ingress', serve.info.ingress]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no lox24 sample of “verify_code.exploded”. Known: verify_code.success, verify_code.failed');
    const noEndpoint = await runCli(['trigger', 'soyio', 'auth_attempt.failed', '--endpoint', 'nope', '--data-dir', dataDir, '--ingress', serve.info.ingress]);
    expect(noEndpoint.stderr).toContain('There is no endpoint named “nope”. Endpoints: default.');
    serve.child.kill('SIGTERM');
    await serve.exited;
    serve = null;
    const down = await runCli(['trigger', 'soyio', 'auth_attempt.failed', '--data-dir', dataDir, '--ingress', 'http://127.0.0.1:9']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('Start hookbridge serve (or the app) first');
  });
});

describe('hookbridge replay', () => {
  it('while serve runs: replays through it, prints the app’s answer, and serve records the result with the event', async () => {
    const dataDir = tempDir();
    serve = await startServe(['--data-dir', dataDir]);
    const app = await localApp();
    const posted = await fetch(serve.info.endpoints[0]?.url ?? '', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"order.paid","n":1}' });
    const { id } = (await posted.json()) as { id: string };

    const run = await runCli(['replay', id, '--to', app.url, '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^202 from http:\/\/127\.0\.0\.1:\d+\/webhooks in [\d.]+ ms\nthanks\n$/);
    expect(run.stderr).not.toContain('not recorded');
    expect(app.bodies).toEqual(['{"name":"order.paid","n":1}']);
    const deliveries = await api<Delivery[]>('listDeliveries', { id });
    expect(deliveries.map((d) => [d.kind, d.response?.status])).toEqual([['replay', 202]]);
  });

  it('when the instance holding the folder cannot be reached: replays from a read-only view and says it was not recorded', async () => {
    const dataDir = tempDir();
    serve = await startServe(['--data-dir', dataDir]);
    const posted = await fetch(serve.info.endpoints[0]?.url ?? '', { method: 'POST', body: 'held elsewhere' });
    const { id } = (await posted.json()) as { id: string };
    serve.child.kill('SIGTERM');
    await serve.exited;
    serve = null;
    // A holder of the folder with no control API to reach (as an older Hookbridge would be).
    const held = lockDataDir(dataDir);
    try {
      const app = await localApp();
      const run = await runCli(['replay', id, '--to', app.url, '--data-dir', dataDir]);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('not recorded with the event');
      expect(app.bodies).toEqual(['held elsewhere']);
    } finally {
      held.release();
    }
  });

  it('with the folder free: the replay is recorded with the event, as the UI shows it', async () => {
    const dataDir = tempDir();
    serve = await startServe(['--data-dir', dataDir]);
    const posted = await fetch(serve.info.endpoints[0]?.url ?? '', { method: 'POST', body: 'plain text body' });
    const { id } = (await posted.json()) as { id: string };
    expect((await api<EventDetail>('getEvent', { id })).body).toBe('plain text body');
    serve.child.kill('SIGTERM');
    await serve.exited;
    serve = null;

    const app = await localApp();
    const run = await runCli(['replay', id, '--to', app.url, '--data-dir', dataDir, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ requestId: id, recorded: true, response: { status: 202 } });
    const store = Store.openReadOnly(dataDir);
    try {
      expect(store.deliveries.forRequest(id).map((d: Delivery) => d.response?.status)).toEqual([202]);
    } finally {
      store.close();
    }
  });

  it('refuses a --to that is not an http(s) URL, before sending anything', async () => {
    const run = await runCli(['replay', '01ABC', '--to', 'localhost:3000', '--data-dir', tempDir()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--to localhost:3000: must start with http:// or https://.');
  });
});
