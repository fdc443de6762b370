// `hookbridge serve` as a terminal user and a script see it: a line per stored event (colour only on a
// terminal, under a real pseudo-terminal from util-linux `script`), NDJSON with --json, nothing with --quiet,
// sender text made inert, and a reader that stops reading never stalls capture.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, waitUntil } from '../support/app';
import { bin, serveApi, startServe, type ServeProcess } from '../support/serve';

const seed = (file: string): string => fs.readFileSync(path.resolve('test/fixtures/seeds', file), 'utf8');
const lox24Failed = seed('lox24.verify_code.channel.failed.json');
const soyioOk = seed('soyio.auth_attempt.successful.json');
/**
 * A webhook whose event name and text carry terminal escape sequences: colour, a window title, a bell, a bidi
 * override. In a Stripe-shaped envelope: the Stripe pack takes `type` as the sender wrote it (the fallback
 * would not take such a name at all).
 */
const hostile = JSON.stringify({ object: 'event', type: 'order.\u001b[31mred\u001b[0m', data: { object: { object: 'order', id: 'x\u001b]0;pwned\u0007 \u202eevil \u009b2J' } } });
const ESC = '\u001b';

let children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      await gone;
    }
  }
  children = [];
});

async function post(url: string, body: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  expect(response.status).toBe(200);
}

