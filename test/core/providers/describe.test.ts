import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EndpointProvider } from '../../../main/core/model';
import { describeRequest } from '../../../main/core/providers';
import { lox24EventNames } from '../../../main/core/providers/lox24/schema';
import { undocumentedField } from '../../../main/core/providers/schema-issues';

const seed = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.resolve('test/fixtures/seeds', file), 'utf8')) as Record<string, unknown>;

function describeJson(json: unknown, endpointProvider: EndpointProvider = 'auto', headers: [string, string][] = []) {
  const body = Buffer.from(JSON.stringify(json));
  return describeRequest({
    method: 'POST',
    path: '',
    query: '',
    headers,
    contentType: 'application/json',
    body,
    bodySize: body.length,
    json,
    flags: [],
    parseError: null,
    endpointProvider,
  });
}

const channelFailed = seed('lox24.verify_code.channel.failed.json');
const verifyData = channelFailed.data as Record<string, unknown>;
const { channel: channelStep, ...shapeA } = verifyData;

/** A realistic payload for every documented LOX24 event, built from the seed's envelope. */
function lox24Event(name: string): Record<string, unknown> {
  const data: Record<string, Record<string, unknown>> = {
    'verify_code.success': { ...shapeA, status: 10, delivered_channel: 'sms' },
    'verify_code.failed': { ...shapeA, status: 20 },
    'verify_code.channel.updated': { ...shapeA, status: 5 },
    'verify_code.channel.sent': { ...shapeA, channel: { ...(channelStep as object), status: 5, error: null } },
    'verify_code.channel.success': { ...shapeA, channel: { ...(channelStep as object), status: 10, error: null } },
    'verify_code.channel.failed': verifyData,
    'sms.delivery': { id: 'b1c2', key_id: 'k-77', dlr_code: 16, status_code: 0, callback_data: null },
    'sms.delivery.dryrun': { id: 'b1c3', key_id: 'k-77', dlr_code: 1, status_code: 0, callback_data: 'order-1' },
    'sms.incoming': { id: 'in-1', to: '+4930123456', from: '+49 151 1234 5678', received_at: 1735689600, text: 'STOP', msg_uuid: null },
    'fraud-check.done': { score: 12, verdict: 'pass' },
    'phone.subscribe': { phone: '+4915112345678', user_id: 12345, created_at: 1735689600, campaign_code: 'spring', additional_data: null },
    'phone.unsubscribe': { phone: '+4915112345678', user_id: 12345, created_at: 1735689600, campaign_code: 'spring', additional_data: null },
  };
  return { ...channelFailed, name, data: data[name] };
}

