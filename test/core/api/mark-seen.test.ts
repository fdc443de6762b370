import { afterEach, describe, expect, it } from 'vitest';
import type { BusMessages } from '../../../main/core/bus';
import { callApi, startTestApp, type TestApp } from '../../support/app';

let app: TestApp;
afterEach(async () => {
  await app?.stop();
});

describe('markSeen', () => {
  it('tells the desktop shell which failures the user opened, or that all were seen', async () => {
    app = await startTestApp();
    const seen: BusMessages['events.seen'][] = [];
    app.app.bus.subscribe((message) => {
      if (message.type === 'events.seen') seen.push(message.data);
    });
    expect((await callApi(app, 'markSeen', { ids: ['01ABC'] })).status).toBe(200);
    expect((await callApi(app, 'markSeen', { all: true })).status).toBe(200);
    expect(seen).toEqual([{ ids: ['01ABC'] }, { all: true }]);
  });

  it('asks for either ids or all, not both and not neither', async () => {
    app = await startTestApp();
    for (const input of [{}, { ids: ['x'], all: true }]) {
      const answer = await callApi(app, 'markSeen', input);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { message: expect.stringContaining('give either ids or all: true') } });
    }
  });
});
