// The in-process event bus: what happened, for whoever listens (the API stream, later alerts and the tray).
import type { Alert, AlertState, Delivery, EventSummary, ExportProgress, PublicEndpoint, Status } from './model';

export interface BusMessages {
  'event.created': EventSummary;
  'endpoint.changed': { endpoint: PublicEndpoint } | { deletedId: string };
  'status.changed': Status;
  /** The user saw these failures (or all of them): the desktop shell's unseen count follows. */
  'events.seen': { ids: string[] } | { all: true };
  /** A replay or forward of a stored request finished (with the target's answer, or why there was none). */
  'delivery.created': Delivery;
  /** An export started from the UI moved on, finished, failed or was cancelled. */
  'export.progress': ExportProgress;
  /** The alert policy raised an alert: shown as it is (already masked) wherever alerts are shown, once. */
  alert: Alert;
  /** The alert policy's pause or unseen count changed. */
  'alerts.changed': AlertState;
}

export type BusMessageType = keyof BusMessages;
/** One message as listeners (and the API's stream) receive it: narrow it with `switch (message.type)`. */
export type BusMessage = { [T in BusMessageType]: { type: T; data: BusMessages[T] } }[BusMessageType];
export type BusListener = (message: BusMessage) => void;

export class Bus {
  private readonly listeners = new Set<BusListener>();

  /** Subscribes to every message; returns the unsubscribe. */
  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<T extends BusMessageType>(type: T, data: BusMessages[T]): void {
    const message = { type, data } as BusMessage; // T is one member of the union; TypeScript cannot see that alone
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        // A broken listener must not stop the others, nor reach the ingress that emitted.
        console.error(`hookbridge: a ${type} listener failed:`, error);
      }
    }
  }
}
