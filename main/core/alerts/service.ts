// The alert policy, run once in the core for every place that shows alerts: the desktop shell, the browser
// UI, the terminal. It hears the bus (events, endpoint mutes, seen failures, store failures), decides with
// AlertPolicy, and says what it decided on the bus: each alert once (`alert`), the pause and the unseen count
// whenever they change (`alerts.changed`), and each alert-worthy event's decision is stored with the event.
import type { Bus, BusMessage } from '../bus';
import { systemClock, type Clock } from '../clock';
import { newUlid } from '../ids';
import type { AlertDecision, AlertPause, AlertState, EventSummary } from '../model';
import { AlertPolicy, alertReason, forwardFailed, type AlertNotification } from './policy';


export interface AlertsDeps {
  bus: Bus;
  windowMs: number;
  /** The policy's clock and timers: the system's, or a test's. */
  clock?: Clock;
  /** The endpoints now (none before the store is open): their names word the alerts, `notify` off mutes them. */
  endpoints(): readonly { id: string; name: string; notify: boolean; forward: { alertOnFailure: boolean } | null }[];
  /** The feed row of a stored event, or null when it is gone (a forward's alert names its event). */
  summaryOf(eventId: string): EventSummary | null;
  /** Stores decisions with their events, a burst's in one write (a failure is logged: the alerts still go out). */
  record(decisions: readonly { id: string; decision: AlertDecision }[]): void;
}

export interface Alerts {
  state(): AlertState;
  pause(choice: AlertPause): AlertState;
  resume(): AlertState;
  /** The operating system shows the alerts from now on (or no longer): pages stop (or start) showing them. */
  setOsNotifications(on: boolean): void;
  /** Stops the policy's timers (a window's summary, a timed pause), for shutdown. */
  dispose(): void;
}

const pauseMs: Record<AlertPause, number | null> = { '15m': 15 * 60_000, '1h': 60 * 60_000, 'until-resumed': null };

export function createAlerts(deps: AlertsDeps): Alerts {
  const clock = deps.clock ?? systemClock;
  const { bus } = deps;
  let paused: AlertState['paused'] = null;
  let osNotifications = false;

  const raise = (notification: AlertNotification): void => bus.emit('alert', { id: newUlid(clock.now()), at: clock.now(), ...notification });
  const policy = new AlertPolicy<unknown>({
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    show: raise,
    windowMs: deps.windowMs,
    onResumed: () => {
      paused = null;
      changed();
    },
  });

  const state = (): AlertState => ({ paused, unseen: policy.unseenCount, windowMs: deps.windowMs, osNotifications });
  // A burst committed together is decided in one turn: its decisions are stored in one write after it.
  let decided: { id: string; decision: AlertDecision }[] = [];
  const keep = (id: string, decision: AlertDecision): void => {
    decided.push({ id, decision });
    if (decided.length > 1) return;
    queueMicrotask(() => {
      const batch = decided;
      decided = [];
      try {
        deps.record(batch);
      } catch (error) {
        console.error('hookbridge: could not store alert decisions:', (error as Error).message);
      }
    });
  };

  // A burst of webhooks committed together changes the count many times in one turn: one message says so.
  let announcing = false;
  const changed = (): void => {
    if (announcing) return;
    announcing = true;
    queueMicrotask(() => {
      announcing = false;
      bus.emit('alerts.changed', state());
    });
  };

  /** The event's endpoint as it is now: its name words the alert, its `notify` switch mutes it. */
  const endpointOf = (endpointId: string): { name: string; forwardAlerts: boolean } => {
    const endpoint = deps.endpoints().find((e) => e.id === endpointId);
    if (endpoint?.notify === false) policy.mute(endpointId);
    else policy.unmute(endpointId);
    return { name: endpoint?.name ?? 'an endpoint', forwardAlerts: endpoint?.forward?.alertOnFailure !== false };
  };

  const onMessage = (message: BusMessage): void => {
    switch (message.type) {
      case 'event.created': {
        // Most events are no alert: only those that may be one read the endpoints (their mute, their name).
        if (message.data.alertRule === null && alertReason(message.data) === null) return;
        const decision = policy.onEvent(message.data, endpointOf(message.data.endpointId).name);
        if (decision === null) return;
        keep(message.data.id, decision);
        if (decision.outcome !== 'muted' && decision.outcome !== 'quiet') changed();
        return;
      }
      case 'delivery.created': {
        if (!forwardFailed(message.data)) return;
        const event = deps.summaryOf(message.data.requestId);
        if (!event) return;
        const endpoint = endpointOf(event.endpointId);
        if (!endpoint.forwardAlerts) return;
        const decision = policy.onForwardFailure(event, message.data, endpoint.name);
        keep(event.id, decision);
        if (decision.outcome !== 'muted') changed();
        return;
      }
      case 'events.seen':
        if ('all' in message.data) policy.markAllSeen();
        else for (const id of message.data.ids) policy.onSeen(id);
        changed();
        return;
      case 'status.changed':
        if (message.data.store.lastError) policy.onStoreFailure(message.data.store.lastError);
        return;
      default:
        return;
    }
  };
  bus.subscribe(onMessage); // as long as the app's bus lives

  return {
    state,
    pause(choice) {
      const ms = pauseMs[choice];
      const until = ms === null ? null : clock.now() + ms;
      policy.pause(until);
      paused = { choice, until };
      changed();
      return state();
    },
    resume() {
      policy.resume();
      paused = null;
      changed();
      return state();
    },
    setOsNotifications(on) {
      osNotifications = on;
      changed();
    },
    dispose() {
      policy.dispose();
    },
  };
}
