import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app';

const seedText = (file: string): string => fs.readFileSync(path.resolve('test/fixtures/seeds', file), 'utf8');
const lox24Seed = JSON.parse(seedText('lox24.verify_code.channel.failed.json')) as Record<string, unknown>;

let app: TestApp;
afterEach(async () => {
  await app?.stop();
});

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

describe('providers at ingest', () => {
  it('links LOX24 retries of one notification to the first delivery, and flags an identical redelivery as a duplicate', async () => {
    app = await startTestApp();
    const first = await post(app.endpoint.url, JSON.stringify(lox24Seed));
    const duplicate = await post(app.endpoint.url, JSON.stringify(lox24Seed));
    const retry = await post(app.endpoint.url, JSON.stringify({ ...lox24Seed, attempt_number: 2 }));
    const events = new Map((await app.app.api.listEvents({})).events.map((e) => [e.id, e]));
    expect(events.get(first)).toMatchObject({ duplicateOf: null, retryOf: null });
    expect(events.get(duplicate)).toMatchObject({ duplicateOf: first, retryOf: null });
    expect(events.get(retry)).toMatchObject({ duplicateOf: null, retryOf: first, attempt: { number: 2, total: 3 } });
  });

  it('treats a Soyio redelivery with a new X-Hub-Delivery as a retry, and the same delivery again as a duplicate', async () => {
    app = await startTestApp();
    const body = seedText('soyio.validation_attempt.failed.json');
    const first = await post(app.endpoint.url, body, { 'X-Hub-Delivery': 'dlv-1' });
    const again = await post(app.endpoint.url, body, { 'X-Hub-Delivery': 'dlv-1' });
    const redelivered = await post(app.endpoint.url, body, { 'X-Hub-Delivery': 'dlv-2' });
    const events = new Map((await app.app.api.listEvents({})).events.map((e) => [e.id, e]));
    expect(events.get(again)).toMatchObject({ duplicateOf: first, retryOf: null });
    expect(events.get(redelivered)).toMatchObject({ duplicateOf: null, retryOf: first });
  });

  it('lists provider, name, severity and summary for every posted seed, filters failed ones and by correlation key', async () => {
    app = await startTestApp();
    for (const file of fs.readdirSync(path.resolve('test/fixtures/seeds')).filter((f) => f.endsWith('.json'))) {
      await post(app.endpoint.url, seedText(file));
    }
    const all = (await app.app.api.listEvents({})).events;
    expect(all).toHaveLength(5);
    for (const event of all) {
      expect(event.provider).not.toBe('generic');
      expect(event.summary.length).toBeGreaterThan(10);
    }
    const failed = await app.app.api.listEvents({ filter: { severity: ['failed'] } });
    expect(failed.events.map((e) => e.name).sort()).toEqual(['auth_attempt.failed', 'validation_attempt.failed', 'verify_code.channel.failed']);
    const user = await app.app.api.listEvents({ filter: { correlationKey: 'soyio:user:user-1042' } });
    expect(user.events).toHaveLength(4);
    const verify = await app.app.api.getTimeline({ key: 'lox24:verify:a1b2c3d4-e5f6-7890-abcd-ef1234567890' });
    expect(verify.events.map((e) => e.name)).toEqual(['verify_code.channel.failed']);
  });

  it('finds the same LOX24 events by a phone number in any spelling, by search and by correlation key', async () => {
    app = await startTestApp();
    const id = await post(app.endpoint.url, JSON.stringify(lox24Seed));
    for (const spelling of ['+49 151 1234 5678', '004915112345678', '+4915112345678']) {
      expect((await app.app.api.listEvents({ filter: { text: spelling } })).events.map((e) => e.id), spelling).toEqual([id]);
      expect((await app.app.api.listEvents({ filter: { correlationKey: `phone:${spelling}` } })).events.map((e) => e.id), spelling).toEqual([id]);
    }
    await app.app.api.updateSettings({ defaultCountryCode: '49' });
    expect((await app.app.api.listEvents({ filter: { text: '0151 1234 5678' } })).events.map((e) => e.id)).toEqual([id]);
  });

  it('explains a failure in the language the settings pick', async () => {
    app = await startTestApp();
    const id = await post(app.endpoint.url, seedText('soyio.validation_attempt.failed.json'));
    const english = await app.app.api.getEvent({ id });
    expect(english.explanation?.key).toBe('soyio.error_reason.passive_liveness_verification_not_passed');
    await app.app.api.updateSettings({ language: 'es' });
    const spanish = await app.app.api.getEvent({ id });
    expect(spanish.explanation?.text).not.toBe(english.explanation?.text);
    expect(spanish.explanation?.text.length).toBeGreaterThan(20);
  });
});
