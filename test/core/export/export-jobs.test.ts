// Exports started through the API: progress on the stream, a zip to download once in headless mode, a folder
// chosen by the host in the app, and cancel.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../main/core/model';
import { startHeadless, type Headless } from '../../../main/core/headless';
import { tempDir } from '../../support/app';
import { openSse } from '../../support/sse';

let running: Headless | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

async function start(chooseFolder?: (name: string) => Promise<string | null>): Promise<Headless> {
  running = await startHeadless({ dataDir: tempDir(), ingress: { port: 0 } }, { port: 0, rendererDir: path.resolve('dist/renderer') }, chooseFolder ? { exportFolder: { chooseFolder } } : {});
  const [endpoint] = await running.app.api.listEndpoints();
  for (let i = 0; i < 5; i++) {
    const response = await fetch(endpoint?.url ?? '', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'order.paid', phone: '+4915199887766', i }) });
    expect(response.status).toBe(200);
  }
  return running;
}

function control(headless: Headless, pathname: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${headless.control.port}${pathname}`, { ...init, headers: { Authorization: `Bearer ${headless.token}`, 'Content-Type': 'application/json', ...init.headers } });
}

async function finished(exportId: string, stream: Awaited<ReturnType<typeof openSse>>): Promise<ExportProgress> {
  const frames = await stream.waitFor((all) => all.some((f) => f.data.includes(exportId) && /"state":"(done|failed|cancelled)"/.test(f.data)));
  const messages = frames.map((f) => JSON.parse(f.data) as { type: string; data: ExportProgress }).filter((m) => m.type === 'export.progress' && m.data.exportId === exportId);
  return messages.at(-1)?.data as ExportProgress;
}

describe('exports from the UI', () => {
  it('headless: progress arrives on the stream, then the zip downloads once, with the redacted fixtures in it', async () => {
    const headless = await start();
    const stream = await openSse(`http://127.0.0.1:${headless.control.port}/api/stream`, { Authorization: `Bearer ${headless.token}` });
    try {
      const started = (await (await control(headless, '/api/exportEvents', { method: 'POST', body: JSON.stringify({ format: 'json' }) })).json()) as { exportId: string };
      const done = await finished(started.exportId, stream);
      expect(done).toMatchObject({ state: 'done', result: { count: 5, folder: null, download: `/export/${started.exportId}.zip` } });

      const unauthenticated = await fetch(`http://127.0.0.1:${headless.control.port}${done.result?.download}`);
      expect(unauthenticated.status).toBe(401);
      const download = await control(headless, done.result?.download ?? '');
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="hookbridge-json-.*\.zip"$/);
      const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
      const names = Object.keys(files);
      expect(names).toHaveLength(5);
      for (const name of names) expect(name).toMatch(/^hookbridge-json-[^/]+\/generic\/order\.paid\/.+\.json$/);
      const text = names.map((n) => new TextDecoder().decode(files[n])).join('\n');
      expect(text).not.toContain('15199887766');

      const again = await control(headless, done.result?.download ?? '');
      expect(again.status).toBe(404);
      expect(((await again.json()) as { error: { message: string } }).error.message).toContain('downloaded already, or it expired');
    } finally {
      stream.close();
    }
  });

  it('desktop app: the host picks a folder (the page never names one); a cancelled dialog is a cancelled export', async () => {
    const parent = tempDir();
    let answer: string | null = parent;
    const headless = await start(async () => answer);
    const stream = await openSse(`http://127.0.0.1:${headless.control.port}/api/stream`, { Authorization: `Bearer ${headless.token}` });
    try {
      const { exportId } = await headless.app.api.exportEvents({ format: 'har' });
      const done = await finished(exportId, stream);
      expect(done.state).toBe('done');
      const folder = done.result?.folder ?? '';
      expect(path.dirname(folder)).toBe(parent);
      expect(fs.readdirSync(folder)).toEqual(['hookbridge.har']);

      answer = null;
      const dismissed = await headless.app.api.exportEvents({ format: 'json' });
      expect((await finished(dismissed.exportId, stream)).state).toBe('cancelled');
      expect(fs.readdirSync(parent)).toHaveLength(1);
    } finally {
      stream.close();
    }
  });

  it('an export of nothing fails with the reason; an unknown format is refused', async () => {
    const headless = await start();
    const stream = await openSse(`http://127.0.0.1:${headless.control.port}/api/stream`, { Authorization: `Bearer ${headless.token}` });
    try {
      const { exportId } = await headless.app.api.exportEvents({ filter: { provider: 'soyio' } });
      expect(await finished(exportId, stream)).toMatchObject({ state: 'failed', error: 'No events match: there is nothing to export.' });
      const bad = await control(headless, '/api/exportEvents', { method: 'POST', body: JSON.stringify({ format: 'xml' }) });
      expect(bad.status).toBe(400);
    } finally {
      stream.close();
    }
  });
});
