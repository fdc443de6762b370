import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TunnelAdapter, TunnelConnectOptions, TunnelSession } from '../../../main/core/tunnel/adapter';
import { TunnelController, type TunnelView } from '../../../main/core/tunnel/controller';

const token = '2abcTESTtokenXYZ_0123456789';
const networkError = Object.assign(new Error('failed to connect session: failed to establish tcp connection'), { code: 'GenericFailure' });
const badToken = Object.assign(new Error('authentication failed\n\nerror_code: ERR_NGROK_107'), { errorCode: 'ERR_NGROK_107' });

/** A scripted adapter: each connect() takes the next outcome (an error to throw, or a URL to come up at). */
class FakeAdapter implements TunnelAdapter {
  calls: { at: number; options: TunnelConnectOptions }[] = [];
  closed = 0;
  constructor(private readonly outcomes: (Error | string)[]) {}
  connect(options: TunnelConnectOptions): Promise<TunnelSession> {
    this.calls.push({ at: Date.now(), options });
    const outcome = this.outcomes.shift() ?? networkError;
    if (outcome instanceof Error) return Promise.reject(outcome);
    return Promise.resolve({ url: outcome, close: () => Promise.resolve(void (this.closed += 1)) });
  }
  /** Simulates ngrok dropping the last session. */
  drop(): void {
    this.calls.at(-1)?.options.onClosed();
  }
}

function controller(adapter: TunnelAdapter, options: { authtoken?: string } = { authtoken: token }) {
  const changes: TunnelView[] = [];
  const tunnel = new TunnelController({ adapter, ingressPort: () => 8787, authtoken: options.authtoken, onChange: (v) => changes.push(v) });
  return { tunnel, changes };
}

describe('TunnelController', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('without an authtoken says needs-token and never contacts ngrok', async () => {
    const adapter = new FakeAdapter(['https://never.ngrok.app']);
    for (const missing of [undefined, '', '   ']) {
      const { tunnel, changes } = controller(adapter, { authtoken: missing });
      const view = await tunnel.start();
      expect(view.state).toBe('needs-token');
      expect(view.error?.code).toBe('TUNNEL_AUTHTOKEN_MISSING');
      expect(view.error?.message).toMatch(/No ngrok authtoken is configured.*NGROK_AUTHTOKEN/);
      expect(changes.map((c) => c.state)).toEqual(['needs-token']);
    }
    expect(adapter.calls).toHaveLength(0);
  });

  it('goes connecting → online with the public URL, forwarding only to the ingress on 127.0.0.1', async () => {
    const adapter = new FakeAdapter(['https://abc.ngrok.app']);
    const { tunnel, changes } = controller(adapter);
    const view = await tunnel.start();
    expect(view).toEqual({ state: 'online', url: 'https://abc.ngrok.app', error: null });
    expect(changes.map((c) => c.state)).toEqual(['connecting', 'online']);
    expect(adapter.calls[0]?.options.addr).toBe('127.0.0.1:8787');
    expect(adapter.calls[0]?.options.authtoken).toBe(token);
    expect(JSON.stringify(changes)).not.toContain(token);
  });

  it('retries a network error after 1 s, 2 s, 4 s, … capped at 60 s, then comes online and resets the backoff', async () => {
    const adapter = new FakeAdapter([...Array<Error>(8).fill(networkError), 'https://abc.ngrok.app', networkError, 'https://def.ngrok.app']);
    const { tunnel } = controller(adapter);
    const first = await tunnel.start();
    expect(first.state).toBe('error');
    expect(first.error?.code).toBe('TUNNEL_NETWORK');
    expect(tunnel.retrying).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 8_000 + 16_000 + 32_000 + 60_000 + 60_000);
    const gaps = adapter.calls.map((c, i) => c.at - (adapter.calls[i - 1]?.at ?? 0));
    expect(gaps).toEqual([0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(tunnel.view()).toEqual({ state: 'online', url: 'https://abc.ngrok.app', error: null });

    // An unexpected close reconnects, starting again at 1 s.
    adapter.drop();
    expect(tunnel.view().state).toBe('error');
    expect(tunnel.view().error?.code).toBe('TUNNEL_DISCONNECTED');
    expect(adapter.closed).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tunnel.view().error?.code).toBe('TUNNEL_NETWORK');
    expect(adapter.calls).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(1_999); // the second try after a drop waits 2 s
    expect(adapter.calls).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(1);
    expect(adapter.calls).toHaveLength(11);
    expect(tunnel.view()).toEqual({ state: 'online', url: 'https://def.ngrok.app', error: null });
  });

  it('does not retry a rejected authtoken: the user must act', async () => {
    const adapter = new FakeAdapter([badToken]);
    const { tunnel } = controller(adapter);
    const view = await tunnel.start();
    expect(view.state).toBe('error');
    expect(view.error?.code).toBe('TUNNEL_AUTHTOKEN_INVALID');
    expect(tunnel.retrying).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(adapter.calls).toHaveLength(1);
  });

  it('stop() cancels pending retries, closes the session and says off', async () => {
    const adapter = new FakeAdapter([networkError]);
    const { tunnel, changes } = controller(adapter);
    await tunnel.start();
    await tunnel.stop();
    expect(tunnel.view()).toEqual({ state: 'off', url: null, error: null });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(adapter.calls).toHaveLength(1);
    expect(changes.map((c) => c.state)).toEqual(['connecting', 'error', 'off']);

    const online = new FakeAdapter(['https://abc.ngrok.app']);
    const second = controller(online);
    await second.tunnel.start();
    await second.tunnel.stop();
    expect(online.closed).toBe(1);
    online.drop(); // a late close report from the stopped session changes nothing
    await vi.advanceTimersByTimeAsync(60_000);
    expect(second.tunnel.view().state).toBe('off');
    expect(online.calls).toHaveLength(1);
  });

  it('a session that comes up after stop() is closed at once, never reported online', async () => {
    let release: (session: TunnelSession) => void = () => undefined;
    let closed = false;
    const slow: TunnelAdapter = { connect: () => new Promise((resolve) => (release = resolve)) };
    const { tunnel, changes } = controller(slow);
    void tunnel.start();
    await tunnel.stop();
    release({ url: 'https://late.ngrok.app', close: () => Promise.resolve(void (closed = true)) });
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(true);
    expect(changes.map((c) => c.state)).toEqual(['connecting', 'off']);
  });
});
