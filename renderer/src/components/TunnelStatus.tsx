// The tunnel in the status bar: its state in words, the public URL to copy, and start/stop.
import { useState } from 'preact/hooks';
import type { Client, Status } from '../client';

const words: Record<Status['tunnel']['state'], string> = {
  off: 'Tunnel off',
  'needs-token': 'Tunnel needs an ngrok authtoken',
  connecting: 'Tunnel connecting…',
  online: 'Tunnel online',
  error: 'Tunnel error',
};

export function TunnelStatus({ client, tunnel, onOpenSettings }: { client: Client; tunnel: Status['tunnel'] | undefined; onOpenSettings(): void }) {
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  if (!tunnel) return <span>Tunnel …</span>;
  const run = (action: 'startTunnel' | 'stopTunnel'): void => {
    setBusy(true);
    void client.api[action]({}).finally(() => setBusy(false));
  };
  const running = tunnel.state === 'online' || tunnel.state === 'connecting';
  return (
    <span class={`tunnel tunnel-${tunnel.state}`} data-state={tunnel.state}>
      <span>{words[tunnel.state]}</span>
      {tunnel.state === 'online' && tunnel.url && (
        <button
          type="button"
          class="link"
          title="Copy the public URL"
          onClick={() => void navigator.clipboard?.writeText(tunnel.url ?? '').then(() => setCopied(true))}
        >
          {tunnel.url} {copied ? '(copied)' : ''}
        </button>
      )}
      {tunnel.state === 'needs-token' && (
        <span class="tunnel-hint">
          {' — '}
          <button type="button" class="link" onClick={onOpenSettings}>
            add your ngrok authtoken in Settings
          </button>
        </span>
      )}
      {tunnel.error && tunnel.state !== 'needs-token' && (
        <span class="tunnel-hint" role="note" title={tunnel.error.message}>
          {' — '}
          {tunnel.error.message}
        </span>
      )}
      <button type="button" class="tunnel-action" disabled={busy} onClick={() => run(running ? 'stopTunnel' : 'startTunnel')}>
        {running ? 'Stop tunnel' : tunnel.state === 'error' ? 'Retry tunnel' : 'Start tunnel'}
      </button>
    </span>
  );
}
