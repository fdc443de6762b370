// Entering the ngrok authtoken and domain from the UI, in a real headless Hookbridge (real ports, real SQLite,
// the app's real secret store on a temp folder), with a fake ngrok behind the adapter.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHeadless, type Headless } from '../../../main/core/headless';
import type { SecretStore } from '../../../main/core/secrets';
import type { TunnelAdapter, TunnelConnectOptions } from '../../../main/core/tunnel/adapter';
import { openSecretStore } from '../../../main/electron/secret-store';
import { FakeSafeStorage } from '../../support/electron-mock';
import { tempDir, tunnelReaches, waitUntil } from '../../support/app';
import { openSse } from '../../support/sse';

const token = '2abcTESTtokenXYZ_0123456789';
let running: Headless[] = [];

afterEach(async () => {
  for (const h of running) await h.stop();
  running = [];
  vi.restoreAllMocks();
});

function onlineAdapter(): { adapter: TunnelAdapter; calls: TunnelConnectOptions[] } {
  const calls: TunnelConnectOptions[] = [];
  return {
    calls,
    adapter: {
      connect: async (options) => {
        calls.push(options);
        return { url: 'https://abc.ngrok.app', close: async () => undefined };
      },
    },
  };
}

async function start(options: { dataDir?: string; tunnel?: { authtoken?: string; domain?: string }; adapter: TunnelAdapter; secrets?: SecretStore }): Promise<Headless> {
  const headless = await startHeadless(
    { dataDir: options.dataDir ?? tempDir(), ingress: { port: 0 }, ...(options.tunnel ? { tunnel: options.tunnel } : {}) },
    { port: 0, rendererDir: path.resolve('dist/renderer') },
    { tunnelAdapter: options.adapter, ...(options.secrets ? { secrets: options.secrets } : {}) },
  );
  running.push(headless);
  return headless;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field and checked
type Json = any;

async function call(headless: Headless, method: string, body: unknown = {}): Promise<{ status: number; text: string; json: Json }> {
  const response = await fetch(`http://127.0.0.1:${headless.control.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${headless.token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) };
}

describe('the ngrok authtoken entered in the UI', () => {
  it('pasting a token over "needs a token" starts the tunnel with it; the API only ever shows a masked hint', async () => {
    const { adapter, calls } = onlineAdapter();
    const headless = await start({ adapter });
    const stream = await openSse(`http://127.0.0.1:${headless.control.port}/api/stream`, { Authorization: `Bearer ${headless.token}` });
    try {
      expect((await call(headless, 'startTunnel')).json.state).toBe('needs-token');
      const before = await call(headless, 'getStatus');
      expect(before.json.tunnelSetup.authtoken).toBeNull();
      expect(before.json.tunnelSetup.remember).toEqual({ available: false, note: expect.stringContaining('Headless mode keeps an entered token only until it stops') });

      const set = await call(headless, 'setTunnelAuthtoken', { authtoken: `  ${token}\n` });
      expect(set.status).toBe(200);
      expect(set.json.authtoken).toEqual({ source: 'session', hint: `2a•••••• (${token.length} characters)` });
      await tunnelReaches(headless.app, 'online');
      expect(calls.map((c) => c.authtoken)).toEqual([token]);

      const after = await call(headless, 'getStatus');
      expect(after.json.tunnel.state).toBe('online');
      expect(after.json.publicUrl).toBe('https://abc.ngrok.app');
      await stream.waitFor((frames) => frames.some((f) => f.data.includes('"online"')));
      const streamed = stream.frames.map((f) => f.data).join('\n');
      for (const text of [set.text, after.text, (await call(headless, 'listEndpoints')).text, streamed]) expect(text).not.toContain(token);
    } finally {
      stream.close();
    }
  });

  it('refuses a token with spaces inside, or none, with a sentence; nothing changes', async () => {
    const { adapter, calls } = onlineAdapter();
    const headless = await start({ adapter });
    const spaced = await call(headless, 'setTunnelAuthtoken', { authtoken: 'two words' });
    expect(spaced.status).toBe(400);
    expect(spaced.text).toContain('Paste the authtoken alone, without spaces or line breaks');
    const empty = await call(headless, 'setTunnelAuthtoken', { authtoken: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Paste your ngrok authtoken');
    expect((await call(headless, 'getStatus')).json.tunnelSetup.authtoken).toBeNull();
    expect(calls).toEqual([]);
  });

  it('in the desktop app the token is remembered (encrypted) across restarts; forgetting it removes it', async () => {
    const dataDir = tempDir();
    const userData = tempDir();
    const safeStorage = new FakeSafeStorage();
    const { adapter, calls } = onlineAdapter();

    const first = await start({ dataDir, adapter, secrets: await openSecretStore(safeStorage, userData, 'darwin') });
    expect((await call(first, 'getStatus')).json.tunnelSetup.remember).toEqual({ available: true, note: expect.stringContaining('macOS Keychain') });
    expect((await call(first, 'setTunnelAuthtoken', { authtoken: token })).json.authtoken.source).toBe('saved');
    expect(readFileSync(path.join(userData, 'secrets', 'ngrok-authtoken.enc')).toString('latin1')).not.toContain(token);
    await first.stop();
    running = [];

    const second = await start({ dataDir, adapter, secrets: await openSecretStore(safeStorage, userData, 'darwin') });
    expect((await call(second, 'getStatus')).json.tunnelSetup.authtoken).toEqual({ source: 'saved', hint: expect.stringMatching(/^2a•/) });
    await call(second, 'startTunnel');
    await tunnelReaches(second.app, 'online');
    expect(calls.at(-1)?.authtoken).toBe(token);

    const forgotten = await call(second, 'forgetTunnelAuthtoken');
    expect(forgotten.json.authtoken).toBeNull();
    // The running tunnel restarts without a token: it needs one again.
    await tunnelReaches(second.app, 'needs-token');
    await second.stop();
    running = [];
    const third = await start({ dataDir, adapter, secrets: await openSecretStore(safeStorage, userData, 'darwin') });
    expect((await call(third, 'getStatus')).json.tunnelSetup.authtoken).toBeNull();
  });

  it('"remember" unticked keeps the token for this run only, even where the keychain works', async () => {
    const userData = tempDir();
    const safeStorage = new FakeSafeStorage();
    const headless = await start({ adapter: onlineAdapter().adapter, secrets: await openSecretStore(safeStorage, userData, 'darwin') });
    expect((await call(headless, 'setTunnelAuthtoken', { authtoken: token, remember: false })).json.authtoken.source).toBe('session');
    expect(safeStorage.encryptions).toBe(0);
    expect((await openSecretStore(safeStorage, userData, 'darwin')).read('ngrok-authtoken')).toBeNull();
  });

  it('NGROK_AUTHTOKEN given at startup is used over a saved token until the user enters another, and comes back after Forget', async () => {
    const { adapter, calls } = onlineAdapter();
    const headless = await start({ adapter, tunnel: { authtoken: 'startup-token-0123456789' } });
    expect((await call(headless, 'getStatus')).json.tunnelSetup.authtoken.source).toBe('startup');
    await call(headless, 'setTunnelAuthtoken', { authtoken: token });
    await call(headless, 'startTunnel');
    expect(calls.at(-1)?.authtoken).toBe(token);
    expect((await call(headless, 'forgetTunnelAuthtoken')).json.authtoken.source).toBe('startup');
    await waitUntil(() => calls.at(-1)?.authtoken === 'startup-token-0123456789', 'a connect with the startup token');
  });
});

describe('the ngrok domain and the public base URL', () => {
  it('the ngrokDomain setting is sent to ngrok (a running tunnel reconnects with it); --ngrok-domain wins for its run', async () => {
    const { adapter, calls } = onlineAdapter();
    const dataDir = tempDir();
    const headless = await start({ dataDir, adapter, tunnel: { authtoken: token } });
    await call(headless, 'startTunnel');
    expect(calls[0]?.domain).toBeUndefined();
    const saved = await call(headless, 'updateSettings', { ngrokDomain: ' Hooks.Example.ngrok.app ' });
    expect(saved.json.ngrokDomain).toBe('hooks.example.ngrok.app');
    await waitUntil(() => calls.length === 2, 'a second connect');
    expect(calls[1]?.domain).toBe('hooks.example.ngrok.app');
    expect((await call(headless, 'getStatus')).json.tunnelSetup.domain).toEqual({ value: 'hooks.example.ngrok.app', source: 'settings' });

    const bad = await call(headless, 'updateSettings', { ngrokDomain: 'https://hooks.example.ngrok.app/x' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('must be a domain name such as hooks.example.ngrok.app, without https:// or a path');
    await headless.stop();
    running = [];

    const flagged = await start({ dataDir, adapter, tunnel: { authtoken: token, domain: 'other.ngrok.app' } });
    expect((await call(flagged, 'getStatus')).json.tunnelSetup.domain).toEqual({ value: 'other.ngrok.app', source: 'startup' });
    await call(flagged, 'startTunnel');
    expect(calls.at(-1)?.domain).toBe('other.ngrok.app');
  });

  it('a public base URL (own tunnel or proxy) gives every endpoint its public URL; an online ngrok tunnel wins', async () => {
    const { adapter } = onlineAdapter();
    const headless = await start({ adapter, tunnel: { authtoken: token } });
    const saved = await call(headless, 'updateSettings', { publicBaseUrl: 'https://hooks.example.com/dev/' });
    expect(saved.json.publicBaseUrl).toBe('https://hooks.example.com/dev');
    const [endpoint] = (await call(headless, 'listEndpoints')).json as { token: string; publicUrl?: string }[];
    expect(endpoint?.publicUrl).toBe(`https://hooks.example.com/dev/h/${endpoint?.token}`);
    expect((await call(headless, 'getStatus')).json.publicUrl).toBe('https://hooks.example.com/dev');

    await call(headless, 'startTunnel');
    const [tunnelled] = (await call(headless, 'listEndpoints')).json as { token: string; publicUrl?: string }[];
    expect(tunnelled?.publicUrl).toBe(`https://abc.ngrok.app/h/${tunnelled?.token}`);

    for (const [value, words] of [
      ['hooks.example.com', 'must be a full URL'],
      ['ftp://hooks.example.com', 'must start with https://'],
      ['https://hooks.example.com/?a=1', 'must not have a query'],
      ['https://user:pw@hooks.example.com', 'must not carry a user name or password'],
    ] as const) {
      const refused = await call(headless, 'updateSettings', { publicBaseUrl: value });
      expect(refused.status, value).toBe(400);
      expect(refused.text, value).toContain(words);
    }
    expect((await call(headless, 'updateSettings', { publicBaseUrl: null })).json.publicBaseUrl).toBeNull();
  });
});
