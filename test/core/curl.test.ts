// "Copy as cURL" (core/curl.ts, which the export's replay.sh also builds on): the copied command, run by a real
// shell and curl, sends the captured request into a fresh Hookbridge byte for byte — quotes, $(…), NUL bytes and
// binary bodies included — and nothing in it is expanded by the shell.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { curlCommand } from '../../main/core/curl';
import { startTestApp, tempDir, type TestApp } from '../support/app';

const run = promisify(execFile);
/** A file the body's $(touch …) would create if the shell ever expanded it. */
const marker = path.join(tempDir(), 'expanded');
const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
});

async function started(): Promise<TestApp> {
  const app = await startTestApp();
  apps.push(app);
  return app;
}

async function capture(app: TestApp, body: Buffer, headers: Record<string, string>): Promise<string> {
  const response = await fetch(app.endpoint.url, { method: 'POST', headers, body });
  return ((await response.json()) as { id: string }).id;
}

describe('Copy as cURL', () => {
  it.each([
    ['JSON with quotes, $(…), backticks and newlines', Buffer.from(`{"name":"it's $(touch ${marker}) \`touch ${marker}\` \\n ok","n":1}\n`), { 'Content-Type': 'application/json', 'X-Note': "it's 'quoted' $HOME" }],
    ['text with a NUL byte', Buffer.from('before\0after'), { 'Content-Type': 'text/plain' }],
    ['binary bytes', Buffer.from([0xff, 0x00, 0xfe, 0x27, 0x0a, 0x80]), { 'Content-Type': 'application/octet-stream' }],
    ['no content type at all', Buffer.from('a=1&b=2'), {}],
  ])('%s: replays into a fresh Hookbridge exactly', async (_label, body, headers) => {
    const source = await started();
    const id = await capture(source, body, headers);
    const event = await source.app.api.getEvent({ id });
    const target = await started();

    const { stdout } = await run('sh', ['-c', `${curlCommand(event, target.endpoint.url)} -sS -o /dev/null -w '%{http_code}'`]);
    expect(stdout).toBe('200');

    const [replayed] = (await target.app.api.listEvents({})).events;
    const raw = target.app.store.requests.raw(replayed?.id ?? '');
    expect(raw.body.equals(body)).toBe(true);
    expect(raw.method).toBe('POST');
    const sent = (name: string): string | undefined => raw.headers.find(([n]) => n.toLowerCase() === name)?.[1];
    expect(sent('content-type')).toBe(headers['Content-Type' as keyof typeof headers]);
    if ('X-Note' in headers) expect(sent('x-note')).toBe(headers['X-Note']);
    expect(fs.existsSync(marker)).toBe(false);
  });
});
