// What the tray shows, as plain data: the menu items, the tooltip and the icon for a given state.
// Pure, so the Electron side only turns items into a Menu and routes clicks by id.

export type TunnelState = 'off' | 'needs-token' | 'connecting' | 'online' | 'error';
export type PauseChoice = '15m' | '1h' | 'until-resumed';

export interface TrayState {
  tunnel: { state: TunnelState; url: string | null };
  unseenFailures: number;
  paused: PauseChoice | null;
  /** A webhook arrived in the last few seconds. */
  receiving?: boolean;
  /** The configured public base URL (own tunnel or reverse proxy), used while the ngrok tunnel is not online. */
  publicBaseUrl?: string | null;
}

export type TrayItemId =
  | 'copy-url'
  | 'open'
  | 'open-failures'
  | 'pause-15m'
  | 'pause-1h'
  | 'pause-until-resumed'
  | 'resume'
  | 'start-tunnel'
  | 'stop-tunnel'
  | 'quit';

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; id: TrayItemId; label: string; enabled: boolean }
  | { type: 'checkbox'; id: TrayItemId; label: string; enabled: boolean; checked: boolean }
  | { type: 'submenu'; label: string; enabled: boolean; submenu: TrayMenuItem[] };

/** What the tray's state is made of, read at the moment it is drawn. */
export interface TraySources {
  /**
   * The core's status; its `alerts` are the alert policy's state (the core owns the pause, which a timed one
   * ends by itself, and the unseen count).
   */
  status: {
    tunnel: { state: TunnelState; url: string | null };
    publicUrl: string | null;
    alerts: { paused: { choice: PauseChoice } | null; unseen: number };
  } | null;
  lastWebhookAt: number;
  now: number;
}

export function trayState({ status, lastWebhookAt, now }: TraySources): TrayState {
  return {
    tunnel: { state: status?.tunnel.state ?? 'off', url: status?.tunnel.url ?? null },
    unseenFailures: status?.alerts.unseen ?? 0,
    paused: status?.alerts.paused?.choice ?? null,
    receiving: now - lastWebhookAt < 5_000,
    publicBaseUrl: status?.tunnel.state === 'online' ? null : (status?.publicUrl ?? null),
  };
}

export type TrayIconName = 'idle' | 'receiving' | 'online' | 'needs-token' | 'error' | 'unseen-failures';

const tunnelWords: Record<TunnelState, string> = {
  off: 'Tunnel off',
  'needs-token': 'Tunnel needs an ngrok authtoken',
  connecting: 'Tunnel connecting…',
  online: 'Tunnel online',
  error: 'Tunnel failed',
};

const pauseLabels: Record<PauseChoice, string> = { '15m': 'For 15 minutes', '1h': 'For 1 hour', 'until-resumed': 'Until resumed' };

function failuresLabel(n: number): string {
  if (n === 0) return 'No unseen failures';
  return n === 1 ? '1 unseen failure' : `${n} unseen failures`;
}

function publicUrl(state: TrayState): string | null {
  return state.tunnel.state === 'online' && state.tunnel.url ? state.tunnel.url : (state.publicBaseUrl ?? null);
}

export function trayMenuModel(state: TrayState): TrayMenuItem[] {
  const url = publicUrl(state);
  const tunnelRunning = state.tunnel.state === 'online' || state.tunnel.state === 'connecting';
  return [
    url
      ? { type: 'normal', id: 'copy-url', label: `Copy ${url}`, enabled: true }
      : { type: 'normal', id: 'copy-url', label: tunnelWords[state.tunnel.state === 'online' ? 'connecting' : state.tunnel.state], enabled: false },
    { type: 'separator' },
    { type: 'normal', id: 'open', label: 'Open Hookbridge', enabled: true },
    { type: 'normal', id: 'open-failures', label: failuresLabel(state.unseenFailures), enabled: state.unseenFailures > 0 },
    {
      type: 'submenu',
      label: state.paused ? 'Notifications paused' : 'Pause notifications',
      enabled: true,
      submenu: [
        ...(['15m', '1h', 'until-resumed'] as const).map(
          (choice): TrayMenuItem => ({ type: 'checkbox', id: `pause-${choice}`, label: pauseLabels[choice], enabled: true, checked: state.paused === choice }),
        ),
        { type: 'separator' },
        { type: 'normal', id: 'resume', label: 'Resume', enabled: state.paused !== null },
      ],
    },
    { type: 'separator' },
    tunnelRunning
      ? { type: 'normal', id: 'stop-tunnel', label: 'Stop tunnel', enabled: true }
      : { type: 'normal', id: 'start-tunnel', label: 'Start tunnel', enabled: true },
    { type: 'separator' },
    { type: 'normal', id: 'quit', label: 'Quit Hookbridge', enabled: true },
  ];
}

export function trayTooltip(state: TrayState): string {
  const lines = ['Hookbridge'];
  const url = publicUrl(state);
  switch (state.tunnel.state) {
    case 'online':
      lines.push(url ? `Tunnel online at ${url}` : 'Tunnel online');
      break;
    case 'needs-token':
      lines.push('Tunnel needs an ngrok authtoken: add one to get a public URL');
      break;
    case 'connecting':
      lines.push('Tunnel connecting…');
      break;
    case 'error':
      lines.push('Tunnel failed: open Hookbridge to see why');
      break;
    case 'off':
      lines.push(url ? `Public URL ${url} (your own tunnel or proxy)` : 'Tunnel off: receiving on this computer only');
      break;
  }
  if (state.unseenFailures > 0) lines.push(failuresLabel(state.unseenFailures));
  if (state.paused) lines.push(state.paused === 'until-resumed' ? 'Notifications paused until resumed' : `Notifications paused ${pauseLabels[state.paused].toLowerCase()}`);
  return lines.join('\n');
}

/** The most urgent thing wins: a broken tunnel, then failures to look at, then what the tunnel is doing. */
export function trayIconName(state: TrayState): TrayIconName {
  if (state.tunnel.state === 'error') return 'error';
  if (state.unseenFailures > 0) return 'unseen-failures';
  if (state.tunnel.state === 'needs-token') return 'needs-token';
  if (state.receiving) return 'receiving';
  if (state.tunnel.state === 'online') return 'online';
  return 'idle';
}
