// Drives the REAL @ngrok/ngrok SDK with a made-up authtoken. Offline it fails fast with the network error;
// with a network, ngrok rejects the token. Either way: an error state with a sentence, never online, never the token.
import path from 'node:path';
import { afterEach, expect, it, vi, type MockInstance } from 'vitest';
import { startHeadless, type Headless } from '../../../main/core/headless';
import { tempDir } from '../../support/app';

const token = '2abcTESTtokenXYZ_0123456789';
let running: Headless | null = null;

afterEach(async () => {
  await running?.stop();
  running = null;
  vi.restoreAllMocks();
});

it('a made-up authtoken against the real ngrok SDK ends in an error state with a sentence, never online, never echoing the token', async () => {
  const output: MockInstance[] = [
    vi.spyOn(console, 'log'),
    vi.spyOn(console, 'error'),
    vi.spyOn(console, 'warn'),
    vi.spyOn(process.stdout, 'write'),
    vi.spyOn(process.stderr, 'write'),
  ];
  running = await startHeadless({ dataDir: tempDir(), ingress: { port: 0 }, tunnel: { authtoken: token } }, { port: 0, rendererDir: path.resolve('dist/renderer') });
  const states: string[] = [];
  running.app.bus.subscribe((message) => {
    if (message.type === 'status.changed') states.push(message.data.tunnel.state);
  });
  const view = await running.app.tunnel.start();
  expect(view.state).toBe('error');
  expect(view.url).toBeNull();
  expect(['TUNNEL_NETWORK', 'TUNNEL_AUTHTOKEN_INVALID', 'TUNNEL_FAILED']).toContain(view.error?.code);
  expect(view.error?.message).toMatch(/^[A-Z].{20,}\.$/);
  expect(states).not.toContain('online');

  // The ingress kept working meanwhile.
  const [endpoint] = await running.app.api.listEndpoints();
  expect((await fetch(endpoint?.url ?? '', { method: 'POST', body: 'hello' })).status).toBe(200);

  const status = JSON.stringify(await running.app.api.getStatus());
  const printed = output.flatMap((spy) => spy.mock.calls.map((args) => args.map((a) => String(a)).join(' '))).join('\n');
  expect(status).not.toContain(token);
  expect(printed).not.toContain(token);
}, 60_000);
