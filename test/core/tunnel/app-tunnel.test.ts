// The tunnel inside a real headless Hookbridge (real ports, real SQLite), with a fake ngrok behind the adapter.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { BusMessages } from '../../../main/core/bus';
import { startHeadless, type Headless } from '../../../main/core/headless';
import type { TunnelAdapter, TunnelConnectOptions } from '../../../main/core/tunnel/adapter';
import { tempDir, tunnelReaches } from '../../support/app';

const token = '2abcTESTtokenXYZ_0123456789';

let running: Headless | null = null;
let output: MockInstance[] = [];

beforeEach(() => {
  output = [
    vi.spyOn(console, 'log'),
    vi.spyOn(console, 'error'),
    vi.spyOn(console, 'warn'),
    vi.spyOn(console, 'info'),
    vi.spyOn(process.stdout, 'write'),
    vi.spyOn(process.stderr, 'write'),
  ];
});

afterEach(async () => {
  await running?.stop();
  running = null;
  vi.restoreAllMocks();
});

function printed(): string {
  return output.flatMap((spy) => spy.mock.calls.map((args) => args.map((a) => String(a)).join(' '))).join('\n');
}

async function start(tunnel: { authtoken?: string; domain?: string }, adapter: TunnelAdapter): Promise<Headless> {
  running = await startHeadless({ dataDir: tempDir(), ingress: { port: 0 }, tunnel }, { port: 0, rendererDir: path.resolve('dist/renderer') }, { tunnelAdapter: adapter });
  return running;
}

async function call(headless: Headless, method: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${headless.control.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${headless.token}` },
    body: '{}',
  });
  return { status: response.status, text: await response.text() };
}

describe('the tunnel in the app', () => {
  it('without an authtoken: startTunnel says needs-token with what to do, and ngrok is never contacted', async () => {
    const connect = vi.fn<TunnelAdapter['connect']>();
    const headless = await start({}, { connect });
    expect(headless.app.status().tunnel).toEqual({ state: 'off', url: null, error: null });
    const started = await call(headless, 'startTunnel');
    expect(started.status).toBe(200);
    const view = JSON.parse(started.text) as BusMessages['status.changed']['tunnel'];
    expect(view.state).toBe('needs-token');
    expect(view.error).toEqual({ code: 'TUNNEL_AUTHTOKEN_MISSING', message: expect.stringMatching(/NGROK_AUTHTOKEN/) });
    expect(headless.app.status().tunnel.state).toBe('needs-token');
    expect(connect).not.toHaveBeenCalled();
  });

  it('online: status and endpoints carry the public URL, endpoint urls stay local, every change is on the bus, and the token is never shown', async () => {
    const calls: TunnelConnectOptions[] = [];
    const adapter: TunnelAdapter = {
      connect: (options) => {
        calls.push(options);
        return Promise.resolve({ url: 'https://abc.ngrok.app', close: () => Promise.resolve() });
      },
    };
    const headless = await start({ authtoken: token }, adapter);
    const states: string[] = [];
    headless.app.bus.subscribe((message) => {
      if (message.type === 'status.changed') states.push(message.data.tunnel.state);
    });
    await call(headless, 'startTunnel');
    await tunnelReaches(headless.app, 'online');
    expect(states).toEqual(['connecting', 'online']);
    const port = new URL(headless.app.ingressUrl ?? '').port;
    expect(calls[0]?.addr).toBe(`127.0.0.1:${port}`);

    const status = await call(headless, 'getStatus');
    expect((JSON.parse(status.text) as { tunnel: unknown }).tunnel).toEqual({ state: 'online', url: 'https://abc.ngrok.app', error: null });
    const endpoints = await call(headless, 'listEndpoints');
    const [endpoint] = JSON.parse(endpoints.text) as { token: string; url: string; publicUrl?: string }[];
    expect(endpoint?.url).toBe(`${headless.app.ingressUrl}/h/${endpoint?.token}`);
    expect(endpoint?.publicUrl).toBe(`https://abc.ngrok.app/h/${endpoint?.token}`);

    const stopped = await call(headless, 'stopTunnel');
    expect(JSON.parse(stopped.text)).toEqual({ state: 'off', url: null, error: null });
    const afterStop = JSON.parse((await call(headless, 'listEndpoints')).text) as { publicUrl?: string }[];
    expect(afterStop[0]?.publicUrl).toBeUndefined();
    expect(states).toEqual(['connecting', 'online', 'off']);

    for (const text of [status.text, endpoints.text, stopped.text, JSON.stringify(headless.app.status()), printed()]) expect(text).not.toContain(token);
  });

  it('a failing tunnel never stops capture: the ingress answers 200, and the SDK message is shown without the token', async () => {
    const adapter: TunnelAdapter = {
      connect: () => Promise.reject(Object.assign(new Error(`weird failure for ${token}`), { errorCode: 'ERR_NGROK_9999' })),
    };
    const headless = await start({ authtoken: token }, adapter);
    await call(headless, 'startTunnel');
    await tunnelReaches(headless.app, 'error');
    const [endpoint] = await headless.app.api.listEndpoints();
    const response = await fetch(endpoint?.url ?? '', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"x"}' });
    expect(response.status).toBe(200);
    const status = await call(headless, 'getStatus');
    expect(status.text).toContain('weird failure for [redacted]');
    expect(status.text).not.toContain(token);
    expect(printed()).not.toContain(token);
  });
});
