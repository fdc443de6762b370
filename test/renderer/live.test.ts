// The renderer's live store against a real engine in this process: real webhooks through the real ingress, the
// bus as the stream. Answers are held where a slow network would hold them, to pin the races down.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../main/core/api/contract';
import { createLive, mergeCount, type Live } from '../../renderer/src/live';
import { startTestApp, waitUntil, type TestApp } from '../support/app';
import { holding as holdingAnswer, localClient } from '../support/local-client';

const seed = (file: string): string => fs.readFileSync(path.resolve('test/fixtures/seeds', file), 'utf8');
const lox24Failed = seed('lox24.verify_code.channel.failed.json');
const soyioOk = seed('soyio.auth_attempt.successful.json');

let app: TestApp | undefined;
let live: Live | undefined;
afterEach(async () => {
  live?.dispose();
  await app?.stop();
  app = live = undefined;
});

async function post(body: string): Promise<void> {
  const response = await fetch(app?.endpoint.url ?? '', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  expect(response.status).toBe(200);
}

/** The engine's API with one method's `call`-th answer held until release(). */
const holding = (method: 'getStatus' | 'listEndpoints' | 'countEvents', call = 1): ReturnType<typeof holdingAnswer> => holdingAnswer(app?.app.api as Api, method, call);

/** Counts updates land on the next turn, as they would on the next animation frame. */
const schedule = (update: () => void): void => void setImmediate(update);
const options = { now: () => Date.now(), schedule };

describe('the live store', () => {
  it('reads status, endpoints and today once, then follows the stream', async () => {
    app = await startTestApp();
    live = createLive(localClient(app.app), options);
    await live.refresh();
    expect(live.status.value?.ingress.url).toBe(app.app.ingressUrl);
    expect(live.endpoints.value?.map((e) => e.name)).toEqual(['default']);
    expect(live.today.value).toEqual({ events: 0, failed: 0 });

    await post(lox24Failed);
    await post(soyioOk);
    await waitUntil(() => live?.today.value.events === 2, 'two live events counted');
    expect(live.today.value).toEqual({ events: 2, failed: 1 });
  });

  it('the alert policy’s pause and unseen count follow the stream between two status reads', async () => {
    app = await startTestApp();
    let statusReads = 0;
    const api: Api = { ...app.app.api, getStatus: (input) => (statusReads++, app!.app.api.getStatus(input)) };
    live = createLive(localClient(app.app, api), options);
    await live.refresh();
    expect(live.status.value?.alerts).toMatchObject({ paused: null, unseen: 0 });
    await app.app.api.pauseAlerts({ for: 'until-resumed' });
    await post(lox24Failed);
    await waitUntil(() => live?.status.value?.alerts.unseen === 1, 'the unseen failure');
    expect(live.status.value?.alerts.paused).toEqual({ choice: 'until-resumed', until: null });
    expect(statusReads).toBe(1);
  });

  it('an endpoint change is applied from the stream’s payload, without reading the list again', async () => {
    app = await startTestApp();
    let listed = 0;
    const api: Api = { ...app.app.api, listEndpoints: (input) => (listed++, app!.app.api.listEndpoints(input)) };
    live = createLive(localClient(app.app, api), options);
    await live.refresh();
    expect(listed).toBe(1);

    const created = await app.app.api.createEndpoint({ name: 'stripe' });
    await app.app.api.updateEndpoint({ id: created.id, name: 'stripe (test mode)' });
    expect(live.endpoints.value?.map((e) => e.name)).toEqual(['default', 'stripe (test mode)']);
    await app.app.api.deleteEndpoint({ id: created.id });
    expect(live.endpoints.value?.map((e) => e.name)).toEqual(['default']);
    expect(listed).toBe(1);
  });

  it('a count read before a webhook committed is not written over it: the webhook that arrived meanwhile stays counted', async () => {
    app = await startTestApp();
    const { api, release } = holding('countEvents'); // read now, delivered late
    live = createLive(localClient(app.app, api), options);
    const refreshed = live.refresh();
    await post(lox24Failed); // commits after the count was read, arrives over the stream first
    await waitUntil(() => live?.today.value.events === 1, 'the live event counted');
    release();
    await refreshed;
    expect(live.today.value).toEqual({ events: 1, failed: 1 });
  });

  it('a webhook the count already holds is not counted twice', async () => {
    app = await startTestApp();
    const api: Api = {
      ...app.app.api,
      countEvents: async (input) => {
        await post(lox24Failed); // commits (and reaches the stream) while the count is on its way, before its read
        return app!.app.api.countEvents(input);
      },
    };
    live = createLive(localClient(app.app, api), options);
    await live.refresh();
    await new Promise((resolve) => setImmediate(resolve)); // let any scheduled update land
    expect(live.today.value).toEqual({ events: 1, failed: 1 });
  });

  it('an endpoint list read before a change is not written over it', async () => {
    app = await startTestApp();
    const { api, release } = holding('listEndpoints');
    live = createLive(localClient(app.app, api), options);
    const refreshed = live.refresh();
    // The list was read when refresh() called it; this change commits after that read.
    await app.app.api.createEndpoint({ name: 'created meanwhile' });
    release();
    await refreshed;
    expect(live.endpoints.value?.map((e) => e.name)).toEqual(['default', 'created meanwhile']);
  });
});

describe('two refreshes on their way', () => {
  it('an older list landing after a newer one still holds what the stream said since it was read', async () => {
    app = await startTestApp();
    const { api, release } = holding('listEndpoints', 1); // the first read is slow
    live = createLive(localClient(app.app, api), options);
    const older = live.refresh();
    await app.app.api.createEndpoint({ name: 'second' }); // only the second read holds it (and the stream told it)
    await live.refresh();
    expect(live.endpoints.value?.map((e) => e.name)).toEqual(['default', 'second']);
    release();
    await older;
    expect(live.endpoints.value?.map((e) => e.name)).toEqual(['default', 'second']);
  });

  it('an older answer is shown while the newer one is still on its way', async () => {
    app = await startTestApp();
    const { api, release } = holding('getStatus', 2);
    live = createLive(localClient(app.app, api), options);
    const first = live.refresh();
    const later = live.refresh();
    await first;
    expect(live.status.value?.sequence).toBeGreaterThan(0);
    release();
    await later;
  });
});

describe('mergeCount', () => {
  it('adds only the live events above the seq the count ran through', () => {
    const arrived = [
      { seq: 4, severity: 'failed' as const },
      { seq: 5, severity: 'ok' as const },
      { seq: 6, severity: 'failed' as const },
    ];
    expect(mergeCount({ events: 10, failed: 3, throughSeq: 5 }, arrived)).toEqual({ events: 11, failed: 4 });
    expect(mergeCount({ events: 10, failed: 3, throughSeq: 6 }, arrived)).toEqual({ events: 10, failed: 3 });
  });
});
