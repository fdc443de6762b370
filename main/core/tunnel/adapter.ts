// The one place that talks to @ngrok/ngrok, behind a small interface so tests can inject a fake.
// The SDK is imported on first use: running without a tunnel never loads the native module.

export interface TunnelConnectOptions {
  /** Always "127.0.0.1:<ingress port>": the tunnel forwards to the ingress and nothing else. */
  addr: string;
  authtoken: string;
  domain?: string;
  /** Called at most once, when the session drops after it was up (not for a failed connect). */
  onClosed(): void;
}

export interface TunnelSession {
  readonly url: string;
  close(): Promise<void>;
}

export interface TunnelAdapter {
  /** Resolves when the public URL is up; rejects with the SDK's error otherwise. */
  connect(options: TunnelConnectOptions): Promise<TunnelSession>;
}

export const ngrokAdapter: TunnelAdapter = {
  async connect({ addr, authtoken, domain, onClosed }) {
    const ngrok = await import('@ngrok/ngrok');
    let up = false;
    let closedReported = false;
    const listener = await ngrok.forward({
      addr,
      authtoken,
      ...(domain ? { domain } : {}),
      // A new session per attempt: a reconnect must not reuse a session that is itself reconnecting.
      force_new_session: true,
      onStatusChange: (status: string) => {
        // The SDK also reports 'closed' for a connect that fails; only a drop after success counts.
        if (status === 'closed' && up && !closedReported) {
          closedReported = true;
          onClosed();
        }
      },
    });
    const url = listener.url();
    if (!url) {
      await listener.close().catch(() => undefined);
      throw new Error('ngrok returned no public URL for the tunnel');
    }
    up = true;
    return {
      url,
      close: async () => {
        closedReported = true;
        await listener.close();
      },
    };
  },
};
