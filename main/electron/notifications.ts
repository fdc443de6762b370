// The desktop shell's notifications: each alert the core's policy raised is shown as it is, once. The shell
// decides nothing (no policy, no masking, no coalescing lives here: main/core/alerts does all of it, for the
// browser UI and the terminal too); it only turns an alert into a native notification and a click into a view.
import { viewQuery } from '../core/api/view-url';
import type { BusMessage } from '../core/bus';
import type { Alert, AlertTarget } from '../core/model';

/** The part of Electron's Notification the shell uses (the real class fits: test/electron/notifications.test.ts). */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface NotificationHost {
  /** False on desktops without a notification service: nothing is shown; the tray still counts. */
  isSupported(): boolean;
  create(options: { title: string; body: string }): NotificationLike;
}

/** The view an alert opens: the event, the feed narrowed to what the summary counted, or the plain window. */
export function alertRoute(target: AlertTarget): string {
  switch (target.kind) {
    case 'event':
      return viewQuery({ selected: target.id });
    case 'feed':
      return viewQuery({ filter: target.filter });
    case 'status':
      return '';
  }
}

/** Shows every `alert` message the bus carries; returns the unsubscribe. */
export function showAlerts(
  source: { subscribe(listener: (message: BusMessage) => void): () => void },
  host: NotificationHost,
  onClick: (alert: Alert) => void,
): () => void {
  return source.subscribe((message) => {
    if (message.type !== 'alert' || !host.isSupported()) return;
    const alert = message.data;
    const shown = host.create({ title: alert.title, body: alert.body });
    shown.on('click', () => onClick(alert));
    shown.show();
  });
}
