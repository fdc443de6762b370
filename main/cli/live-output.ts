// Prints `hookbridge serve`'s live lines without ever slowing capture. process.stdout writes to a pipe or a
// terminal synchronously on Linux: a reader that stops reading (a stalled pipe, a terminal paused with
// Ctrl+S) would block the event loop, and with it every webhook. So the lines go through a queue of bounded
// size, written one chunk at a time off the event loop (fs.write runs in libuv's thread pool); when the queue
// is full, lines are dropped and counted, and the count is said once the reader is back.
import fs from 'node:fs';
import type { App } from '../core/app';
import type { Clock } from '../core/clock';
import { colors, droppedLine, eventJson, eventLine, forwardLine, moreLine, noColors, type GapJson } from './live-lines';

export interface LineSink {
  /** Queues a line (without its newline); false when it was dropped because the queue is full. */
  write(line: string): boolean;
  /** Resolves once everything queued so far is written (or the reader went away). */
  flushed?(): Promise<void>;
}

export interface QueueOptions {
  /** The most bytes waiting to be written; beyond it, lines are dropped. */
  maxQueuedBytes?: number;
  /** The line that says how many were dropped, written once there is room again. */
  droppedNotice(count: number): string;
  /** Writes (some of) one chunk; calls back with how many bytes went out, or why none did. Default: fs.write on the fd. */
  writeChunk?: (chunk: Buffer, done: (error: NodeJS.ErrnoException | null, written: number) => void) => void;
}

/** A writer for one file descriptor that never blocks the caller and never holds more than maxQueuedBytes. */
export function queuedWriter(fd: number, options: QueueOptions): Required<LineSink> & { queuedBytes(): number; dropped(): number } {
  const max = options.maxQueuedBytes ?? 1024 * 1024;
  const writeChunk = options.writeChunk ?? ((chunk, done) => fs.write(fd, chunk, 0, chunk.length, null, (error, written) => done(error, written)));
  let queue: Buffer[] = [];
  let queued = 0;
  let dropped = 0;
  let writing = false;
  let closed = false;
  let idle: (() => void)[] = [];

  const pump = (): void => {
    if (writing) return;
    if (closed || (queue.length === 0 && dropped === 0)) {
      const waiting = idle;
      idle = [];
      for (const resolve of waiting) resolve();
      return;
    }
    if (queue.length === 0 && dropped > 0) {
      const notice = Buffer.from(`${options.droppedNotice(dropped)}\n`);
      dropped = 0;
      queue.push(notice);
      queued += notice.length;
    }
    const chunk = queue.length === 1 ? (queue[0] as Buffer) : Buffer.concat(queue);
    queue = [];
    writing = true;
    writeChunk(chunk, (error, written) => {
      writing = false;
      const sent = error ? 0 : written;
      queued -= sent;
      // A pipe may take part of a chunk: the rest goes first next time, so no line is ever cut.
      if (sent < chunk.length) queue.unshift(chunk.subarray(sent));
      if (error?.code === 'EAGAIN') {
        // A non-blocking terminal that is full: try the same bytes again shortly.
        setTimeout(pump, 20).unref();
        return;
      }
      if (error) {
        closed = true; // the reader went away (EPIPE): capture goes on, silently
        queue = [];
        queued = 0;
      }
      pump();
    });
  };

  return {
    write(line) {
      if (closed) return false;
      const bytes = Buffer.from(`${line}\n`);
      if (queued + bytes.length > max) {
        dropped += 1;
        return false;
      }
      queue.push(bytes);
      queued += bytes.length;
      pump();
      return true;
    },
    flushed: () =>
      new Promise<void>((resolve) => {
        idle.push(resolve);
        pump();
      }),
    queuedBytes: () => queued,
    dropped: () => dropped,
  };
}

/** A sink that may be handed a line still to be made: it is made only when it is printed. */
export interface RateLimitedSink {
  write(line: string | (() => string)): boolean;
}

/** At most `perSecond` lines a second; the rest are counted and said as one "+N more" line a second later. */
export function rateLimited(sink: LineSink, clock: Clock, more: (count: number) => string, perSecond = 20): RateLimitedSink {
  let windowStart = Number.NEGATIVE_INFINITY;
  let printed = 0;
  let held = 0;
  let timer: unknown = null;
  const sayHeld = (): void => {
    timer = null;
    if (held > 0) sink.write(more(held));
    held = 0;
    windowStart = clock.now();
    printed = 0;
  };
  return {
    write(line) {
      const now = clock.now();
      if (timer === null && now - windowStart >= 1_000) {
        windowStart = now;
        printed = 0;
      }
      if (timer === null && printed < perSecond) {
        printed += 1;
        return sink.write(typeof line === 'function' ? line() : line);
      }
      held += 1;
      timer ??= clock.setTimer(sayHeld, Math.max(0, windowStart + 1_000 - now));
      return true;
    },
  };
}

/** Hides the few characters a JSON text may still carry that a terminal acts on (C1 controls) or reorders by. */
function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface FollowOptions {
  json: boolean;
  color: boolean;
  /** The terminal's width (lines are cut to it), or undefined on a pipe (lines are whole). */
  width?: () => number | undefined;
  clock: Clock;
  /** Where lines go; default: a queued writer on stdout. */
  sink?: LineSink;
}

export interface Following {
  stop(): void;
  /** Resolves once every line so far is written. */
  flushed(): Promise<void>;
}

/** Prints every stored event (and each forward of one) as it arrives. */
export function followEvents(app: App, options: FollowOptions): Following {
  const paint = options.color ? colors : noColors;
  const out =
    options.sink ??
    queuedWriter(1, {
      droppedNotice: (count) => (options.json ? inertJson({ type: 'gap', dropped: count } satisfies GapJson) : droppedLine(count)),
    });
  // Text lines are for people: a burst is summarized (and a line held back is never made). JSON lines are for
  // programs: every event gets one.
  const text = options.json ? null : rateLimited(out, options.clock, (count) => moreLine(count, paint));
  const names = new Map<string, string>();
  const readNames = (): void => {
    names.clear();
    for (const endpoint of app.store.endpoints.list()) names.set(endpoint.id, endpoint.name);
  };
  readNames();

  const stop = app.bus.subscribe((message) => {
    switch (message.type) {
      case 'event.created': {
        const event = message.data;
        if (text) text.write(() => eventLine(event, paint, options.width?.()));
        else out.write(inertJson(eventJson(event, names.get(event.endpointId) ?? null, app.store.requests.keysOf(event.seq))));
        return;
      }
      case 'delivery.created':
        if (text && message.data.kind === 'forward') text.write(() => forwardLine(message.data, paint));
        return;
      case 'endpoint.changed':
        readNames();
        return;
      default:
        return;
    }
  });
  return { stop, flushed: () => out.flushed?.() ?? Promise.resolve() };
}
