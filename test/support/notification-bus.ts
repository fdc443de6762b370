// A private D-Bus session bus (Debian's dbus-daemon) with a small notification server on it, registered as
// org.freedesktop.Notifications: what a Linux desktop's notification daemon is, recording each Notify call
// instead of drawing a popup (the popup is the one boundary we cannot cross here).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import dbus from '@homebridge/dbus-native';
import { tempDir } from './app';

export interface Notified {
  appName: string;
  summary: string;
  body: string;
  /** The hints' keys (urgency, category…). */
  hints: string[];
}

export interface NotificationBus {
  /** For DBUS_SESSION_BUS_ADDRESS. */
  address: string;
  notified: Notified[];
  stop(): Promise<void>;
}

interface Bus {
  requestName(name: string, flags: number, callback: (error: unknown, code: number) => void): void;
  exportInterface(implementation: object, path: string, description: object): void;
  connection: { end(): void; on(event: 'error', listener: (error: unknown) => void): void };
}

export async function startNotificationBus(): Promise<NotificationBus> {
  const socket = path.join(tempDir(), 'bus');
  const daemon: ChildProcess = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1', `--address=unix:path=${socket}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    daemon.once('error', (error) => reject(new Error(`dbus-daemon did not start (apt-get install -y dbus-daemon): ${error.message}`)));
    daemon.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
  });

  const bus = (dbus as unknown as { sessionBus(options: { busAddress: string }): Bus }).sessionBus({ busAddress: address });
  bus.connection.on('error', () => undefined); // the daemon goes first at stop
  const notified: Notified[] = [];
  let nextId = 0;
  await new Promise<void>((resolve, reject) =>
    bus.requestName('org.freedesktop.Notifications', 0x4, (error, code) => (error || code !== 1 ? reject(new Error(`could not own org.freedesktop.Notifications (${String(error ?? code)})`)) : resolve())),
  );
  bus.exportInterface(
    {
      Notify: (appName: string, _replacesId: number, _icon: string, summary: string, body: string, _actions: string[], hints: [string, unknown][]) => {
        notified.push({ appName, summary, body, hints: hints.map(([key]) => key) });
        return ++nextId;
      },
      GetCapabilities: () => ['body'],
      GetServerInformation: () => ['hookbridge-test', 'hookbridge', '1', '1.2'],
      CloseNotification: () => undefined,
    },
    '/org/freedesktop/Notifications',
    {
      name: 'org.freedesktop.Notifications',
      methods: {
        Notify: ['susssasa{sv}i', 'u', ['app_name', 'replaces_id', 'app_icon', 'summary', 'body', 'actions', 'hints', 'expire_timeout'], ['id']],
        GetCapabilities: ['', 'as', [], ['capabilities']],
        GetServerInformation: ['', 'ssss', [], ['name', 'vendor', 'version', 'spec_version']],
        CloseNotification: ['u', '', ['id'], []],
      },
      signals: {},
      properties: {},
    },
  );

  return {
    address,
    notified,
    stop: async () => {
      bus.connection.end();
      const gone = new Promise((resolve) => daemon.once('exit', resolve));
      daemon.kill('SIGTERM');
      await gone;
    },
  };
}
