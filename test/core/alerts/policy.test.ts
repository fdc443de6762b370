// What the desktop shell will show: the notification policy driven by real provider descriptions of the
// seed payloads and a fake clock.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertPolicy, type AlertNotification } from '../../../main/core/alerts/policy';
import type { EventSummary, RequestFlag } from '../../../main/core/model';
import { storedRequest, summaryOf } from '../../support/requests';

const seed = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.resolve('test/fixtures/seeds', file), 'utf8')) as Record<string, unknown>;

let seq = 0;

/** The feed row the ingress would emit for this JSON body: described by the real provider modules, mapped by the store's own code. */
function captured(json: unknown, options: { endpointId?: string; flags?: RequestFlag[]; path?: string } = {}): EventSummary {
  const flags = options.flags ?? [];
  const request = storedRequest(options.endpointId ?? 'ep_default', json, {
    id: `ev_${++seq}`,
    ...(options.path !== undefined ? { path: options.path } : {}),
    flags,
    status: flags.includes('auth_failed') ? 401 : 200,
  });
  return summaryOf(request, { seq, bodyHash: null, duplicateOf: null, retryOf: null });
}

const telegramFailed = seed('lox24.verify_code.channel.failed.json');
const authFailed = seed('soyio.auth_attempt.failed.json');
const validationFailed = seed('soyio.validation_attempt.failed.json');
const validationOk = seed('soyio.validation_attempt.successful.json');
/** As the store words it (store/write-errors.ts). */
const diskFull = 'The database is full (database or disk is full). Free disk space or lower the retention limits; capture resumes by itself.';

let shown: AlertNotification[];
let policy: AlertPolicy<ReturnType<typeof setTimeout>>;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-23T14:00:00Z') });
  shown = [];
  policy = new AlertPolicy({
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle),
    show: (n) => shown.push(n),
  });
});

afterEach(() => {
  policy.dispose();
  vi.useRealTimers();
});

describe('which events notify', () => {
  it('a failed Telegram channel shows one notification with the masked phone', () => {
    const event = captured(telegramFailed);
    policy.onEvent(event, 'default');
    expect(shown).toEqual([
      {
        title: 'LOX24 · Telegram failed',
        body: 'Telegram failed for +49 ••• 678 — Delivery timeout: no confirmation received within 30 seconds (attempt 1 of 3)',
        severity: 'failed',
        target: { kind: 'event', id: event.id },
      },
    ]);
    expect(JSON.stringify(shown)).not.toContain('15112345678');
    expect(policy.unseenCount).toBe(1);
  });

  it('a failed Soyio validation is titled by provider and what failed, the user reference shortened', () => {
    policy.onEvent(captured(validationFailed), 'kyc');
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('Soyio · Validation failed');
    expect(shown[0]?.body).toMatch(/^Validation failed for user \S+…\S+: /);
  });

  it('a duplicate or a retried delivery of a failure already announced stays silent', () => {
    const first = captured(telegramFailed);
    policy.onEvent(first, 'default');
    policy.onEvent({ ...captured(telegramFailed), duplicateOf: first.id }, 'default');
    policy.onEvent({ ...captured(telegramFailed), retryOf: first.id, attempt: { number: 2, total: 3 } }, 'default');
    expect(shown).toHaveLength(1);
    expect(policy.unseenCount).toBe(1);
  });

  it('ok and info events stay silent', () => {
    const data = telegramFailed.data as Record<string, unknown>;
    const sent = { ...telegramFailed, name: 'verify_code.channel.sent', data: { ...data, channel: { ...(data.channel as object), status: 5, error: null } } };
    const ok = captured(validationOk);
    const info = captured(sent);
    const other = captured({ type: 'ping' });
    expect([ok.severity, info.severity, other.severity]).toEqual(['ok', 'info', 'info']);
    policy.onEvent(ok, 'default');
    policy.onEvent(info, 'default');
    policy.onEvent(other, 'default');
    expect(shown).toEqual([]);
    expect(policy.unseenCount).toBe(0);
  });

  it('a malformed request (error without auth_failed) stays silent', () => {
    const broken = captured({ type: 'ping' }, { flags: ['parse_error'] });
    expect(broken.severity).toBe('error');
    policy.onEvent(broken, 'default');
    expect(shown).toEqual([]);
  });

  it('an auth failure names the endpoint', () => {
    const rejected = captured(telegramFailed, { flags: ['auth_failed'], endpointId: 'ep_lox' });
    policy.onEvent(rejected, 'LOX24 staging');
    expect(shown).toEqual([
      { title: 'Auth failed on LOX24 staging', body: 'Rejected: the endpoint’s auth check failed', severity: 'failed', target: { kind: 'event', id: rejected.id } },
    ]);
  });

  it('a generic webhook is titled "Webhook ·" and its name or request line', () => {
    const named = captured({ type: 'invoice.failed' }, { flags: ['auth_failed'] });
    // A generic description is never "failed" by itself; a literal row stands in for one from a future provider rule.
    const unnamed: EventSummary = { ...captured({}, { path: 'orders/hook' }), severity: 'failed', name: null, title: 'POST /orders/hook', provider: 'generic' };
    policy.onEvent(named, 'billing');
    policy.onEvent(unnamed, 'billing');
    expect(shown.map((n) => n.title)).toEqual(['Auth failed on billing', 'Webhook · POST /orders/hook']);
  });
});

