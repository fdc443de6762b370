// The checkpoint worker against a real SQLite file and the built worker script (dist/checkpoint-worker.cjs):
// committed pages reach the database file without the writer checkpointing, and whenever the worker is missing,
// broken or stopped, the writer's own checkpoints are back on.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backstopAutoCheckpointPages, Checkpointer, defaultAutoCheckpointPages } from '../../../main/core/store/checkpointer';
import type { NewRequest } from '../../../main/core/store/requests';
import { Store } from '../../../main/core/store/store';
import { tempDir } from '../../support/app';
import { storedRequest } from '../../support/requests';

const script = path.resolve('dist/checkpoint-worker.cjs');
if (!fs.existsSync(script)) throw new Error(`${script} is missing: run npm run build (the test setup normally does).`);

let store: Store | undefined;
let checkpointer: Checkpointer | undefined;
afterEach(async () => {
  await checkpointer?.stop();
  store?.close();
  checkpointer = undefined;
  store = undefined;
});

function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (condition()) return resolve();
      if (Date.now() - started > ms) return reject(new Error(`gave up after ${ms} ms waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

function rows(endpointId: string, count: number): NewRequest[] {
  return Array.from({ length: count }, (_, n) => storedRequest(endpointId, { name: 'checkpoint.probe', n, padding: 'p'.repeat(3_000) }));
}

/** A loaded machine can take seconds to start a worker: stop() must never terminate one that is on its way. */
const stopGraceMs = 20_000;

const writerThreshold = (s: Store): number => s.db.pragma('wal_autocheckpoint', { simple: true }) as number;

function open(): Store {
  store = Store.open(tempDir(), { busyTimeoutMs: 1_000 });
  return store;
}

describe('checkpoint worker', () => {
  it('copies committed pages into the database file while the writer only commits', async () => {
    const s = open();
    const endpointId = s.endpoints.create({ name: 'default' }).id;
    const cp = (checkpointer = Checkpointer.start(s.db, { script, file: s.file, busyTimeoutMs: 1_000, stopGraceMs }));
    await until(() => cp.running, 'the worker to start');
    expect(writerThreshold(s)).toBe(backstopAutoCheckpointPages);

    // ~10 MB of rows: past the writer's default threshold (1,000 pages ≈ 4 MB), below its backstop (≈ 40 MB),
    // so whatever reaches the database file got there through the worker.
    const walFile = `${s.file}-wal`;
    const before = fs.statSync(s.file).size;
    for (let batch = 0; batch < 30; batch++) {
      s.insertMany(rows(endpointId, 100));
      cp.nudge();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => fs.statSync(s.file).size > before + 8_000_000, 'the database file to hold the rows');
    expect(cp.stats.checkpoints).toBeGreaterThan(0);
    expect(fs.statSync(walFile).size).toBeGreaterThan(0);
    expect(s.requests.count()).toBe(3_000);
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('gives the checkpoints back to the writer when it stops', async () => {
    const s = open();
    const cp = (checkpointer = Checkpointer.start(s.db, { script, file: s.file, busyTimeoutMs: 1_000, stopGraceMs }));
    await until(() => cp.running, 'the worker to start');
    await cp.stop();
    expect(cp.running).toBe(false);
    expect(cp.stats.exitCode).toBe(0); // it closed its connection and ended; a terminate() would say 1
    expect(writerThreshold(s)).toBe(defaultAutoCheckpointPages);
  });

  it('stops cleanly when asked before it has even started', async () => {
    const s = open();
    const cp = (checkpointer = Checkpointer.start(s.db, { script, file: s.file, busyTimeoutMs: 1_000, stopGraceMs }));
    await cp.stop();
    expect(cp.stats.exitCode).toBe(0);
    expect(cp.running).toBe(false);
    expect(writerThreshold(s)).toBe(defaultAutoCheckpointPages);
  });

  it('asks for one more checkpoint when something was written while one was under way', async () => {
    const s = open();
    // A stand-in worker that takes 100 ms per checkpoint, tells how many it was asked for, and writes down every
    // message it gets, in order, to a file that outlives it.
    const dir = tempDir();
    const slow = path.join(dir, 'slow-worker.cjs');
    const received = path.join(dir, 'received.txt');
    fs.writeFileSync(
      slow,
      `const fs = require('node:fs'); const { parentPort } = require('node:worker_threads'); let asked = 0;
       parentPort.on('message', (m) => {
         fs.appendFileSync(${JSON.stringify(received)}, m + '\\n');
         if (m === 'stop') return parentPort.close();
         asked++;
         setTimeout(() => { parentPort.postMessage({ kind: 'failed', message: 'asked ' + asked }); parentPort.postMessage({ kind: 'done', log: 1, checkpointed: 1 }); }, 100);
       });
       parentPort.postMessage({ kind: 'ready' });`,
    );
    const lines: string[] = [];
    const cp = (checkpointer = Checkpointer.start(s.db, { script: slow, file: s.file, busyTimeoutMs: 1_000, stopGraceMs, log: (l) => lines.push(l) }));
    await until(() => cp.running, 'the worker to start');
    cp.nudge();
    cp.nudge(); // a commit during that checkpoint
    cp.nudge(); // and another: still one more checkpoint, not two
    await until(() => cp.stats.checkpoints === 2, 'the second checkpoint');
    // Whatever the checkpointer asked for by now reaches the worker before "stop" (one port, in order), and the
    // worker has ended once stop() resolves: its file is the complete list of what it was asked.
    await cp.stop();
    expect(cp.stats.exitCode).toBe(0);
    expect(fs.readFileSync(received, 'utf8').split('\n').filter(Boolean)).toEqual(['nudge', 'nudge', 'stop']);
    expect(lines.map((l) => /asked (\d+)/.exec(l)?.[1])).toEqual(['1', '2']);
  });

  it('keeps the writer checkpointing, and says why, when the worker script is missing', () => {
    const s = open();
    const lines: string[] = [];
    const cp = (checkpointer = Checkpointer.start(s.db, { script: path.join(tempDir(), 'nowhere.cjs'), file: s.file, busyTimeoutMs: 1_000, stopGraceMs, log: (l) => lines.push(l) }));
    expect(cp.running).toBe(false);
    expect(lines.join('\n')).toMatch(/nowhere\.cjs is missing; checkpoints stay on the main thread/);
    expect(writerThreshold(s)).toBe(defaultAutoCheckpointPages);
    cp.nudge(); // nothing to nudge: no error either
  });

  it('gives the checkpoints back to the writer, and says why, when the worker dies', async () => {
    const s = open();
    const broken = path.join(tempDir(), 'broken-worker.cjs');
    // Says it is ready (the writer hands over), then dies: the writer must take its checkpoints back.
    fs.writeFileSync(broken, `const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ kind: 'ready' }); setTimeout(() => { throw new Error('disk on fire'); }, 50);`);
    const lines: string[] = [];
    const cp = (checkpointer = Checkpointer.start(s.db, { script: broken, file: s.file, busyTimeoutMs: 1_000, stopGraceMs, log: (l) => lines.push(l) }));
    await until(() => lines.length > 0, 'the worker to fail');
    await until(() => !cp.running, 'the worker to be gone');
    expect(lines.join('\n')).toMatch(/checkpoint worker stopped \(disk on fire\); checkpoints are back on the main thread/);
    expect(writerThreshold(s)).toBe(defaultAutoCheckpointPages);
  });
});
