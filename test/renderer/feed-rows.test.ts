import { describe, expect, it } from 'vitest';
import type { EventSummary } from '../../main/core/model';
import { matches, pageWithLiveRows, withNewRows } from '../../renderer/src/feed-rows';

/** A feed row with this seq (ids follow the seq so a test reads as numbers). */
function row(seq: number, severity: EventSummary['severity'] = 'ok'): EventSummary {
  return {
    id: `e${seq}`,
    seq,
    endpointId: 'ep',
    receivedAt: 1_796_000_000_000 + seq,
    method: 'POST',
    path: '/lox24',
    contentType: 'application/json',
    bodySize: 100,
    status: 200,
    provider: 'lox24',
    name: 'verify_code.channel.failed',
    title: 'Telegram failed',
    severity,
    summary: '',
    attempt: null,
    flags: [],
    duplicateOf: null,
    retryOf: null,
    pinned: false,
    authCheck: null,
    answeredBy: null,
    alertRule: null,
  handshake: null,
  };
}
const ids = (rows: EventSummary[]): string[] => rows.map((r) => r.id);

describe('a reload racing the live stream', () => {
  it('keeps a row the stream delivered while the page was on its way, when the page was read before it committed', () => {
    const page = [row(10), row(9), row(8)];
    expect(ids(pageWithLiveRows(page, [row(11)], {}, 100))).toEqual(['e11', 'e10', 'e9', 'e8']);
  });

  it('shows a row once when the page was read after it committed', () => {
    const page = [row(11), row(10), row(9)];
    expect(ids(pageWithLiveRows(page, [row(11)], {}, 100))).toEqual(['e11', 'e10', 'e9']);
  });

  it('leaves rows older than the page’s newest to the page (it knows where they belong)', () => {
    expect(ids(pageWithLiveRows([row(10), row(8)], [row(9)], {}, 100))).toEqual(['e10', 'e8']);
  });

  it('keeps only live rows that belong to the reloaded filter, newest first, within the window', () => {
    const arrived = [row(12, 'failed'), row(14, 'ok'), row(13, 'failed')];
    expect(ids(pageWithLiveRows([row(5, 'failed')], arrived, { severity: ['failed'] }, 100))).toEqual(['e13', 'e12', 'e5']);
    expect(ids(pageWithLiveRows([row(5, 'failed')], arrived, { severity: ['failed'] }, 2))).toEqual(['e13', 'e12']);
    // Only the server can say whether a row matches a search: the page decides.
    expect(ids(pageWithLiveRows([row(5)], arrived, { text: 'telegram' }, 100))).toEqual(['e5']);
  });

  it('an empty page keeps the rows that arrived live for its filter', () => {
    expect(ids(pageWithLiveRows([], [row(3, 'failed'), row(4)], { severity: ['failed'] }, 100))).toEqual(['e3']);
  });
});

describe('live rows on top of the feed', () => {
  it('puts new rows on top, newest first, and cuts the window', () => {
    expect(ids(withNewRows([row(12), row(11)], [row(10), row(9)], 3))).toEqual(['e12', 'e11', 'e10']);
  });

  it('never shows a row twice (a page read after it committed already has it)', () => {
    const current = [row(11), row(10)];
    expect(withNewRows([row(11)], current, 100)).toBe(current);
    expect(ids(withNewRows([row(12), row(11), row(12)], current, 100))).toEqual(['e12', 'e11', 'e10']);
  });
});

describe('matches', () => {
  it('says yes, no, or that only the server can tell', () => {
    expect(matches({}, row(1))).toBe(true);
    expect(matches({ severity: ['failed'] }, row(1, 'ok'))).toBe(false);
    expect(matches({ severity: ['failed'] }, row(1, 'failed'))).toBe(true);
    expect(matches({ text: 'x' }, row(1))).toBeNull();
    expect(matches({ from: 1 }, row(1))).toBeNull();
  });
});
