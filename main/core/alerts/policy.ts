// Decides which captured events and store failures become alerts, and when: bursts coalesced, pauses, muted
// endpoints, and the count of failures the user has not looked at yet. Pure apart from the clock and the
// `show` callback it is given; alerts/service.ts runs it in the core for every place that shows alerts.
import type { AlertDecision, Delivery, EventSummary } from '../model';
import { type AlertNotification, burstAlert, eventAlert, forwardAlert, groupName, storeFailureAlert } from './text';

export type { AlertNotification, AlertTarget } from './text';

export interface AlertPolicyOptions<Handle> {
  now: () => number;
  setTimer: (fn: () => void, ms: number) => Handle;
  clearTimer: (handle: Handle) => void;
  /** Displays one notification. Where notifications are unsupported this may do nothing or throw; the policy's state is the same either way. */
  show: (notification: AlertNotification) => void;
  /** Length of a coalescing window. */
  windowMs?: number;
  /** Alerts shown one by one per window before the rest wait for the window's summary. */
  burstThreshold?: number;
  /** A timed pause ended by itself (whoever shows the pause state redraws). */
  onResumed?: () => void;
}

/** A store that cannot write fails every request; one reminder a minute says so without flooding. */
const storeFailureIntervalMs = 60_000;

interface BurstWindow<Handle> {
  timer: Handle;
  /** After a window that overflowed, the next holds everything, so a storm yields one summary per window. */
  storming: boolean;
  shown: number;
  held: number;
  countsByName: Map<string, number>;
  /** The one event name every failure of the window had, while that holds; null once they differ. */
  onlyName: string | null | undefined;
}

export class AlertPolicy<Handle = unknown> {
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => Handle;
  private readonly clearTimer: (handle: Handle) => void;
  private readonly display: (notification: AlertNotification) => void;
  private readonly windowMs: number;
  private readonly burstThreshold: number;
  private readonly onResumed: () => void;

  private window: BurstWindow<Handle> | null = null;
  private paused = false;
  private pauseTimer: Handle | null = null;
  private readonly muted = new Set<string>();
  // Ids rather than a number, so opening the same failure twice lowers the count once.
  private readonly unseen = new Set<string>();
  private lastStoreAlertAt: number | null = null;

  constructor(options: AlertPolicyOptions<Handle>) {
    this.now = options.now;
    this.setTimer = options.setTimer;
    this.clearTimer = options.clearTimer;
    this.display = options.show;
    this.windowMs = options.windowMs ?? 10_000;
    this.burstThreshold = options.burstThreshold ?? 3;
    this.onResumed = options.onResumed ?? (() => undefined);
  }

  /**
   * Every created event (the bus's `event.created`); only failures and rejected auth alert. Returns what was
   * decided for it, or null when it is not an alert.
   */
  onEvent(summary: EventSummary, endpointName: string): AlertDecision | null {
    const rule = summary.alertRule;
    // The endpoint's alert rule decides first: "never" keeps even a failure quiet; "notify" makes anything an alert.
    if (rule?.action === 'never') return alertReason(summary) === null ? null : { outcome: 'quiet', reason: 'rule', rule: rule.name };
    const reason = rule?.action === 'notify' ? 'rule' : alertReason(summary);
    if (reason === null) return null;
    // A redelivery of a failure already reported (duplicate, or the provider's retry of the same notification)
    // is the same news: the feed shows it, no alert announces it again.
    if (summary.duplicateOf !== null || summary.retryOf !== null) return { outcome: 'quiet', reason: 'redelivery' };
    const named = summary.name !== null && (summary.severity === 'failed' || reason === 'rule') ? summary.name : null;
    const decision: AlertDecision = { outcome: this.decide(summary, groupName(summary), named, () => eventAlert(summary, endpointName)), reason };
    return rule ? { ...decision, rule: rule.name } : decision;
  }

  /**
   * A forward of a stored event to the local app failed: it refused the connection, timed out or answered 5xx.
   * Coalesced with the rest; counted as unseen like a failure.
   */
  onForwardFailure(summary: EventSummary, delivery: Delivery, endpointName: string): AlertDecision {
    return { outcome: this.decide(summary, `forward of ${groupName(summary)}`, null, () => forwardAlert(summary, delivery, endpointName)), reason: 'forward' };
  }

