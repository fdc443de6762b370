// The event stream behind SSE (and later IPC): every bus message gets an id; a bounded backlog lets a client
// that reconnects with Last-Event-ID catch up without losing anything, or be told to resync.
import { randomBytes } from 'node:crypto';
import type { Bus } from '../bus';
import type { StreamMessage } from './contract';

export interface StreamEntry {
  /** `<run>-<n>`: ids from another run of the server never match, so a restart forces a resync. */
  id: string;
  message: StreamMessage;
}

export type ResumeResult = { kind: 'resumed'; backlog: StreamEntry[] } | { kind: 'resync'; reason: string };

export class EventStream {
  private readonly run = randomBytes(4).toString('hex');
  private readonly backlog: StreamEntry[] = [];
  private next = 1;
  private readonly subscribers = new Set<(entry: StreamEntry) => void>();
  private readonly unsubscribe: () => void;

  constructor(
    bus: Bus,
    private readonly capacity = 10_000,
  ) {
    this.unsubscribe = bus.subscribe((message) => this.push(message));
  }

  private push(message: StreamMessage): void {
    const entry: StreamEntry = { id: `${this.run}-${this.next++}`, message };
    this.backlog.push(entry);
    // Trim in chunks: splicing one entry off a 10k array on every message is a copy per webhook.
    if (this.backlog.length > this.capacity * 1.25) this.backlog.splice(0, this.backlog.length - this.capacity);
    for (const subscriber of this.subscribers) subscriber(entry);
  }

  /** What a client that last saw `lastEventId` missed, or a request to reload if that cannot be known. */
  resume(lastEventId: string | undefined): ResumeResult {
    if (!lastEventId) return { kind: 'resumed', backlog: [] };
    const [run, n] = lastEventId.split('-');
    const seen = Number(n);
    if (run !== this.run || !Number.isInteger(seen)) {
      return { kind: 'resync', reason: 'The server restarted since this client last connected.' };
    }
    const first = this.backlog[0];
    const firstN = first ? Number(first.id.split('-')[1]) : this.next;
    if (seen + 1 < firstN) return { kind: 'resync', reason: 'The client was away longer than the stream keeps messages.' };
    return { kind: 'resumed', backlog: this.backlog.filter((entry) => Number(entry.id.split('-')[1]) > seen) };
  }

  subscribe(listener: (entry: StreamEntry) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.subscribers.clear();
  }
}