describe('LOX24', () => {
  it('describes the seed example exactly: severity, title, summary, keys, attempt', () => {
    const d = describeJson(channelFailed);
    expect(d).toMatchObject({
      provider: 'lox24',
      name: 'verify_code.channel.failed',
      title: 'LOX24 · Telegram failed',
      severity: 'failed',
      summary: 'Telegram failed for +49 ••• 678 — Delivery timeout: no confirmation received within 30 seconds (attempt 1 of 3)',
      attempt: { number: 1, total: 3 },
      explanation: 'lox24.status.20',
      issues: [],
    });
    expect(d.correlationKeys).toEqual([
      'lox24:verify:a1b2c3d4-e5f6-7890-abcd-ef1234567890',
      'lox24:task:77dcf296-fc00-4fc0-9b6d-6f54e85ff975',
      'phone:+4915112345678',
    ]);
  });

  it('never puts the full phone number or the code in a summary', () => {
    for (const name of lox24EventNames) {
      const d = describeJson(lox24Event(name));
      expect(d.summary, name).not.toContain('15112345678');
      expect(d.summary, name).not.toContain('1234 5678');
      expect(d.title + d.summary, name).not.toMatch(/\b1234\b/);
    }
  });

  const expectations: [string, string, string][] = [
    ['verify_code.success', 'ok', 'SMS delivered the verify code to +49 ••• 678 (attempt 1 of 3)'],
    ['verify_code.failed', 'failed', 'No channel delivered the verify code to +49 ••• 678 (Telegram failed) (attempt 1 of 3)'],
    ['verify_code.channel.updated', 'info', 'Verify code for +49 ••• 678 is now in progress (attempt 1 of 3)'],
    ['verify_code.channel.sent', 'info', 'Telegram sent the code to +49 ••• 678; waiting for delivery (attempt 1 of 3)'],
    ['verify_code.channel.success', 'ok', 'Telegram delivered the code to +49 ••• 678 (attempt 1 of 3)'],
    ['verify_code.channel.failed', 'failed', 'Telegram failed for +49 ••• 678 — Delivery timeout: no confirmation received within 30 seconds (attempt 1 of 3)'],
    ['sms.delivery', 'failed', 'SMS rejected (DLR 16) (attempt 1 of 3)'],
    ['sms.delivery.dryrun', 'ok', 'SMS delivered (DLR 1) (dry run) (attempt 1 of 3)'],
    ['sms.incoming', 'info', 'SMS from +49 ••• 678 (4 characters) (attempt 1 of 3)'],
    ['fraud-check.done', 'info', 'Fraud check finished; see the data for its result (attempt 1 of 3)'],
    ['phone.subscribe', 'info', '+49 ••• 678 subscribed (campaign spring) (attempt 1 of 3)'],
    ['phone.unsubscribe', 'info', '+49 ••• 678 unsubscribed (campaign spring) (attempt 1 of 3)'],
  ];

  it('covers all 12 documented events', () => {
    expect(expectations.map(([name]) => name).sort()).toEqual([...lox24EventNames].sort());
  });

  it.each(expectations)('%s → %s: "%s", with no schema issues', (name, severity, summary) => {
    const d = describeJson(lox24Event(name));
    expect(d.provider).toBe('lox24');
    expect(d.name).toBe(name);
    expect(d.severity).toBe(severity);
    expect(d.summary).toBe(summary);
    expect(d.issues).toEqual([]);
  });

  it('marks any channel step with status 20 or 100 as failed, whatever the event name', () => {
    const event = lox24Event('verify_code.channel.sent');
    (event.data as { channel: { status: number } }).channel.status = 100;
    expect(describeJson(event).severity).toBe('failed');
  });

  it('marks SMS delivery reports expired (8) and rejected (16) as failed, and explains the DLR code', () => {
    for (const [dlr, severity] of [[8, 'failed'], [16, 'failed'], [1, 'ok'], [2, 'info'], [4, 'info'], [0, 'info']] as const) {
      const event = lox24Event('sms.delivery');
      (event.data as { dlr_code: number }).dlr_code = dlr;
      const d = describeJson(event);
      expect(d.severity, `dlr ${dlr}`).toBe(severity);
      expect(d.explanation).toBe(`lox24.dlr.${dlr}`);
    }
  });

  it('accepts attempts_total (the overview page spelling) as attempt_total', () => {
    const { attempt_total, ...rest } = channelFailed;
    const d = describeJson({ ...rest, attempts_total: attempt_total });
    expect(d.attempt).toEqual({ number: 1, total: 3 });
    expect(d.issues).toEqual([]);
  });

  it('reports schema violations with JSON paths and marks a known non-failure event as error', () => {
    const event = lox24Event('verify_code.channel.success');
    const data = event.data as Record<string, unknown>;
    data.user_id = '12345';
    (data.channel as Record<string, unknown>).status = 'ok';
    const d = describeJson(event);
    expect(d.severity).toBe('error');
    expect(d.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '$.data.user_id', expected: 'number', received: 'string "12345"' }),
        expect.objectContaining({ path: '$.data.channel.status', received: 'string "ok"' }),
      ]),
    );
  });

  it('reports fields the documentation does not list as undocumented, without calling the event an error', () => {
    const event = lox24Event('verify_code.success');
    (event.data as Record<string, unknown>).risk_score = 0.2;
    event.region = 'eu';
    const d = describeJson(event);
    expect(d.severity).toBe('ok');
    expect(d.issues).toEqual([
      { path: '$.data.risk_score', expected: 'no such field in the documentation', received: 'number 0.2', message: undocumentedField },
      { path: '$.region', expected: 'no such field in the documentation', received: 'string "eu"', message: undocumentedField },
    ]);
  });

  it('accepts the voice channel the API routes although the webhook schema lists only telegram and sms', () => {
    const event = lox24Event('verify_code.channel.failed');
    (event.data as { channel: { channel: string } }).channel.channel = 'voice';
    const d = describeJson(event);
    expect(d.title).toBe('LOX24 · Voice call failed');
    expect(d.issues).toEqual([]);
  });

  it('lets a configured provider win over detection, and says so when the body is not its envelope', () => {
    const d = describeJson({ hello: 'world' }, 'lox24');
    expect(d.provider).toBe('lox24');
    expect(d.severity).toBe('error');
    expect(d.issues[0]?.message).toBe('not a LOX24 webhook');
  });
});

