import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { runCli, serveApi, startServe, type ServeProcess } from '../support/serve';

const seedDir = path.resolve('test/fixtures/seeds');
let running: ServeProcess[] = [];

afterEach(async () => {
  for (const serve of running) {
    serve.child.kill('SIGKILL');
    await serve.exited;
  }
  running = [];
});

async function serve(args: string[]): Promise<ServeProcess> {
  const started = await startServe(args);
  running.push(started);
  return started;
}

const api = (info: { ui: string; token: string }, method: string, input: unknown = {}): Promise<unknown> => serveApi(info, method, input);

describe('hookbridge serve', () => {
  it('prints one JSON line with real ports, then accepts the LOX24 and Soyio seed examples and lists them', async () => {
    const dataDir = tempDir();
    const { info } = await serve(['--data-dir', dataDir]);
    expect(Object.keys(info)).toEqual(['ingress', 'ui', 'token', 'dataDir', 'endpoints']);
    expect(info.ingress).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(info.ui).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:[1-9]\\d*/#token=${info.token}$`));
    expect(info.dataDir).toBe(dataDir);
    expect(info.endpoints).toEqual([{ id: expect.any(String), name: 'default', url: expect.stringMatching(`^${info.ingress}/h/[A-Za-z0-9_-]{22,}$`) }]);

    const sent: string[] = [];
    for (const file of fs.readdirSync(seedDir).filter((f) => f.endsWith('.json'))) {
      const body = fs.readFileSync(path.join(seedDir, file), 'utf8');
      const response = await fetch(`${info.endpoints[0]?.url}/${file.split('.')[0]}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(response.status).toBe(200);
      sent.push((JSON.parse(body) as { name: string }).name);
    }
    const page = (await api(info, 'listEvents')) as { events: { name: string; provider: string; severity: string; summary: string }[] };
    expect(page.events.map((e) => e.name).sort()).toEqual(sent.sort());
    for (const event of page.events) {
      expect(['lox24', 'soyio']).toContain(event.provider);
      expect(event.summary).not.toBe('');
    }
    const failed = (await api(info, 'listEvents', { filter: { severity: ['failed'] } })) as { events: { name: string }[] };
    expect(failed.events.map((e) => e.name).sort()).toEqual(['auth_attempt.failed', 'validation_attempt.failed', 'verify_code.channel.failed']);
    const byUser = (await api(info, 'listEvents', { filter: { correlationKey: 'soyio:user:user-1042' } })) as { events: unknown[] };
    expect(byUser.events).toHaveLength(4);

    const ui = await fetch(info.ui.split('#')[0] ?? '');
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('Hookbridge');
  });

  it('stops cleanly on SIGTERM and on SIGINT: exit 0, lock released, data kept', async () => {
    const dataDir = tempDir();
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const started = await serve(['--data-dir', dataDir]);
      expect(fs.existsSync(path.join(dataDir, 'hookbridge.lock'))).toBe(true);
      const response = await fetch(started.info.endpoints[0]?.url ?? '', { method: 'POST', body: signal });
      expect(response.status).toBe(200);
      started.child.kill(signal);
      expect(await started.exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'hookbridge.lock'))).toBe(false);
    }
    const again = await serve(['--data-dir', dataDir]);
    const page = (await api(again.info, 'listEvents')) as { events: { summary: string }[] };
    expect(page.events).toHaveLength(2);
  });

  it('refuses a second serve on the same data folder, naming the first one', async () => {
    const dataDir = tempDir();
    const first = await serve(['--data-dir', dataDir]);
    const second = await runCli(['serve', '--data-dir', dataDir, '--ingress-port', '0', '--ui-port', '0']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Another Hookbridge (pid ${first.child.pid}`);
    expect(second.stderr).toContain('--data-dir');
    // The first one is unharmed.
    expect((await fetch(first.info.endpoints[0]?.url ?? '', { method: 'POST', body: 'still here' })).status).toBe(200);
  });

  it('says which port is in use and which flag changes it, in one line, and exits non-zero', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const ingress = await runCli(['serve', '--data-dir', tempDir(), '--ingress-port', String(port), '--ui-port', '0']);
      expect(ingress.code).toBe(1);
      expect(ingress.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`Port ${port} is in use.*--ingress-port`))]);
      const ui = await runCli(['serve', '--data-dir', tempDir(), '--ingress-port', '0', '--ui-port', String(port)]);
      expect(ui.code).toBe(1);
      expect(ui.stderr).toMatch(new RegExp(`Port ${port} is in use.*--ui-port`));
    } finally {
      blocker.close();
    }
  });

  it('a refused start leaves the folder usable: the lock is released', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const dataDir = tempDir();
    try {
      expect((await runCli(['serve', '--data-dir', dataDir, '--ingress-port', String(port)])).code).toBe(1);
    } finally {
      blocker.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'hookbridge.lock'))).toBe(false);
    await serve(['--data-dir', dataDir]);
  });

  it('takes the data folder from HOOKBRIDGE_DATA_DIR when --data-dir is absent', async () => {
    const dataDir = tempDir();
    process.env.HOOKBRIDGE_DATA_DIR = dataDir;
    try {
      const { info } = await serve([]);
      expect(info.dataDir).toBe(dataDir);
    } finally {
      delete process.env.HOOKBRIDGE_DATA_DIR;
    }
  });

  it('explains bad flags, and has --help and --version', async () => {
    const bad = await runCli(['serve', '--ingress-port', 'eighty']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--ingress-port.*expected a whole number from 0 to 65535/);
    const help = await runCli(['serve', '--help']);
    expect(help.stdout).toContain('--data-dir');
    expect(help.stdout).toContain('--json');
    const version = await runCli(['--version']);
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  });
});
