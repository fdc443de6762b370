import { afterEach, describe, expect, it } from 'vitest';
import { generateEvents } from '../../../main/core/describing/generate';
import { startTestApp, tempDir, type TestApp } from '../../support/app';

let app: TestApp;
afterEach(async () => {
  await app?.stop();
});

describe('paging a feed window both ways', () => {
  it('climbs back up with direction "newer": the rows just above the cursor, newest first, and a cursor while more exist', async () => {
    const dataDir = tempDir();
    generateEvents({ dataDir, count: 50, seed: 5 });
    app = await startTestApp({}, dataDir);
    const all = (await app.app.api.listEvents({ limit: 50 })).events.map((e) => e.seq);
    const middle = all[30] ?? 0;

    const up = await app.app.api.listEvents({ cursor: middle, limit: 10, direction: 'newer' });
    expect(up.events.map((e) => e.seq)).toEqual(all.slice(20, 30));
    expect(up.nextCursor).toBe(all[20]);

    const top = await app.app.api.listEvents({ cursor: all[5] ?? 0, limit: 10, direction: 'newer' });
    expect(top.events.map((e) => e.seq)).toEqual(all.slice(0, 5));
    expect(top.nextCursor).toBeNull();

    const down = await app.app.api.listEvents({ cursor: middle, limit: 10 });
    expect(down.events.map((e) => e.seq)).toEqual(all.slice(31, 41));
  });
});
