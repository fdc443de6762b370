// `hookbridge serve --notify`: the core's alerts as the operating system's own notifications, from the headless
// process. Linux: the freedesktop notification service over the session D-Bus (@homebridge/dbus-native: a
// method call, no subprocess and no shell for text a sender wrote). macOS and Windows: node-notifier, which
// runs the notifier binaries it ships (terminal-notifier, SnoreToast) with execFile. The text is the alert's,
// already masked by the policy; on Linux it is also escaped, since notification servers read the body as markup.
import dbus from '@homebridge/dbus-native';
import type { Alert } from '../core/model';

export interface OsNotifier {
  /** What shows them, for the startup line ("the session D-Bus notification service"). */
  readonly name: string;
  /** Resolves once the OS has the notification; rejects with a sentence when nothing can show it. */
  show(alert: Alert): Promise<void>;
  /** Resolves when a notification could be shown now, rejects with why not (asked once at startup). */
  probe(): Promise<void>;
  close(): void;
}

/** The freedesktop body markup's special characters, escaped: a sender's `<a href>` stays text. */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface DbusBus {
  invoke(message: { destination: string; path: string; interface: string; member: string; signature?: string; body?: unknown[] }, callback: (error: unknown, ...values: unknown[]) => void): void;
  connection: { end(): void; on(event: 'error', listener: (error: Error) => void): void };
}

const service = { destination: 'org.freedesktop.Notifications', path: '/org/freedesktop/Notifications', interface: 'org.freedesktop.Notifications' };

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return error.map(String).join(' ');
  return String(error);
}

/** Linux and the BSDs: Notify on the session bus (DBUS_SESSION_BUS_ADDRESS, or the one given). */
export function freedesktopNotifier(busAddress = process.env.DBUS_SESSION_BUS_ADDRESS): OsNotifier {
  let bus: DbusBus | null = null;
  let broken: string | null = null;
  const connect = (): DbusBus => {
    if (broken) throw new Error(broken);
    if (!busAddress) throw new Error('there is no session D-Bus (DBUS_SESSION_BUS_ADDRESS is not set)');
    if (!bus) {
      bus = (dbus as unknown as { sessionBus(options: { busAddress: string }): DbusBus }).sessionBus({ busAddress });
      bus.connection.on('error', (error) => {
        broken = `the session D-Bus went away (${error.message})`;
        bus = null;
      });
    }
    return bus;
  };
  const call = (member: string, signature?: string, body?: unknown[]): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      let connected: DbusBus;
      try {
        connected = connect();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(describe(error)));
        return;
      }
      connected.invoke({ ...service, member, ...(signature ? { signature, body } : {}) }, (error, ...values) =>
        error ? reject(new Error(`the notification service answered: ${describe(error)}`)) : resolve(values),
      );
    });
  return {
    name: 'the desktop notification service (D-Bus)',
    probe: async () => {
      await call('GetServerInformation');
    },
    show: async (alert) => {
      // urgency: 1 normal, 2 critical (Hookbridge itself cannot capture); -1: the server's own timeout.
      const hints = [['urgency', ['y', alert.severity === 'error' ? 2 : 1]]];
      await call('Notify', 'susssasa{sv}i', ['Hookbridge', 0, '', alert.title, escapeMarkup(alert.body), [], hints, -1]);
    },
    close: () => {
      bus?.connection.end();
      bus = null;
    },
  };
}

/** macOS (Notification Center) and Windows (toasts), through node-notifier's shipped binaries. */
export async function nativeNotifier(): Promise<OsNotifier> {
  const { default: notifier } = await import('node-notifier');
  return {
    name: process.platform === 'darwin' ? 'Notification Center' : 'Windows notifications',
    probe: () => Promise.resolve(),
    show: (alert) =>
      new Promise((resolve, reject) =>
        notifier.notify({ title: alert.title, message: alert.body, wait: false }, (error) => (error ? reject(new Error(describe(error))) : resolve())),
      ),
    close: () => undefined,
  };
}

export function osNotifier(): Promise<OsNotifier> {
  return process.platform === 'darwin' || process.platform === 'win32' ? nativeNotifier() : Promise.resolve(freedesktopNotifier());
}
