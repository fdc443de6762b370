import { afterEach, describe, expect, it } from 'vitest';
import { generateEvents } from '../../../main/core/describing/generate';
import { startTestApp, tempDir, type TestApp } from '../../support/app';

let app: TestApp;
afterEach(async () => {
  await app?.stop();
});

describe('activity and settings that apply at once', () => {
  it('counts events and failures per bucket over the whole range, from the store', async () => {
    const dataDir = tempDir();
    generateEvents({ dataDir, count: 2_000, seed: 3, days: 2 });
    app = await startTestApp({}, dataDir);
    const to = Date.now();
    const from = to - 3 * 86_400_000;
    const { bucketMs, buckets } = await app.app.api.getActivity({ from, to, bucket: 'hour' });
    expect(bucketMs).toBe(3_600_000);
    expect(buckets.reduce((n, b) => n + b.events, 0)).toBe(2_000);
    const failed = await app.app.api.countEvents({ filter: { severity: ['failed'] } });
    expect(buckets.reduce((n, b) => n + b.failed, 0)).toBe(failed.events);
    expect(failed.events).toBeGreaterThan(0);
    const onlyLox = await app.app.api.getActivity({ filter: { provider: 'lox24' }, from, to, bucket: 'day' });
    expect(onlyLox.buckets.reduce((n, b) => n + b.events, 0)).toBe((await app.app.api.countEvents({ filter: { provider: 'lox24' } })).events);
  });

  it('refuses a range that would need too many buckets, saying what to do', async () => {
    app = await startTestApp();
    await expect(app.app.api.getActivity({ from: 0, to: Date.now(), bucket: 'minute' })).rejects.toThrow(/pick a larger bucket/);
  });

  it('applies a new body limit from the settings without a restart', async () => {
    app = await startTestApp();
    const body = 'x'.repeat(3_000);
    expect((await fetch(app.endpoint.url, { method: 'POST', body })).status).toBe(200);
    await app.app.api.updateSettings({ bodyLimitBytes: 2_048 });
    expect((await fetch(app.endpoint.url, { method: 'POST', body })).status).toBe(413);
    await app.app.api.updateSettings({ bodyLimitBytes: null });
    expect((await fetch(app.endpoint.url, { method: 'POST', body })).status).toBe(200);
  });
});
