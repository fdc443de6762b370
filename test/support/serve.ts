// Spawns the real `hookbridge` command (bin/hookbridge.js → dist/cli.js) as a user would run it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export interface ServeInfo {
  ingress: string;
  ui: string;
  token: string;
  dataDir: string;
  endpoints: { id: string; name: string; url: string }[];
}

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  info: ServeInfo;
  stderr(): string;
  /** Everything printed on stdout so far, the JSON line included. */
  stdout(): string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

export const bin = path.resolve('bin/hookbridge.js');

export function runCli(args: string[], timeoutMs = 15_000): Promise<{ code: number | string; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hookbridge ${args.join(' ')} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'unknown', stdout, stderr });
    });
  });
}

/** Starts `hookbridge serve --json` and waits for its JSON line. */
export function startServe(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [bin, 'serve', '--json', '--ingress-port', '0', '--ui-port', '0', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve printed no JSON line within 15 s; stderr: ${stderr}`));
    }, 15_000);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const newline = stdout.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      resolve({ child, info: JSON.parse(stdout.slice(0, newline)) as ServeInfo, stderr: () => stderr, stdout: () => stdout, exited });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before printing its JSON line; stderr: ${stderr}`));
    });
  });
}

/** Calls a running serve's control API the way a script would (Bearer token); throws unless it answers 200. */
export async function serveApi<T>(info: Pick<ServeInfo, 'ui' | 'token'>, method: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${new URL(info.ui).origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${info.token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as T;
  if (response.status !== 200) throw new Error(`${method} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}
