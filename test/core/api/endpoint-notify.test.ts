// Per-endpoint desktop notifications: the switch is saved with the endpoint and survives a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, startTestApp, tempDir, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('muting an endpoint', () => {
  it('new endpoints notify; notify:false is kept across a restart and capture goes on', async () => {
    const dataDir = tempDir();
    app = await startTestApp({}, dataDir);
    expect(app.endpoint.notify).toBe(true);
    const created = await callApi(app, 'createEndpoint', { name: 'noisy staging', notify: false });
    expect(created.body).toMatchObject({ name: 'noisy staging', notify: false });
    const muted = await callApi(app, 'updateEndpoint', { id: app.endpoint.id, notify: false });
    expect(muted.body).toMatchObject({ id: app.endpoint.id, notify: false, enabled: true });
    await app.stop();

    app = await startTestApp({}, dataDir);
    const listed = (await callApi(app, 'listEndpoints')).body as { name: string; notify: boolean }[];
    expect(listed.map((e) => [e.name, e.notify])).toEqual([
      ['default', false],
      ['noisy staging', false],
    ]);
    const answer = await fetch(app.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"still.captured"}' });
    expect(answer.status).toBe(200);
  });

  it('refuses a notify that is not true or false, with the field named', async () => {
    app = await startTestApp();
    const refused = await callApi(app, 'updateEndpoint', { id: app.endpoint.id, notify: 'no', name: 'renamed' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Invalid input for updateEndpoint: notify: .*boolean/) } });
    // Nothing of the refused call was applied, not even its valid part.
    const [endpoint] = (await callApi(app, 'listEndpoints')).body as { name: string; notify: boolean }[];
    expect(endpoint).toMatchObject({ name: 'default', notify: true });
  });
});
