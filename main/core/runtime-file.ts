// The runtime file: how the CLI and coding agents find the Hookbridge that runs on a data folder. A running
// instance (serve, the desktop app, `hookbridge mcp` when it owns the engine) writes
// <data folder>/hookbridge.runtime.json with its control API's address and token — atomically, mode 0600, in the
// private folder — and removes it on a clean stop. After a crash the file stays behind: a reader treats it as
// stale when the process it names is gone, and before sending the token it asks the server to prove it knows
// the token (`POST /api/hello`: an HMAC of a fresh nonce), so a stranger now on that port never receives it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const runtimeFileName = 'hookbridge.runtime.json';

export const RuntimeInfo = z.object({
  pid: z.number().int(),
  /** serve, the desktop app, or an MCP server that started the engine itself. */
  owner: z.enum(['serve', 'desktop', 'mcp']),
  /** http://127.0.0.1:<port> */
  controlUrl: z.string(),
  token: z.string().min(16),
  /** http://127.0.0.1:<port> of the webhook receiver. */
  ingressUrl: z.string().nullable(),
  startedAt: z.number(),
});
export type RuntimeInfo = z.infer<typeof RuntimeInfo>;

export function runtimeFile(dataDir: string): string {
  return path.join(dataDir, runtimeFileName);
}

export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): void {
  const target = runtimeFile(dataDir);
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(info), { mode: 0o600 });
  fs.renameSync(temporary, target);
}

/** Removes the file if it is still this process's (a later instance may have replaced it). */
export function removeRuntimeFile(dataDir: string, token: string): void {
  const current = readRuntimeFile(dataDir);
  if (current && current.token === token) fs.rmSync(runtimeFile(dataDir), { force: true });
}

/** The file's content, or null when there is none or it cannot be read. Says nothing about whether it is stale. */
export function readRuntimeFile(dataDir: string): RuntimeInfo | null {
  try {
    return RuntimeInfo.parse(JSON.parse(fs.readFileSync(runtimeFile(dataDir), 'utf8')));
  } catch {
    return null;
  }
}

/** What the server answers to a nonce: proof that it knows the token, without revealing it. */
export function helloProof(token: string, nonce: string): string {
  return crypto.createHmac('sha256', token).update(`hookbridge-hello:${nonce}`).digest('hex');
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
