// `hookbridge replay <id> --to URL [--resign]`: sends a stored request again and prints what came back. The
// result is recorded with the request: by this command when it can take the data folder, or by the serve or
// app that holds it (through its control API, found through the runtime file). Only when that instance cannot
// be reached does the replay run from a read-only view, and the command says it was not recorded.
import { resolveDataDir, lockDataDir } from '../core/data-dir';
import { HookbridgeError } from '../core/errors';
import { TargetUrl, type Delivery } from '../core/model';
import { replay } from '../core/replay/replay';
import { remoteLink } from '../core/mcp/link';
import { runningInstance } from '../core/mcp/server';
import { Store } from '../core/store/store';

export async function replayCommand(id: string, options: { to: string; resign?: boolean; dataDir?: string; json?: boolean }): Promise<void> {
  const url = TargetUrl.safeParse(options.to);
  if (!url.success) throw new HookbridgeError('INVALID_INPUT', `--to ${options.to}: ${url.error.issues[0]?.message ?? 'not a URL'}.`);
  const dataDir = resolveDataDir(options.dataDir);
  let lock: ReturnType<typeof lockDataDir> | null = null;
  try {
    lock = lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof HookbridgeError && error.code === 'DATA_DIR_LOCKED')) throw error;
  }
  let delivery: Delivery;
  let recorded = lock !== null;
  // serve or the app holds the folder: replay through it (its control API, found through the runtime file), so
  // the result is recorded with the event and the UI shows it at once.
  const running = lock ? null : await runningInstance(dataDir);
  if (running) {
    delivery = await remoteLink(running).api.replayEvent({ id, url: url.data, resign: options.resign === true });
    recorded = true;
  } else {
    const store = lock ? Store.open(dataDir, { busyTimeoutMs: 5_000 }) : Store.openReadOnly(dataDir);
    try {
      delivery = await replay(store, { id, url: url.data, resign: options.resign === true });
      // A read-only store cannot keep it: the replay ran all the same.
      if (lock) store.deliveries.insert(delivery);
    } finally {
      store.close();
      lock?.release();
    }
  }
  if (options.json) {
    console.log(JSON.stringify({ ...delivery, recorded }));
  } else if (delivery.response) {
    console.log(`${delivery.response.status} from ${delivery.url} in ${delivery.durationMs} ms${delivery.resigned ? ' (signed again)' : ''}`);
    if (delivery.response.body) console.log(delivery.response.body.slice(0, 2_000) + (delivery.response.body.length > 2_000 || delivery.response.bodyTruncated ? '\n…' : ''));
  } else {
    console.log(`No answer from ${delivery.url}: ${delivery.error}`);
  }
  if (!recorded) console.error('hookbridge: not recorded with the event — serve or the app holds the data folder and could not be reached; replay from the UI to keep the result.');
  if (!delivery.response) process.exitCode = 1;
}
