// The tunnel's state machine: off → needs-token | connecting → online | error, with reconnects.
//   - No authtoken: needs-token, and ngrok is never contacted.
//   - A network failure, an unexpected close or an unknown failure: error, then a reconnect after
//     1 s, 2 s, 4 s, … up to 60 s. Errors the user must fix (token, domain, session limit) are not retried.
//   - stop() cancels any pending reconnect and closes the session.
// The ingress never depends on any of this: the tunnel only forwards to it.
import type { Status } from '../model';
import { mapNgrokError, redactSecrets, tunnelErrors, type TunnelError } from './errors';
import type { TunnelAdapter, TunnelSession } from './adapter';

export type TunnelView = Status['tunnel'];
export type TunnelState = TunnelView['state'];

export interface TunnelControllerOptions {
  adapter: TunnelAdapter;
  /** The ingress port on 127.0.0.1 (null before the ingress listens). */
  ingressPort(): number | null;
  authtoken?: string;
  domain?: string;
  /** Called after every state change with the new view. */
  onChange?(view: TunnelView): void;
  backoff?: { initialMs: number; maxMs: number };
}

export class TunnelController {
  private state: TunnelState = 'off';
  private url: string | null = null;
  private error: TunnelError | null = null;
  private session: TunnelSession | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  /** Bumped by start() and stop(): callbacks from an older run are ignored. */
  private run = 0;
  private settled: Array<(view: TunnelView) => void> = [];
  private authtoken: string | undefined;
  private domain: string | undefined;
  private readonly backoff: { initialMs: number; maxMs: number };

  constructor(private readonly options: TunnelControllerOptions) {
    const token = options.authtoken?.trim();
    this.authtoken = token ? token : undefined;
    this.domain = options.domain;
    this.backoff = options.backoff ?? { initialMs: 1_000, maxMs: 60_000 };
  }

  /** What the status shows: never the authtoken. */
  view(): TunnelView {
    return { state: this.state, url: this.url, error: this.error ? { code: this.error.code, message: this.error.message } : null };
  }

  /** The reserved domain the next connect asks for. */
  get domainInUse(): string | undefined {
    return this.domain;
  }

  /** Whether the current error will be retried by itself. */
  get retrying(): boolean {
    return this.retryTimer !== null;
  }

  /**
   * Starts the tunnel (a no-op while connecting or online). Resolves with the view once the first attempt
   * has an outcome: online, error, or needs-token.
   */
  start(): Promise<TunnelView> {
    if (this.state === 'connecting' || this.state === 'online') return this.state === 'online' ? Promise.resolve(this.view()) : this.nextOutcome();
    this.cancelRetry();
    this.run += 1;
    this.attempt = 0;
    if (!this.authtoken) {
      this.set('needs-token', null, tunnelErrors.missingToken());
      return Promise.resolve(this.view());
    }
    const outcome = this.nextOutcome();
    void this.connect(this.run);
    return outcome;
  }

  /**
   * Uses another authtoken and domain from now on. A tunnel that was started (whatever its state) starts
   * again with them at once, so pasting a token over "needs a token" or a refused one is all it takes.
   */
  async reconfigure(change: { authtoken?: string | undefined; domain?: string | undefined }): Promise<void> {
    if ('authtoken' in change) this.authtoken = change.authtoken?.trim() || undefined;
    if ('domain' in change) this.domain = change.domain || undefined;
    if (this.state === 'off') return;
    await this.stop();
    void this.start();
  }

  /** Stops the tunnel and any pending reconnect. */
  async stop(): Promise<void> {
    this.run += 1;
    this.cancelRetry();
    const session = this.session;
    this.session = null;
    this.set('off', null, null);
    this.resolveOutcome();
    if (session) await session.close().catch(() => undefined);
  }

  private nextOutcome(): Promise<TunnelView> {
    return new Promise((resolve) => this.settled.push(resolve));
  }

  private resolveOutcome(): void {
    const waiting = this.settled;
    this.settled = [];
    for (const resolve of waiting) resolve(this.view());
  }

  private async connect(run: number): Promise<void> {
    const port = this.options.ingressPort();
    const authtoken = this.authtoken;
    if (!authtoken) return;
    // Keep the last error visible while reconnecting: it says why.
    this.set('connecting', null, this.error);
    if (port === null) {
      this.fail(run, { code: 'TUNNEL_FAILED', message: 'The ingress is not listening yet, so there is nothing to forward to. Start Hookbridge first.', retryable: false });
      return;
    }
    let session: TunnelSession;
    try {
      session = await this.options.adapter.connect({
        addr: `127.0.0.1:${port}`,
        authtoken,
        ...(this.domain ? { domain: this.domain } : {}),
        onClosed: () => this.closedUnexpectedly(run),
      });
    } catch (error) {
      this.fail(run, mapNgrokError(error, authtoken));
      return;
    }
    if (run !== this.run) {
      await session.close().catch(() => undefined);
      return;
    }
    this.session = session;
    this.attempt = 0;
    this.set('online', redactSecrets(session.url, authtoken), null);
    this.resolveOutcome();
  }

  private fail(run: number, error: TunnelError): void {
    if (run !== this.run) return;
    this.set('error', null, error);
    this.resolveOutcome();
    if (error.retryable) this.scheduleRetry(run);
  }

  private closedUnexpectedly(run: number): void {
    const session = this.session;
    if (run !== this.run || !session) return;
    this.session = null;
    void session.close().catch(() => undefined);
    this.fail(run, tunnelErrors.closed());
  }

  private scheduleRetry(run: number): void {
    const delay = Math.min(this.backoff.initialMs * 2 ** this.attempt, this.backoff.maxMs);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (run === this.run) void this.connect(run);
    }, delay);
    this.retryTimer.unref();
  }

  private cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private set(state: TunnelState, url: string | null, error: TunnelError | null): void {
    const before = JSON.stringify(this.view());
    this.state = state;
    this.url = url;
    this.error = error;
    if (JSON.stringify(this.view()) !== before) this.options.onChange?.(this.view());
  }
}