  /** One alert-worthy thing about an event: muted, paused, told on its own, or held for the window's summary. */
  private decide(summary: EventSummary, group: string, named: string | null, alert: () => AlertNotification): AlertDecision['outcome'] {
    if (this.muted.has(summary.endpointId)) return 'muted';
    this.unseen.add(summary.id);
    if (this.isPaused()) return 'paused';

    const window = this.window ?? this.openWindow(false);
    window.countsByName.set(group, (window.countsByName.get(group) ?? 0) + 1);
    window.onlyName = window.onlyName === undefined || window.onlyName === named ? named : null;
    if (!window.storming && window.shown < this.burstThreshold) {
      window.shown += 1;
      this.safeShow(alert());
      return 'alerted';
    }
    window.held += 1;
    return 'summarized';
  }

  /** A write the store could not commit. Never coalesced away and never muted: capture itself is down. */
  onStoreFailure(error: { code: string; message: string }): void {
    if (this.isPaused()) return;
    const now = this.now();
    if (this.lastStoreAlertAt !== null && now - this.lastStoreAlertAt < storeFailureIntervalMs) return;
    this.lastStoreAlertAt = now;
    this.safeShow(storeFailureAlert(error));
  }

  /** Silences notifications until `untilMs` (epoch ms), or until `resume()` when null. Counting goes on. */
  pause(untilMs: number | null): void {
    this.clearPauseTimer();
    // Whatever a window was holding would surface as a summary mid-pause; the unseen count keeps it instead.
    this.closeWindow();
    if (untilMs !== null) {
      const delay = untilMs - this.now();
      if (delay <= 0) {
        this.paused = false;
        return;
      }
      this.pauseTimer = this.setTimer(() => {
        this.pauseTimer = null;
        this.resume();
        this.onResumed();
      }, delay);
    }
    this.paused = true;
  }

  resume(): void {
    this.clearPauseTimer();
    this.paused = false;
  }

  isPaused(): boolean {
    return this.paused;
  }

  mute(endpointId: string): void {
    this.muted.add(endpointId);
  }

  unmute(endpointId: string): void {
    this.muted.delete(endpointId);
  }

  isMuted(endpointId: string): boolean {
    return this.muted.has(endpointId);
  }

  /** Failures notified (or silenced by a pause) that the user has not opened yet. */
  get unseenCount(): number {
    return this.unseen.size;
  }

  markAllSeen(): void {
    this.unseen.clear();
  }

  /** The user opened this event; a failure counts as seen from then on. */
  onSeen(eventId: string): void {
    this.unseen.delete(eventId);
  }

  /** Stops the timers, for shutdown. */
  dispose(): void {
    this.clearPauseTimer();
    this.closeWindow();
  }

  private openWindow(storming: boolean): BurstWindow<Handle> {
    const window: BurstWindow<Handle> = {
      timer: this.setTimer(() => this.endWindow(window), this.windowMs),
      storming,
      shown: 0,
      held: 0,
      countsByName: new Map(),
      onlyName: undefined,
    };
    this.window = window;
    return window;
  }

  private endWindow(window: BurstWindow<Handle>): void {
    if (this.window !== window) return;
    this.window = null;
    if (window.held === 0) return;
    this.safeShow(burstAlert(window.countsByName, this.windowMs, window.onlyName ?? null));
    // The storm may go on: the next window holds from its first failure. A window that stays empty ends it.
    this.openWindow(true);
  }

  private closeWindow(): void {
    if (this.window) this.clearTimer(this.window.timer);
    this.window = null;
  }

  private clearPauseTimer(): void {
    if (this.pauseTimer !== null) this.clearTimer(this.pauseTimer);
    this.pauseTimer = null;
  }

  private safeShow(notification: AlertNotification): void {
    try {
      this.display(notification);
    } catch {
      // Notifications unsupported or refused by the OS: the decision and the counts stand regardless.
    }
  }
}

/** Why an event is an alert: a failure the provider reported, or a request that failed the endpoint's auth check (rejected, or let through and flagged). */
export function alertReason(summary: EventSummary): 'failed' | 'auth' | null {
  if (summary.flags.includes('auth_failed') || summary.flags.includes('auth_unverified')) return 'auth';
  return summary.severity === 'failed' ? 'failed' : null;
}

/** A forward the local app failed: no answer (refused, timed out), or a 5xx. */
export function forwardFailed(delivery: Delivery): boolean {
  return delivery.kind === 'forward' && (delivery.response === null || delivery.response.status >= 500);
}
