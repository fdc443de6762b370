import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAlerts } from '../../main/core/alerts/service';
import { Bus } from '../../main/core/bus';
import { trayIconName, trayMenuModel, trayState, trayTooltip, type TrayMenuItem, type TrayState } from '../../main/electron/tray-menu';

const off: TrayState = { tunnel: { state: 'off', url: null }, unseenFailures: 0, paused: null };
const online: TrayState = { ...off, tunnel: { state: 'online', url: 'https://a1b2.ngrok.app' } };

function labels(items: TrayMenuItem[]): string[] {
  return items.flatMap((item) => (item.type === 'separator' ? [] : [item.label]));
}

function item(items: TrayMenuItem[], id: string): TrayMenuItem | undefined {
  for (const entry of items) {
    if (entry.type === 'submenu') {
      const found = item(entry.submenu, id);
      if (found) return found;
    } else if (entry.type !== 'separator' && entry.id === id) {
      return entry;
    }
  }
  return undefined;
}

describe('the tray', () => {
  it("the tray menu shows the public URL when online, 'Tunnel off' otherwise, and the unseen-failure count", () => {
    expect(item(trayMenuModel(online), 'copy-url')).toMatchObject({ label: 'Copy https://a1b2.ngrok.app', enabled: true });
    expect(item(trayMenuModel(off), 'copy-url')).toMatchObject({ label: 'Tunnel off', enabled: false });

    expect(item(trayMenuModel({ ...off, unseenFailures: 3 }), 'open-failures')).toMatchObject({ label: '3 unseen failures', enabled: true });
    expect(item(trayMenuModel({ ...off, unseenFailures: 1 }), 'open-failures')).toMatchObject({ label: '1 unseen failure' });
    expect(item(trayMenuModel(off), 'open-failures')).toMatchObject({ label: 'No unseen failures', enabled: false });
  });

  it('reads top to bottom: URL, open, failures, pause, tunnel, quit', () => {
    expect(labels(trayMenuModel(off))).toEqual(['Tunnel off', 'Open Hookbridge', 'No unseen failures', 'Pause notifications', 'Start tunnel', 'Quit Hookbridge']);
    expect(labels(trayMenuModel(online))).toContain('Stop tunnel');
    expect(labels(trayMenuModel({ ...off, tunnel: { state: 'connecting', url: null } }))).toEqual(
      expect.arrayContaining(['Tunnel connecting…', 'Stop tunnel']),
    );
  });

  it('with a public base URL of your own (tunnel off), the menu copies it and the tooltip names it', () => {
    const own: TrayState = { ...off, publicBaseUrl: 'https://hooks.example.com' };
    expect(item(trayMenuModel(own), 'copy-url')).toMatchObject({ label: 'Copy https://hooks.example.com', enabled: true });
    expect(trayTooltip(own)).toContain('Public URL https://hooks.example.com (your own tunnel or proxy)');
    // The ngrok URL wins while the tunnel is online.
    expect(item(trayMenuModel({ ...online, publicBaseUrl: 'https://hooks.example.com' }), 'copy-url')).toMatchObject({ label: 'Copy https://a1b2.ngrok.app' });
  });

  it('the pause submenu ticks the chosen pause and offers Resume only while paused', () => {
    const running = trayMenuModel(off);
    expect(item(running, 'resume')).toMatchObject({ enabled: false });
    expect(item(running, 'pause-15m')).toMatchObject({ label: 'For 15 minutes', checked: false });

    const paused = trayMenuModel({ ...off, paused: '1h' });
    expect(labels(paused)).toContain('Notifications paused');
    expect(item(paused, 'pause-1h')).toMatchObject({ label: 'For 1 hour', checked: true });
    expect(item(paused, 'pause-until-resumed')).toMatchObject({ checked: false });
    expect(item(paused, 'resume')).toMatchObject({ enabled: true });
  });

  it('tooltip says needs-token in words', () => {
    const tooltip = trayTooltip({ ...off, tunnel: { state: 'needs-token', url: null } });
    expect(tooltip).toBe('Hookbridge\nTunnel needs an ngrok authtoken: add one to get a public URL');
    expect(tooltip).not.toContain('needs-token');
  });

  it('tooltip gives the public URL, the failures to look at and a pause', () => {
    expect(trayTooltip({ ...online, unseenFailures: 2, paused: '15m' })).toBe(
      'Hookbridge\nTunnel online at https://a1b2.ngrok.app\n2 unseen failures\nNotifications paused for 15 minutes',
    );
    expect(trayTooltip({ ...off, paused: 'until-resumed' })).toContain('Notifications paused until resumed');
  });

  it('the icon shows the most urgent state', () => {
    expect(trayIconName(off)).toBe('idle');
    expect(trayIconName(online)).toBe('online');
    expect(trayIconName({ ...online, receiving: true })).toBe('receiving');
    expect(trayIconName({ ...off, tunnel: { state: 'needs-token', url: null } })).toBe('needs-token');
    expect(trayIconName({ ...online, unseenFailures: 1 })).toBe('unseen-failures');
    expect(trayIconName({ ...off, tunnel: { state: 'error', url: null }, unseenFailures: 4 })).toBe('error');
  });

  describe('pause, as the core’s alert policy keeps it', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('a 15 min pause ends by itself: the tray stops saying "paused", Resume goes grey, and alerts.changed tells it to redraw', async () => {
      vi.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z') });
      const bus = new Bus();
      const changes: unknown[] = [];
      bus.subscribe((message) => message.type === 'alerts.changed' && changes.push(message.data));
      const alerts = createAlerts({ bus, windowMs: 10_000, endpoints: () => [], record: () => undefined, summaryOf: () => null });
      const tray = (): TrayState =>
        trayState({ status: { tunnel: { state: 'off', url: null }, publicUrl: null, alerts: alerts.state() }, lastWebhookAt: 0, now: Date.now() });

      alerts.pause('15m');
      expect(item(trayMenuModel(tray()), 'resume')).toMatchObject({ enabled: true });
      expect(item(trayMenuModel(tray()), 'pause-15m')).toMatchObject({ checked: true });
      expect(trayTooltip(tray())).toContain('Notifications paused for 15 minutes');
      await vi.advanceTimersByTimeAsync(0);
      expect(changes).toHaveLength(1);

      await vi.advanceTimersByTimeAsync(15 * 60_000);
      expect(changes).toHaveLength(2);
      expect(tray().paused).toBeNull();
      expect(labels(trayMenuModel(tray()))).toContain('Pause notifications');
      expect(item(trayMenuModel(tray()), 'resume')).toMatchObject({ enabled: false });
      expect(item(trayMenuModel(tray()), 'pause-15m')).toMatchObject({ checked: false });
      expect(trayTooltip(tray())).not.toContain('paused');
      alerts.dispose();
    });
  });
});
