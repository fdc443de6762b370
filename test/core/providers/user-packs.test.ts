// The user's own packs, against a real app: a file in <data folder>/providers/ is loaded at start and when it
// appears or changes, describes what it claims (stored events too, re-described in the background), and a
// broken or clashing file is reported with the file and the path, never loaded.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, startTestApp, tempDir, waitUntil, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A made-up sender, "Acme Parcels": an X-Acme-Topic header, failures named *.failed, tracking numbers as keys. */
const acmePack = {
  id: 'acme-parcels',
  name: 'Acme Parcels',
  docs: 'https://acme.example/docs/webhooks',
  detect: { headers: ['X-Acme-Topic'] },
  event: { header: 'X-Acme-Topic' },
  severity: [{ event: '*.failed', severity: 'failed', reason: ['Delivery failed: {{$.failure.reason}}', 'Delivery failed'] }],
  summary: [{ text: 'Parcel {{$.parcel.tracking}} · {{$.parcel.status}}' }, { text: '{{event}}' }],
  keys: [{ prefix: 'parcel', path: '$.parcel.tracking' }],
  examples: [],
};

const parcelFailed = JSON.stringify({ parcel: { tracking: 'AC123456789', status: 'returned' }, failure: { reason: 'recipient not home, third attempt' } });

async function postAcme(app: TestApp): Promise<string> {
  const response = await fetch(app.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Acme-Topic': 'delivery.failed' }, body: parcelFailed });
  return ((await response.json()) as { id: string }).id;
}

describe('your own provider packs', () => {
  it('loads a pack found at start: listed as yours, and it describes what it claims', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'providers'));
    fs.writeFileSync(path.join(dataDir, 'providers', 'acme.json'), JSON.stringify(acmePack));
    app = await startTestApp({}, dataDir);
    expect((await app.app.api.listProviders()).find((p) => p.id === 'acme-parcels')).toEqual({ id: 'acme-parcels', label: 'Acme Parcels', signature: null, handshake: null, origin: 'user' });
    expect(await app.app.api.listProviderPacks()).toEqual({ folder: path.join(dataDir, 'providers'), packs: [{ id: 'acme-parcels', name: 'Acme Parcels', file: 'acme.json' }], errors: [] });
    const event = await app.app.api.getEvent({ id: await postAcme(app) });
    expect(event).toMatchObject({ provider: 'acme-parcels', name: 'delivery.failed', severity: 'failed', severityReason: 'Delivery failed: recipient not home, third attempt', summary: 'Delivery failed: recipient not home, third attempt · Parcel AC123456789 · returned', claim: 'recognised by the X-Acme-Topic header' });
    expect(event.correlationKeys).toEqual(['parcel:AC123456789']);
  });

  it('picks up a pack dropped in while it runs, and re-describes the events it now claims', async () => {
    app = await startTestApp();
    const started = app;
    const before = await started.app.api.getEvent({ id: await postAcme(started) });
    expect(before.provider).toBe('generic');
    fs.writeFileSync(path.join(started.dataDir, 'providers', 'acme.json'), JSON.stringify(acmePack));
    await waitUntil(async () => (await started.app.api.listProviders()).some((p) => p.id === 'acme-parcels'), 'the new pack listed');
    await waitUntil(async () => (await started.app.api.getEvent({ id: before.id })).provider === 'acme-parcels', 'the stored event re-described');
    expect(await started.app.api.getEvent({ id: before.id })).toMatchObject({ severity: 'failed', name: 'delivery.failed' });
    expect((await started.app.api.listEvents({ filter: { provider: 'acme-parcels' } })).events.map((e) => e.id)).toEqual([before.id]);

    // Removing it gives the event back to the fallback.
    fs.rmSync(path.join(started.dataDir, 'providers', 'acme.json'));
    await waitUntil(async () => (await started.app.api.getEvent({ id: before.id })).provider === 'generic', 'the event described generically again');
  });

  it('reports a broken file with the file and the path, and a pack that takes a built-in id, without loading either', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'providers'));
    fs.writeFileSync(path.join(dataDir, 'providers', 'broken.json'), JSON.stringify({ ...acmePack, event: { fields: ['parcel.status'] } }));
    fs.writeFileSync(path.join(dataDir, 'providers', 'stripe-again.json'), JSON.stringify({ ...acmePack, id: 'stripe' }));
    fs.writeFileSync(path.join(dataDir, 'providers', 'not-json.json'), '{ id: acme');
    app = await startTestApp({}, dataDir);
    const { packs, errors } = await app.app.api.listProviderPacks();
    expect(packs).toEqual([]);
    expect(errors).toEqual([
      { file: 'broken.json', message: expect.stringMatching(/^Provider pack broken\.json is not valid: event\.fields\.0: must be a JSON path/) },
      { file: 'not-json.json', message: expect.stringMatching(/^Provider pack not-json\.json is not JSON: /) },
      { file: 'stripe-again.json', message: 'Provider pack stripe-again.json: id “stripe” is a built-in provider\'s; give your pack its own id.' },
    ]);
    expect((await app.app.api.getStatus()).warnings).toEqual(expect.arrayContaining([expect.stringContaining('broken.json')]));
  });

  it('imports a pack through the API after checking it: a broken one is refused with the path, a good one saved and loaded', async () => {
    app = await startTestApp();
    const refused = await callApi(app, 'importProviderPack', { fileName: 'acme.json', content: JSON.stringify({ ...acmePack, severity: [{ event: 'x', severity: 'fatal' }] }) });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('severity.0.severity') } });
    expect(fs.existsSync(path.join(app.dataDir, 'providers', 'acme.json'))).toBe(false);

    const imported = await callApi(app, 'importProviderPack', { fileName: '../../etc/acme pack.json', content: JSON.stringify(acmePack) });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ packs: [{ id: 'acme-parcels', file: 'acme_pack.json' }], errors: [] });
    expect(fs.existsSync(path.join(app.dataDir, 'providers', 'acme_pack.json'))).toBe(true);
    expect((await app.app.api.getEvent({ id: await postAcme(app) })).provider).toBe('acme-parcels');
  });
});
