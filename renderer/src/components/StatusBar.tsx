// The status bar: the ingress, the tunnel, today's counts, the database size and the stream's connection.
// It reads the live store itself, so a burst of webhooks re-renders this bar, not the whole window.
import type { Client } from '../client';
import { bytes } from '../format';
import type { Live } from '../live';
import { AlertsControl } from './AlertsControl';
import { TunnelStatus } from './TunnelStatus';
import { useSignal } from '../use-signal';

export interface StatusBarProps {
  client: Client;
  live: Live;
  paused: boolean;
  onOpenSettings(): void;
}

export function StatusBar({ client, live, paused, onOpenSettings }: StatusBarProps) {
  const status = useSignal(live.status);
  const today = useSignal(live.today);
  const connection = useSignal(live.connection);
  return (
    <footer class="statusbar" aria-label="Status">
      <span>Ingress {status?.ingress.url ?? '…'}</span>
      <TunnelStatus client={client} tunnel={status?.tunnel} onOpenSettings={onOpenSettings} />
      <span>
        {today.events} event{today.events === 1 ? '' : 's'} today
      </span>
      <span class={today.failed > 0 ? 'failed-count' : ''}>{today.failed} failed today</span>
      <span>Database {status ? bytes(status.retention.databaseBytes) : '…'}</span>
      {status?.retention.lastPrunedAt && (
        <span class="quiet">
          pruned {status.retention.lastPrunedCount} old events at {new Date(status.retention.lastPrunedAt).toLocaleTimeString()}
        </span>
      )}
      <AlertsControl client={client} alerts={status?.alerts} />
      <span class={`connection ${connection}`}>{paused ? 'paused' : connection}</span>
    </footer>
  );
}
