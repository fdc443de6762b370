// The alert policy's pause, in the status bar: the same pause as the tray's (and the CLI's), for 15 minutes,
// an hour or until resumed. While paused it says until when, with Resume at hand. Captured events are never
// paused, only the alerts about them.
import { useState } from 'preact/hooks';
import type { AlertPause, AlertState } from '../../../main/core/model';
import type { Client } from '../client';
import { errorMessage } from '../format';

const choices: readonly [AlertPause, string][] = [
  ['15m', 'For 15 minutes'],
  ['1h', 'For 1 hour'],
  ['until-resumed', 'Until resumed'],
];

function until(paused: NonNullable<AlertState['paused']>): string {
  if (paused.until === null) return 'until resumed';
  return `until ${new Date(paused.until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
}

export function AlertsControl({ client, alerts }: { client: Client; alerts: AlertState | undefined }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (call: () => Promise<unknown>): void => {
    setOpen(false);
    setError(null);
    // The new state comes back on the stream (alerts.changed), for this window and every other.
    call().catch((e: unknown) => setError(errorMessage(e)));
  };
  if (!alerts) return null;
  const failure = error && (
    <span class="form-error" role="alert">
      {error}
    </span>
  );
  if (alerts.paused) {
    return (
      <span class="alerts-control paused" data-state="paused">
        <span>Alerts paused {until(alerts.paused)}</span>{' '}
        <button type="button" class="link" onClick={() => run(() => client.api.resumeAlerts())}>
          Resume
        </button>
        {failure}
      </span>
    );
  }
  return (
    <span
      class="alerts-control"
      data-state="on"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button type="button" class="link" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Alerts on ▾
      </button>
      {alerts.osNotifications && <span class="quiet">— shown by `hookbridge serve --notify`, so this page stays quiet</span>}
      {open && (
        <span class="alerts-menu" role="menu" aria-label="Pause alerts">
          {choices.map(([choice, label]) => (
            <button key={choice} type="button" role="menuitem" onClick={() => run(() => client.api.pauseAlerts({ for: choice }))}>
              Pause {label.toLowerCase()}
            </button>
          ))}
        </span>
      )}
      {failure}
    </span>
  );
}
