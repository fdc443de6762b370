import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';

describe('npm start', () => {
  it('explains in one paragraph why the desktop app cannot start here, then serves the same app headless and prints its UI URL', async () => {
    const child = spawn(process.execPath, [path.resolve('scripts/start.mjs'), '--data-dir', tempDir(), '--ingress-port', '0', '--ui-port', '0'], {
      env: { ...process.env, HOOKBRIDGE_SKIP_BUILD: '1', HOOKBRIDGE_NO_BROWSER: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stdout, { timeout: 20_000 }).toMatch(/UI\s+http:\/\/127\.0\.0\.1:\d+\/#token=/);
      // stderr is another pipe: what was written to it first may still be on its way when stdout has arrived.
      await expect.poll(() => stderr, { timeout: 20_000 }).toMatch(/the desktop app could not start here: .+\. Electron downloads its own binary/);
      await expect.poll(() => stderr, { timeout: 20_000 }).toContain('Meanwhile Hookbridge runs headless');
      const ui = /UI\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout)?.[1] ?? '';
      expect((await fetch(`${ui}/`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
