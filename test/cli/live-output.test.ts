// The terminal writer and the rate limit of serve's live lines, on a manual clock and a writer that completes
// when the test says: bounded memory when nobody reads, the gap said once the reader is back.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventLine, inert, noColors } from '../../main/cli/live-lines';
import { queuedWriter, rateLimited, type LineSink } from '../../main/cli/live-output';
import { manualClock } from '../support/manual-clock';
import { storedRequest, summaryOf } from '../support/requests';

/** A pipe whose reader the test controls: each chunk waits until the test lets it through. */
function heldPipe(): { writeChunk(chunk: Buffer, done: (error: NodeJS.ErrnoException | null, written: number) => void): void; release(): void; received: string[]; inFlight(): number } {
  const waiting: (() => void)[] = [];
  const received: string[] = [];
  return {
    // Like a real pipe, it takes at most 100 bytes at a time: the writer must send the rest itself.
    writeChunk: (chunk, done) =>
      waiting.push(() => {
        const taken = Math.min(100, chunk.length);
        received.push(chunk.subarray(0, taken).toString());
        done(null, taken);
      }),
    release: () => {
      while (waiting.length > 0) waiting.shift()?.();
    },
    received,
    inFlight: () => waiting.length,
  };
}

describe('the queued writer', () => {
  it('never holds more than its bound while nobody reads, then writes what it kept and says how many it dropped', async () => {
    const pipe = heldPipe();
    const out = queuedWriter(1, { maxQueuedBytes: 1_000, droppedNotice: (n) => `dropped ${n}`, writeChunk: pipe.writeChunk });
    let peak = 0;
    for (let i = 0; i < 500; i++) {
      out.write(`line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
      peak = Math.max(peak, out.queuedBytes());
    }
    expect(peak).toBeLessThanOrEqual(1_000);
    expect(pipe.inFlight()).toBe(1); // one write at a time
    expect(out.dropped()).toBeGreaterThan(400);

    const flushed = out.flushed();
    for (let round = 0; round < 1_000 && pipe.inFlight() > 0; round++) pipe.release();
    await flushed;
    const text = pipe.received.join('');
    const lines = text.trimEnd().split('\n');
    const kept = lines.filter((line) => line.startsWith('line '));
    expect(lines.at(-1)).toBe(`dropped ${500 - kept.length}`);
    expect(kept[0]).toMatch(/^line 000/);
  });

  it('stops quietly when the reader went away (EPIPE)', async () => {
    const out = queuedWriter(1, {
      droppedNotice: () => 'never',
      writeChunk: (_chunk, done) => done(Object.assign(new Error('broken pipe'), { code: 'EPIPE' }), 0),
    });
    expect(out.write('first')).toBe(true);
    await out.flushed();
    expect(out.write('second')).toBe(false);
  });
});

describe('the rate limit of text lines', () => {
  it('prints 20 lines a second, then one "+N more" line when the second is over', () => {
    const clock = manualClock();
    const printed: string[] = [];
    const sink: LineSink = { write: (line) => (printed.push(line), true) };
    const lines = rateLimited(sink, clock, (n) => `+${n} more`);
    for (let i = 0; i < 50; i++) lines.write(`event ${i}`);
    expect(printed).toHaveLength(20);
    clock.advance(999);
    expect(printed).toHaveLength(20);
    clock.advance(1);
    expect(printed.at(-1)).toBe('+30 more');
    // A quiet second later, lines print at once again.
    clock.advance(1_000);
    lines.write('event 50');
    expect(printed.at(-1)).toBe('event 50');
  });

  it('makes only the lines it prints: a burst over the limit costs no formatting', () => {
    const clock = manualClock();
    const printed: string[] = [];
    const lines = rateLimited({ write: (line) => (printed.push(line), true) }, clock, (n) => `+${n} more`);
    let made = 0;
    for (let i = 0; i < 500; i++) {
      lines.write(() => {
        made += 1;
        return `event ${i}`;
      });
    }
    expect(made).toBe(20);
    expect(printed.slice(0, 2)).toEqual(['event 0', 'event 1']);
    clock.advance(1_000);
    expect(printed.at(-1)).toBe('+480 more');
  });
});

describe('inert text', () => {
  it('shows control characters and bidi overrides as escapes, and leaves the rest', () => {
    expect(inert('a\u001b[31mb\u0007c\u009b2J\u202ed\r\n')).toBe('a\\x1b[31mb\\x07c\\x9b2J\\u202ed\\x0d\\x0a');
    expect(inert('Telegram failed for +49 ••• 678 — ok ✓')).toBe('Telegram failed for +49 ••• 678 — ok ✓');
  });
});

describe('an event line', () => {
  it('fits the terminal’s width by cutting the summary, and is whole on a pipe', () => {
    const event = summaryOf(storedRequest('ep_1', JSON.parse(fs.readFileSync(path.resolve('test/fixtures/seeds/lox24.verify_code.channel.failed.json'), 'utf8')), { id: 'ev_1' }), {
      seq: 1,
      bodyHash: null,
      duplicateOf: null,
      retryOf: null,
    });
    const narrow = eventLine(event, noColors, 100);
    expect([...narrow].length).toBeLessThanOrEqual(100);
    expect(narrow).toMatch(/…$/);
    const whole = eventLine(event, noColors);
    expect(whole).toContain('Delivery timeout: no confirmation received within 30 seconds (attempt 1 of 3)');
    expect(whole).not.toContain('15112345678');
  });
});