/** `serve` in text mode, on a pipe or (tty) under a pseudo-terminal; its output as it arrives. */
function startText(args: string[], options: { tty: boolean; env?: NodeJS.ProcessEnv }): { output(): string; endpoint(): Promise<string>; stop(): Promise<void> } {
  const command = [process.execPath, bin, 'serve', '--data-dir', tempDir(), '--ingress-port', '0', '--ui-port', '0', ...args];
  const quoted = command.map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = options.tty
    ? spawn('script', ['-qfec', quoted, '/dev/null'], { detached: true, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } })
    : spawn(command[0] ?? '', command.slice(1), { detached: true, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output: () => output,
    endpoint: async () => {
      await waitUntil(() => /http:\/\/127\.0\.0\.1:\d+\/h\/[A-Za-z0-9_-]+/.test(output) && output.includes('Press Ctrl+C'), 'the startup lines');
      return /http:\/\/127\.0\.0\.1:\d+\/h\/[A-Za-z0-9_-]+/.exec(output)?.[0] ?? '';
    },
    stop: async () => {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

/** The lines after the startup lines, without the terminal's carriage returns. */
const eventLines = (output: string): string[] =>
  output
    .replace(/\r/g, '')
    .split('\n')
    .slice(output.replace(/\r/g, '').split('\n').findIndex((line) => line.startsWith('Press Ctrl+C')) + 1)
    .filter((line) => line.trim() !== '');

describe('serve prints a line per stored event', () => {
  it('on a pipe: time, mark, status, request, provider · name, masked summary — no colour, no escape from a sender', async () => {
    const serve = startText([], { tty: false });
    const url = await serve.endpoint();
    await post(`${url}/lox24`, lox24Failed);
    await post(url, soyioOk);
    await post(`${url}/orders`, hostile);
    await waitUntil(() => eventLines(serve.output()).length === 3, 'three event lines');
    const [failed, ok, generic] = eventLines(serve.output());
    expect(failed).toMatch(/^\d\d:\d\d:\d\d {2}✕ {2}200 {2}POST \/lox24 +lox24 · verify_code\.channel\.failed {2}Telegram failed for \+49 ••• 678 — Delivery timeout/);
    expect(ok).toMatch(/^\d\d:\d\d:\d\d {2}✓ {2}200 {2}POST \/ +soyio · auth_attempt\.successful {2}/);
    expect(generic).toContain('stripe · order.\\x1b[31mred\\x1b[0m');
    expect(serve.output()).not.toContain('15112345678');
    expect(serve.output()).not.toContain(ESC);
    expect(serve.output()).not.toContain('\u009b');
    expect(serve.output()).not.toContain('\u202e');
    await serve.stop();
  });

  it('on a terminal: coloured marks and statuses, and a sender’s escape sequences still shown inert', async () => {
    const serve = startText([], { tty: true });
    const url = await serve.endpoint();
    await post(`${url}/lox24`, lox24Failed);
    await post(`${url}/orders`, hostile);
    await waitUntil(() => eventLines(serve.output()).length === 2, 'two event lines');
    const [failed, generic] = eventLines(serve.output());
    expect(failed).toContain(`${ESC}[31m✕${ESC}[39m`);
    expect(failed).toContain(`${ESC}[32m200${ESC}[39m`);
    expect(generic).toContain('order.\\x1b[31mred\\x1b[0m');
    // Every ESC on the screen is one of ours: SGR colour codes, nothing a sender wrote (no title, no erase).
    const sequences = serve.output().split(ESC).slice(1);
    expect(sequences.length).toBeGreaterThan(0);
    expect(sequences.every((rest) => /^\[\d+m/.test(rest))).toBe(true);
    await serve.stop();
  });

  it('NO_COLOR keeps a terminal free of colour', async () => {
    const serve = startText([], { tty: true, env: { NO_COLOR: '1' } });
    const url = await serve.endpoint();
    await post(`${url}/lox24`, lox24Failed);
    await waitUntil(() => eventLines(serve.output()).length === 1, 'the event line');
    expect(eventLines(serve.output())[0]).toMatch(/^\d\d:\d\d:\d\d {2}✕ {2}200 {2}POST \/lox24/);
    expect(serve.output()).not.toContain(ESC);
    await serve.stop();
  });

  it('--quiet prints the startup lines and nothing per event', async () => {
    const serve = startText(['--quiet'], { tty: false });
    const url = await serve.endpoint();
    await post(`${url}/lox24`, lox24Failed);
    await post(url, soyioOk);
    await serve.stop(); // a clean stop prints every line written before it exits
    expect(eventLines(serve.output())).toEqual([]);
  });

  it('a burst loses no event from the count: each is a line or counted in a "+N more" line', async () => {
    const serve = startText([], { tty: false });
    const url = await serve.endpoint();
    const total = 60;
    for (let i = 0; i < total; i++) await post(url, JSON.stringify({ event: 'burst', i }));
    const accounted = (): number =>
      eventLines(serve.output()).reduce((sum, line) => sum + (/\+(\d+) more/.exec(line) ? Number(/\+(\d+) more/.exec(line)?.[1]) : 1), 0);
    // How many land in one second depends on this machine; that each is printed or counted does not (the
    // limit itself is tested on a manual clock in live-output.test.ts).
    await waitUntil(() => accounted() === total, 'every event printed or counted');
    await serve.stop();
  });
});

describe('serve --json', () => {
  let serve: ServeProcess | undefined;
  afterEach(async () => {
    serve?.child.kill('SIGKILL');
    await serve?.exited;
    serve = undefined;
  });

  it('after the first line, one JSON line per stored event with a stable shape, masked', async () => {
    serve = await startServe(['--data-dir', tempDir()]);
    const url = serve.info.endpoints[0]?.url ?? '';
    await post(`${url}/lox24`, lox24Failed);
    await post(url, soyioOk);
    await post(`${url}/orders`, hostile);
    const lines = (): string[] => serve!.stdout().split('\n').slice(1, -1); // whole lines only
    await waitUntil(() => lines().length === 3, 'three JSON lines');
    const events = lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const event of events) {
      expect(Object.keys(event)).toEqual(['type', 'id', 'receivedAt', 'endpoint', 'method', 'path', 'status', 'provider', 'name', 'severity', 'summary', 'correlationKeys']);
    }
    expect(events[0]).toMatchObject({
      type: 'event',
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      endpoint: { id: serve.info.endpoints[0]?.id, name: 'default' },
      method: 'POST',
      path: 'lox24',
      status: 200,
      provider: 'lox24',
      name: 'verify_code.channel.failed',
      severity: 'failed',
      summary: expect.stringContaining('+49 ••• 678'),
      correlationKeys: expect.arrayContaining(['phone:+49 ••• 678']),
    });
    expect(events[1]).toMatchObject({ provider: 'soyio', severity: 'ok' });
    expect(events[2]).toMatchObject({ provider: 'stripe', name: 'order.\u001b[31mred\u001b[0m' });
    // The bytes on the wire: escaped, so a terminal showing the stream is never driven by a sender.
    expect(serve.stdout()).not.toContain(ESC);
    expect(serve.stdout()).not.toContain('\u009b');
    expect(serve.stdout()).not.toContain('15112345678');
  });

  it('a reader that stops reading never stalls capture: every webhook is answered and stored, and the gap is said when it reads again', async () => {
    serve = await startServe(['--data-dir', tempDir()]);
    const url = serve.info.endpoints[0]?.url ?? '';
    serve.child.stdout.pause(); // the pipe fills up: nobody reads it any more
    const total = 3_000;
    const body = lox24Failed;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < total) {
        next += 1;
        await post(url, body);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const counted = await serveApi<{ events: number }>(serve.info, 'countEvents', {});
    expect(counted.events).toBe(total);

    serve.child.stdout.resume();
    const lines = (): Record<string, unknown>[] =>
      serve!
        .stdout()
        .split('\n')
        .slice(1, -1) // whole lines only: the last may still be on its way
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const accounted = (): number => lines().reduce((sum, line) => sum + (line.type === 'gap' ? (line.dropped as number) : 1), 0);
    await waitUntil(() => accounted() === total, 'every event printed or counted in a gap line');
    expect(lines().some((line) => line.type === 'gap')).toBe(true);
  });
});