describe('Soyio', () => {
  it.each([
    ['soyio.validation_attempt.successful.json', 'ok', 'Soyio · Validation successful', 'Validation successful for user us…42', null],
    ['soyio.auth_attempt.successful.json', 'ok', 'Soyio · Authentication successful', 'Authentication successful for user us…42', null],
    ['soyio.validation_attempt.failed.json', 'failed', 'Soyio · Validation failed', expect.stringMatching(/^Validation failed for user us…42: passive liveness/i), 'soyio.error_reason.passive_liveness_verification_not_passed'],
    ['soyio.auth_attempt.failed.json', 'failed', 'Soyio · Authentication failed', expect.stringMatching(/^Authentication failed for user us…42: /), 'soyio.error_reason.passive_liveness_verification_not_passed'],
  ])('describes the seed example %s', (file, severity, title, summary, explanation) => {
    const json = seed(file);
    const d = describeJson(json);
    expect(d).toMatchObject({ provider: 'soyio', name: json.name, severity, title, summary, explanation, issues: [] });
    const payload = json.payload as Record<string, string>;
    expect(d.correlationKeys).toContain('soyio:user:user-1042');
    expect(d.correlationKeys).toContain(`soyio:attempt:${payload.validation_attempt_id ?? payload.auth_attempt_id}`);
    if (payload.identity_id) expect(d.correlationKeys).toContain(`soyio:identity:${payload.identity_id}`);
  });

  it('describes the full-resource shape of the current API spec', () => {
    const d = describeJson({
      id: 'evt_full1',
      name: 'validation_attempt.failed',
      created_at: '2026-01-02T03:04:05Z',
      payload: {
        id: 'va_123',
        status: 'failed',
        failed_count: 2,
        user_reference: 'customer-778899',
        error_reason: 'document_has_expired',
        errors_array: [{ code: 'doc-1', type: 'document', message: 'document_has_expired', detail: 'El documento está vencido.' }],
        created_at: '2026-01-02T03:04:00Z',
        successful_at: null,
        flow: 'onboarding',
      },
    });
    expect(d).toMatchObject({ severity: 'failed', explanation: 'soyio.error_reason.document_has_expired', issues: [] });
    expect(d.correlationKeys).toEqual(['soyio:user:customer-778899', 'soyio:attempt:va_123']);
  });

  it('accepts the other documented event names generically, failing only on failed and timed_out', () => {
    const event = (name: string) => describeJson({ id: 'evt_x', name, created_at: '2026-01-02T03:04:05Z', payload: { id: 'dr_1' } });
    expect(event('disclosure_request.granted').severity).toBe('ok');
    expect(event('disclosure_request.timed_out').severity).toBe('failed');
    expect(event('signature_attempt.failed').severity).toBe('failed');
    expect(event('report.created')).toMatchObject({ severity: 'info', issues: [] });
    expect(event('consent_action.updated').issues).toEqual([]);
    expect(event('made_up.thing').issues[0]?.message).toBe('unknown event name');
  });

  it('reports an undocumented error_reason instead of inventing an explanation', () => {
    const json = seed('soyio.validation_attempt.failed.json');
    (json.payload as Record<string, unknown>).error_reason = 'moon_in_wrong_phase';
    const d = describeJson(json);
    expect(d.explanation).toBeNull();
    expect(d.severity).toBe('failed');
    expect(d.issues.map((i) => i.message)).toContain('undocumented error_reason');
  });
});

describe('generic fallback', () => {
  it('names any JSON by its envelope and claims nothing it does not know', () => {
    const d = describeJson({ type: 'invoice.paid', data: {} });
    expect(d).toMatchObject({ provider: 'generic', name: 'invoice.paid', severity: 'info', correlationKeys: [] });
  });
});
