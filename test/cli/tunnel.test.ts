// `hookbridge serve --tunnel` as a user runs it: the real CLI, the real ngrok SDK with a made-up token.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { bin, runCli } from '../support/serve';
import { messageOf, openSse } from '../support/sse';

const token = '2abcTESTtokenXYZ_0123456789';

interface Started {
  child: ChildProcessWithoutNullStreams;
  info: { ingress: string; ui: string; token: string; endpoints: { url: string }[]; tunnel?: { state: string; url: string | null } } & Record<string, unknown>;
  stdout(): string;
  stderr(): string;
}

let children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children = [];
});

/** Env without any inherited ngrok token, plus what the test sets. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { NGROK_AUTHTOKEN: _ignored, ...rest } = process.env;
  return { ...rest, ...extra };
}

function serveTunnel(args: string[], extraEnv: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [bin, 'serve', '--json', '--tunnel', '--ingress-port', '0', '--ui-port', '0', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: env(extraEnv),
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let resolved = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no JSON line within 20 s; stderr: ${stderr}`)), 20_000);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const newline = stdout.indexOf('\n');
      if (resolved || newline === -1) return;
      resolved = true;
      clearTimeout(timer);
      resolve({ child, info: JSON.parse(stdout.slice(0, newline)) as Started['info'], stdout: () => stdout, stderr: () => stderr });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before its JSON line; stderr: ${stderr}`));
    });
  });
}

describe('hookbridge serve --tunnel', () => {
  it('with a made-up NGROK_AUTHTOKEN: reports the tunnel state, keeps capturing on 127.0.0.1, and never prints the token', async () => {
    const started = await serveTunnel(['--data-dir', tempDir()], { NGROK_AUTHTOKEN: token });
    expect(Object.keys(started.info)).toEqual(['ingress', 'ui', 'token', 'dataDir', 'endpoints', 'tunnel']);
    expect(['connecting', 'error']).toContain(started.info.tunnel?.state);
    expect(started.info.tunnel?.url).toBeNull();
    const response = await fetch(started.info.endpoints[0]?.url ?? '', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"ping"}' });
    expect(response.status).toBe(200);
    // Let a retry happen (state lines go to stderr): wait until the stream shows one attempt after an error
    // (error → connecting → its outcome), then stop serve and look at everything it printed.
    const stream = await openSse(`${new URL(started.info.ui).origin}/api/stream`, { Authorization: `Bearer ${started.info.token}` });
    try {
      await stream.waitFor((frames) => {
        const states = [started.info.tunnel?.state, ...frames.map(messageOf).flatMap((m) => (m.type === 'status.changed' ? [(m.data.tunnel as { state: string }).state] : []))];
        const retry = states.indexOf('connecting', states.indexOf('error') + 1);
        return states.includes('error') && retry !== -1 && states.slice(retry + 1).some((state) => state !== 'connecting');
      }, 20_000);
    } finally {
      stream.close();
    }
    const closed = once(started.child, 'close'); // after exit, and after its output has all been read
    started.child.kill('SIGTERM');
    await closed;
    expect(started.stdout()).not.toContain(token);
    expect(started.stderr()).not.toContain(token);
  }, 60_000);

  it('reads the token from --ngrok-authtoken-file, and refuses a missing or empty file with a clear sentence', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ngrok-token');
    fs.writeFileSync(file, `${token}\n`);
    const started = await serveTunnel(['--data-dir', tempDir(), '--ngrok-authtoken-file', file], {});
    expect(['connecting', 'error']).toContain(started.info.tunnel?.state);
    expect(started.stdout() + started.stderr()).not.toContain(token);

    const missing = await runCli(['serve', '--tunnel', '--data-dir', tempDir(), '--ingress-port', '0', '--ui-port', '0', '--ngrok-authtoken-file', path.join(dir, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--ngrok-authtoken-file .*nope: it does not exist\. Put your ngrok authtoken in it, or set NGROK_AUTHTOKEN\./);
    fs.writeFileSync(path.join(dir, 'empty'), '  \n');
    const empty = await runCli(['serve', '--tunnel', '--data-dir', tempDir(), '--ingress-port', '0', '--ui-port', '0', '--ngrok-authtoken-file', path.join(dir, 'empty')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/is empty\. Put your ngrok authtoken in it/);
  });

  it('prints the tunnel state line for people: the error sentence, and that capture goes on', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--tunnel', '--data-dir', tempDir(), '--ingress-port', '0', '--ui-port', '0'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: env({ NGROK_AUTHTOKEN: token }),
    });
    children.push(child);
    let out = '';
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within 20 s: ${out}`)), 20_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Press Ctrl+C')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const line = out.split('\n').find((l) => l.trimStart().startsWith('Tunnel')) ?? '';
    // Offline: the network sentence; with a network: ngrok rejects the made-up token. Never online.
    expect(line).toMatch(/^ {2}Tunnel {4}(error|connecting)/);
    expect(line).not.toMatch(/online/);
    expect(out).not.toContain(token);
  });

  it('without any token: tunnel.state is needs-token and capture still works', async () => {
    const started = await serveTunnel(['--data-dir', tempDir()], {});
    expect(started.info.tunnel).toEqual({ state: 'needs-token', url: null });
    const response = await fetch(started.info.endpoints[0]?.url ?? '', { method: 'POST', body: 'hi' });
    expect(response.status).toBe(200);
  });
});