describe('masking what a provider left in', () => {
  it('a phone number or a 6-digit code left in a summary is masked', () => {
    const leaky: EventSummary = {
      ...captured(telegramFailed),
      summary: 'SMS failed for +49 151 1234 5678 with code 483920; reply went to jane.doe@example.com (attempt 2 of 3)',
    };
    policy.onEvent(leaky, 'default');
    expect(shown[0]?.body).toBe('SMS failed for +49 ••• 678 with code ••••; reply went to •••@example.com (attempt 2 of 3)');
  });

  it('a national number without a country code is hidden entirely', () => {
    policy.onEvent({ ...captured(telegramFailed), summary: 'Voice failed for 0151 1234 5678' }, 'default');
    expect(shown[0]?.body).toBe('Voice failed for •••');
  });

  it('a long summary is cut to 180 characters', () => {
    policy.onEvent({ ...captured(telegramFailed), summary: `Telegram failed — ${'x'.repeat(400)}` }, 'default');
    expect(shown[0]?.body).toHaveLength(180);
    expect(shown[0]?.body.endsWith('…')).toBe(true);
  });
});

describe('bursts', () => {
  it('more than 3 failures in 10 s become one summary with counts by event name', () => {
    for (let i = 0; i < 5; i++) {
      policy.onEvent(captured(telegramFailed), 'default');
      vi.advanceTimersByTime(500);
    }
    policy.onEvent(captured(authFailed), 'default');
    policy.onEvent(captured(authFailed), 'default');
    expect(shown).toHaveLength(3);
    expect(shown.every((n) => n.title === 'LOX24 · Telegram failed')).toBe(true);

    vi.advanceTimersByTime(10_000);
    expect(shown).toHaveLength(4);
    expect(shown[3]).toEqual({
      title: '7 failures in 10 s',
      body: '5 × verify_code.channel.failed, 2 × auth_attempt.failed',
      severity: 'failed',
      target: { kind: 'feed', filter: { severity: ['failed'] } },
    });
    expect(policy.unseenCount).toBe(7);
  });

  it('a storm of 100 failures in 10 s shows 3 + 1 notifications', () => {
    for (let i = 0; i < 100; i++) {
      policy.onEvent(captured(telegramFailed), 'default');
      vi.advanceTimersByTime(90);
    }
    vi.advanceTimersByTime(60_000);
    expect(shown).toHaveLength(4);
    expect(shown[3]?.title).toBe('100 failures in 10 s');
    expect(shown[3]?.body).toBe('100 × verify_code.channel.failed');
  });

  it('a storm that goes on for a minute shows one summary per window, not one per event', () => {
    for (let i = 0; i < 600; i++) {
      policy.onEvent(captured(telegramFailed), 'default');
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(60_000);
    const summaries = shown.filter((n) => n.target.kind === 'feed');
    expect(shown.length - summaries.length).toBe(3);
    expect(summaries).toHaveLength(6);
    expect(summaries.every((n) => n.title === '100 failures in 10 s')).toBe(true);
  });

  it('after a quiet window, single failures notify one by one again', () => {
    for (let i = 0; i < 5; i++) policy.onEvent(captured(telegramFailed), 'default');
    vi.advanceTimersByTime(30_000);
    shown = [];
    policy.onEvent(captured(telegramFailed), 'default');
    expect(shown.map((n) => n.title)).toEqual(['LOX24 · Telegram failed']);
  });

  it('clicking a summary opens the failed-only feed', () => {
    for (let i = 0; i < 4; i++) policy.onEvent(captured(telegramFailed), 'default');
    policy.onEvent(captured(validationFailed), 'default');
    vi.advanceTimersByTime(10_000);
    expect(shown.at(-1)?.target).toEqual({ kind: 'feed', filter: { severity: ['failed'] } });
  });

  it('a summary of one kind of failure opens the feed on that event name', () => {
    for (let i = 0; i < 4; i++) policy.onEvent(captured(telegramFailed), 'default');
    vi.advanceTimersByTime(10_000);
    expect(shown.at(-1)?.target).toEqual({ kind: 'feed', filter: { severity: ['failed'], name: 'verify_code.channel.failed' } });
  });

  it('a store failure is never held back by a burst', () => {
    for (let i = 0; i < 10; i++) policy.onEvent(captured(telegramFailed), 'default');
    policy.onStoreFailure({ code: 'STORE_FULL', message: diskFull });
    expect(shown).toHaveLength(4);
    expect(shown[3]).toEqual({ title: 'Hookbridge is not capturing', body: diskFull, severity: 'error', target: { kind: 'status' } });
  });
});

describe('pause and mute', () => {
  it('paused: nothing shown, count kept; resumes by itself after 15 minutes', () => {
    policy.pause(Date.now() + 15 * 60_000);
    expect(policy.isPaused()).toBe(true);
    for (let i = 0; i < 5; i++) policy.onEvent(captured(telegramFailed), 'default');
    policy.onStoreFailure({ code: 'STORE_FULL', message: diskFull });
    vi.advanceTimersByTime(60_000);
    expect(shown).toEqual([]);
    expect(policy.unseenCount).toBe(5);

    vi.advanceTimersByTime(14 * 60_000);
    expect(policy.isPaused()).toBe(false);
    policy.onEvent(captured(validationFailed), 'default');
    expect(shown.map((n) => n.title)).toEqual(['Soyio · Validation failed']);
    expect(policy.unseenCount).toBe(6);
  });

  it('paused until resumed stays silent for hours, then notifies again', () => {
    policy.pause(null);
    vi.advanceTimersByTime(5 * 60 * 60_000);
    policy.onEvent(captured(telegramFailed), 'default');
    expect(policy.isPaused()).toBe(true);
    expect(shown).toEqual([]);
    policy.resume();
    policy.onEvent(captured(telegramFailed), 'default');
    expect(shown).toHaveLength(1);
  });

  it('a muted endpoint never notifies, a store failure still does', () => {
    policy.mute('ep_noisy');
    policy.onEvent(captured(telegramFailed, { endpointId: 'ep_noisy' }), 'noisy');
    policy.onEvent(captured(telegramFailed, { endpointId: 'ep_noisy', flags: ['auth_failed'] }), 'noisy');
    policy.onStoreFailure({ code: 'STORE_IO', message: 'The disk reported an I/O error while writing the database (disk I/O error). Check the disk; capture resumes by itself once writes succeed.' });
    expect(shown.map((n) => n.title)).toEqual(['Hookbridge is not capturing']);
    expect(policy.unseenCount).toBe(0);

    policy.onEvent(captured(telegramFailed, { endpointId: 'ep_other' }), 'other');
    policy.unmute('ep_noisy');
    policy.onEvent(captured(telegramFailed, { endpointId: 'ep_noisy' }), 'noisy');
    expect(shown).toHaveLength(3);
  });

  it('store failures notify at most once a minute', () => {
    const fail = () => policy.onStoreFailure({ code: 'STORE_FULL', message: diskFull });
    fail();
    vi.advanceTimersByTime(1_000);
    fail();
    vi.advanceTimersByTime(58_000);
    fail();
    expect(shown).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    fail();
    expect(shown).toHaveLength(2);
    expect(shown.every((n) => n.target.kind === 'status')).toBe(true);
  });
});

describe('unseen failures', () => {
  it('opening a failure lowers the unseen count once', () => {
    const first = captured(telegramFailed);
    policy.onEvent(first, 'default');
    policy.onEvent(captured(authFailed), 'default');
    expect(policy.unseenCount).toBe(2);
    policy.onSeen(first.id);
    policy.onSeen(first.id);
    expect(policy.unseenCount).toBe(1);
    policy.markAllSeen();
    expect(policy.unseenCount).toBe(0);
  });

  it('where notifications are unsupported, counts and bursts behave the same', () => {
    let offered = 0;
    const silent = new AlertPolicy({
      now: () => Date.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle),
      show: () => {
        offered += 1;
        throw new Error('NotificationsUnsupported');
      },
    });
    for (let i = 0; i < 7; i++) silent.onEvent(captured(telegramFailed), 'default');
    silent.onStoreFailure({ code: 'STORE_FULL', message: diskFull });
    vi.advanceTimersByTime(10_000);
    expect(silent.unseenCount).toBe(7);
    // The same decisions as with working notifications: 3 single failures, the store failure, 1 summary.
    expect(offered).toBe(5);
    silent.dispose();
  });
});
