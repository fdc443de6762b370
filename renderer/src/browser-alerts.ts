// Desktop notifications in a browser (headless mode, the HTTP transport): each `alert` the core's policy
// raised is shown with the Web Notifications API, title and body exactly as decided (already masked). With
// several tabs open, one of them shows (a Web Lock elects it; when it closes, the next takes over) and the
// notification's tag is the alert's id, so a browser never shows one alert twice. The desktop app never uses
// this: its shell shows the same alerts natively.
import type { Alert, AlertTarget } from '../../main/core/model';
import type { Client } from './client';

export type Permission = NotificationPermission | 'unsupported';

/** Where the page's Notification API is (a test wraps it; the page reads it at each use). */
function api(): typeof Notification | undefined {
  return typeof Notification === 'undefined' ? undefined : Notification;
}

export function notificationPermission(): Permission {
  return api()?.permission ?? 'unsupported';
}

/** Asks the browser; call it only from a user's click (browsers refuse, or remember a refusal, otherwise). */
export async function requestNotificationPermission(): Promise<Permission> {
  const notifications = api();
  if (!notifications) return 'unsupported';
  return notifications.requestPermission();
}

export interface BrowserAlertsOptions {
  /** True while the operating system shows the alerts (`serve --notify`): each alert is shown once per machine. */
  quiet(): boolean;
  /** A click on a notification: the tab comes forward and opens what the alert is about. */
  open(target: AlertTarget): void;
}

/** Shows the stream's alerts while this tab is the one elected to; returns the stop. */
export function startBrowserAlerts(client: Client, options: BrowserAlertsOptions): () => void {
  let elected = false;
  let stopped = false;
  let release = (): void => undefined;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) {
    // Held until this tab closes (or stops): the next tab waiting for it takes over.
    void locks
      .request('hookbridge-alerts', () => {
        if (stopped) return undefined;
        elected = true;
        return new Promise<void>((resolve) => (release = resolve));
      })
      .catch(() => (elected = true));
  } else {
    elected = true; // without Web Locks every tab shows; the tag still keeps one per alert
  }

  const show = (alert: Alert): void => {
    const notifications = api();
    if (!elected || options.quiet() || !notifications || notifications.permission !== 'granted') return;
    const shown = new notifications(alert.title, { body: alert.body, tag: alert.id });
    shown.onclick = () => {
      window.focus();
      shown.close();
      options.open(alert.target);
    };
  };

  const unsubscribe = client.subscribe((message) => {
    if (message.type === 'alert') show(message.data);
  });
  return () => {
    stopped = true;
    elected = false;
    release();
    unsubscribe();
  };
}
