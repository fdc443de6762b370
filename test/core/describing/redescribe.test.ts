import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describerVersion } from '../../../main/core/providers';
import { describeGenerically } from '../../../main/core/providers/generic';
import type { NewRequest } from '../../../main/core/store/requests';
import { Redescriber } from '../../../main/core/describing/redescribe';
import { Store } from '../../../main/core/store/store';
import { startTestApp, tempDir, type TestApp } from '../../support/app';
import { storedRequest } from '../../support/requests';

const seedBody = fs.readFileSync(path.resolve('test/fixtures/seeds/lox24.verify_code.channel.failed.json'));

/** A row as an older Hookbridge stored it: described by a fallback that knew nothing of it (info), at an older describer version. */
function oldRow(endpointId: string): NewRequest {
  return storedRequest(endpointId, JSON.parse(seedBody.toString()), {
    body: seedBody,
    path: 'lox24',
    describe: (captured) => ({ ...describeGenerically(captured), severity: 'info', severityReason: null }),
    describedBy: describerVersion - 1,
  });
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('recomputing descriptions when provider knowledge changes', () => {
  it('re-describes rows stored by older provider code: provider, severity, keys and search follow', () => {
    const store = Store.open(tempDir(), { busyTimeoutMs: 1000 });
    const endpoint = store.endpoints.create({ name: 'default' });
    const row = oldRow(endpoint.id);
    store.insertMany([row]);
    store.requests.searchIndex.catchUp(); // indexed with the old description
    expect(store.requests.get(row.id)).toMatchObject({ provider: 'generic', severity: 'info' });

    const redescriber = new Redescriber(store);
    expect(redescriber.catchUp()).toBe(1);
    expect(store.requests.get(row.id)).toMatchObject({ provider: 'lox24', severity: 'failed', title: 'LOX24 · Telegram failed' });
    expect(store.requests.list({ correlationKey: 'phone:+4915112345678' }, null, 10).events.map((e) => e.id)).toEqual([row.id]);
    expect(store.requests.list({ text: '+49 151 1234 5678' }, null, 10).events.map((e) => e.id)).toEqual([row.id]);
    expect(redescriber.catchUp()).toBe(0);
    store.close();
  });

  it('does it by itself after an upgrade: the app re-describes old rows in the background', async () => {
    const dataDir = tempDir();
    const store = Store.open(dataDir, { busyTimeoutMs: 1000 });
    const endpoint = store.endpoints.create({ name: 'default' });
    store.insertMany([oldRow(endpoint.id), oldRow(endpoint.id)]);
    store.close();

    app = await startTestApp({}, dataDir);
    const started = app;
    await expect
      .poll(async () => (await started.app.api.listEvents({ filter: { severity: ['failed'] } })).events.length, { timeout: 5_000 })
      .toBe(2);
  });
});
