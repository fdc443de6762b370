// `hookbridge export --out DIR [--format json|ts|har|curl] [filters] [--no-redact] [--dedupe]`: writes fixtures
// of the captured requests. It reads the data folder beside a running serve or app (no lock needed), shows a
// progress bar on a terminal, and Ctrl+C leaves nothing half-written.
import { resolveDataDir } from '../core/data-dir';
import { HookbridgeError } from '../core/errors';
import { exportEvents, exportFormats, writeExport, type ExportFormat } from '../core/export/run';
import { EventFilter, Severity } from '../core/model';
import { Store } from '../core/store/store';

export interface ExportCommandOptions {
  out: string;
  format: string;
  dataDir?: string;
  redact: boolean;
  dedupe?: boolean;
  provider?: string;
  name?: string;
  failed?: boolean;
  search?: string;
  key?: string;
  ids?: string;
  filter?: string;
}

function filterOf(options: ExportCommandOptions): EventFilter {
  let base: unknown = {};
  if (options.filter) {
    try {
      base = JSON.parse(options.filter);
    } catch {
      throw new HookbridgeError('INVALID_INPUT', `--filter must be JSON, like '{"provider":"lox24","severity":["failed"]}'.`);
    }
  }
  const parsed = EventFilter.safeParse({
    ...(base as object),
    ...(options.provider ? { provider: options.provider } : {}),
    ...(options.name ? { name: options.name } : {}),
    ...(options.failed ? { severity: [Severity.enum.failed] } : {}),
    ...(options.search ? { text: options.search } : {}),
    ...(options.key ? { correlationKey: options.key } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HookbridgeError('INVALID_INPUT', `The filter is not valid: ${issue?.path.join('.') || 'filter'}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}

function bar(done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r  [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
}

export async function exportCommand(options: ExportCommandOptions): Promise<void> {
  if (!(exportFormats as readonly string[]).includes(options.format)) {
    throw new HookbridgeError('INVALID_INPUT', `--format ${options.format} is not one Hookbridge writes: use ${exportFormats.join(', ')}.`);
  }
  const filter = filterOf(options);
  const ids = options.ids ? options.ids.split(',').map((id) => id.trim()).filter(Boolean) : undefined;
  const store = Store.openReadOnly(resolveDataDir(options.dataDir));
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const result = await exportEvents(store, { format: options.format as ExportFormat, filter, ids, redact: options.redact, dedupe: options.dedupe === true, onProgress: bar, signal: controller.signal });
    writeExport(result.files, options.out, controller.signal);
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(
      `Exported ${result.count} request${result.count === 1 ? '' : 's'} as ${options.format} to ${options.out}${options.redact ? ' (redacted)' : ' (NOT redacted: personal data and codes are in it)'}${result.deduplicated ? `; ${result.deduplicated} repeats of the same shape left out` : ''}.`,
    );
    for (const note of result.notes) console.log(`Note: ${note}`);
  } finally {
    process.off('SIGINT', onInterrupt);
    store.close();
  }
}
