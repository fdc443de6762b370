// The facts the inspector shows first for a LOX24 event, as getEvent hands them out: read from the body by the
// provider module, on a real app with the request posted through the real ingress.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lox24Facts } from '../../../../main/core/providers/lox24/facts';
import { startTestApp, type TestApp } from '../../../support/app';

const channelFailed = JSON.parse(fs.readFileSync(path.resolve('test/fixtures/seeds/lox24.verify_code.channel.failed.json'), 'utf8')) as Record<string, unknown>;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function posted(body: string, contentType = 'application/json'): Promise<string> {
  app ??= await startTestApp();
  const response = await fetch(app.endpoint.url, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  return ((await response.json()) as { id: string }).id;
}

describe('LOX24 facts', () => {
  it('a failed channel step: its channel, status by name, error and cost', async () => {
    const id = await posted(JSON.stringify(channelFailed));
    const event = await app?.app.api.getEvent({ id });
    expect(event?.facts).toEqual([
      ['Channel', 'telegram'],
      ['Status', 'Failed (20)'],
      ['Error', 'Delivery timeout: no confirmation received within 30 seconds'],
      ['Cost', '5 cents EUR'],
    ]);
  });

  it('an SMS delivery report: the DLR code by name, and an undocumented code as such', () => {
    expect(lox24Facts({ name: 'sms.delivery', data: { status: 5, dlr_code: 16, cost: 7, currency: 'EUR' } })).toEqual([
      ['Status', 'In progress (5)'],
      ['Cost', '7 cents EUR'],
      ['DLR', 'Rejected (16)'],
    ]);
    expect(lox24Facts({ data: { dlr_code: 999 } })).toEqual([['DLR', '999 (not a code LOX24 documents)']]);
  });

  it('has nothing to say about bodies that are not LOX24 shapes, and never reads inherited keys', () => {
    for (const body of [null, 42, 'text', [], { data: [] }, { data: { channel: 'not an object', status: '20' } }, JSON.parse('{"data":{"__proto__":{"status":20}}}')]) {
      expect(lox24Facts(body), JSON.stringify(body)).toEqual([]);
    }
  });

  it('an event of another provider, or a LOX24 event whose body is not JSON, has no facts', async () => {
    const soyio = await posted(fs.readFileSync(path.resolve('test/fixtures/seeds/soyio.auth_attempt.failed.json'), 'utf8'));
    expect((await app?.app.api.getEvent({ id: soyio }))?.facts).toEqual([]);
    const broken = await posted(`${JSON.stringify(channelFailed).slice(0, -1)},`);
    expect((await app?.app.api.getEvent({ id: broken }))?.facts).toEqual([]);
  });
});
