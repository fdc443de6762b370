// A real I/O error on the database file, for fault tests: tests run as root, so permissions cannot make a
// write fail, and SQLite's own knobs only fake "full" or "read-only". This compiles test/support/io-fault.c
// (cc is on every machine: node-gyp needs it) into an LD_PRELOAD shim; a `hookbridge serve` started with
// `env` then gets EIO from the kernel's side of every write to its database while the fault is on.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface IoFault {
  /** Environment for the child process: LD_PRELOAD and what the shim watches. */
  env: NodeJS.ProcessEnv;
  on(): void;
  off(): void;
}

let built: string | undefined;

function buildShim(): string {
  if (built && fs.existsSync(built)) return built;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-io-fault-'));
  const out = path.join(dir, 'io-fault.so');
  try {
    execFileSync('cc', ['-shared', '-fPIC', '-O1', '-o', out, path.resolve('test/support/io-fault.c'), '-ldl'], { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`The I/O fault shim needs a C compiler (cc); install gcc (apt-get install -y gcc). ${stderr || (error as Error).message}`);
  }
  built = out;
  return out;
}

/**
 * A fault on every file whose path starts with `pathPrefix` (the database, its WAL). Off until on(). `EIO` is a
 * failing disk; `ENOSPC` is a full one (the real thing, not SQLite's max_page_count).
 */
export function ioFault(pathPrefix: string, errno: 'EIO' | 'ENOSPC' = 'EIO'): IoFault {
  const shim = buildShim();
  const flag = path.join(path.dirname(shim), `fault-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return {
    env: { ...process.env, LD_PRELOAD: shim, HOOKBRIDGE_FAULT_FLAG: flag, HOOKBRIDGE_FAULT_PATH: pathPrefix, HOOKBRIDGE_FAULT_ERRNO: errno },
    on: () => fs.writeFileSync(flag, ''),
    off: () => fs.rmSync(flag, { force: true }),
  };
}
