// Export: picks the events (by the feed's filter or by ids), turns each into a fixture (redacted unless asked
// not to), optionally one per (provider, event name, JSON shape), and renders the chosen format. Long exports
// report progress and can be cancelled; `writeExport` puts the files in place all at once or not at all.
import fs from 'node:fs';
import path from 'node:path';
import { HookbridgeError } from '../errors';
import type { EventFilter } from '../model';
import type { Store } from '../store/store';
import { version } from '../version';
import { buildFixture, type Fixture } from './fixture';
import { curlFile } from './formats/curl';
import { harFile } from './formats/har';
import { jsonFiles } from './formats/json';
import type { ExportFile } from './formats/types';
import { inferType, typescriptFiles } from './formats/typescript';
import { Redactor } from './redact';

export const exportFormats = ['json', 'ts', 'har', 'curl'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportOptions {
  format: ExportFormat;
  filter?: EventFilter | undefined;
  ids?: readonly string[] | undefined;
  redact: boolean;
  dedupe: boolean;
  onProgress?: ((done: number, total: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface ExportResult {
  files: ExportFile[];
  /** Requests exported. */
  count: number;
  /** Left out as repeats of an exported shape (dedupe). */
  deduplicated: number;
  /** What the person should know: binary bodies not scanned, cut bodies, … */
  notes: string[];
}

function cancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new HookbridgeError('INVALID_INPUT', 'The export was cancelled; nothing was written.');
}

/** Every id the filter matches, oldest first (fixtures read in the order things happened). */
function idsOf(store: Store, filter: EventFilter): string[] {
  const ids: string[] = [];
  let cursor: number | null = null;
  const country = store.getSettings().defaultCountryCode;
  for (;;) {
    const page = store.requests.list(filter, cursor, 500, country);
    ids.push(...page.events.map((e) => e.id));
    if (page.nextCursor === null) return ids.reverse();
    cursor = page.nextCursor;
  }
}

export async function exportEvents(store: Store, options: ExportOptions): Promise<ExportResult> {
  const ids = options.ids ? [...options.ids] : idsOf(store, options.filter ?? {});
  if (ids.length === 0) throw new HookbridgeError('INVALID_INPUT', 'No events match: there is nothing to export.');
  const redactor = options.redact ? new Redactor() : null;
  const endpoints = new Map(store.endpoints.list().map((e) => [e.id, e]));
  const fixtures: Fixture[] = [];
  const shapes = new Set<string>();
  let deduplicated = 0;
  let unscanned = 0;
  let truncated = 0;
  let decodedBodies = 0;
  for (const [index, id] of ids.entries()) {
    if (index % 200 === 0) {
      cancelled(options.signal);
      options.onProgress?.(index, ids.length);
      // Let the event loop breathe: the ingress keeps answering webhooks during a long export.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const raw = store.requests.raw(id);
    const detail = store.requests.get(id);
    if (raw.bodyTruncated) truncated++;
    const { fixture, scanned, decoded } = buildFixture(raw, detail, endpoints.get(raw.endpointId) ?? null, redactor);
    if (options.dedupe) {
      const shape = `${fixture.meta.provider}\0${fixture.meta.name}\0${inferType([fixture.request.body])}`;
      if (shapes.has(shape)) {
        deduplicated++;
        continue;
      }
      shapes.add(shape);
    }
    if (!scanned) unscanned++;
    if (decoded) decodedBodies++;
    fixtures.push(fixture);
  }
  cancelled(options.signal);
  options.onProgress?.(ids.length, ids.length);

  const banner = `Exported by Hookbridge ${version} on ${new Date().toISOString()}: ${fixtures.length} request${fixtures.length === 1 ? '' : 's'}${redactor ? ', redacted' : ', NOT redacted'}.`;
  const files =
    options.format === 'json'
      ? jsonFiles(fixtures)
      : options.format === 'ts'
        ? typescriptFiles(fixtures, banner)
        : options.format === 'har'
          ? [harFile(fixtures, version, 'http://127.0.0.1:8787/h/endpoint')]
          : [curlFile(fixtures, banner)];
  const notes = [
    ...(unscanned > 0 ? [`${unscanned} binary bod${unscanned === 1 ? 'y was' : 'ies were'} exported as received: redaction reads text only.`] : []),
    ...(decodedBodies > 0
      ? [`${decodedBodies} compressed bod${decodedBodies === 1 ? 'y was' : 'ies were'} exported decoded (without Content-Encoding) so ${decodedBodies === 1 ? 'it' : 'they'} could be redacted; export without redaction for the bytes as sent.`]
      : []),
    ...(truncated > 0 ? [`${truncated} request${truncated === 1 ? ' was' : 's were'} over the body limit: only the first 64 KiB of each is in the export.`] : []),
  ];
  return { files, count: fixtures.length, deduplicated, notes };
}

/**
 * Writes the files under `outDir` all at once: into a hidden sibling folder first, renamed into place at the
 * end, so a failed or cancelled export leaves nothing half-written. `outDir` must not exist or be empty.
 */
export function writeExport(files: readonly ExportFile[], outDir: string, signal?: AbortSignal): void {
  const target = path.resolve(outDir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new HookbridgeError('INVALID_INPUT', `${target} is not empty: export into a new or empty folder, so nothing of yours is overwritten.`);
  }
  const staging = path.join(path.dirname(target), `.${path.basename(target)}.hookbridge-partial-${process.pid}-${Date.now()}`);
  fs.mkdirSync(staging, { recursive: true });
  try {
    for (const file of files) {
      cancelled(signal);
      const full = path.join(staging, file.path);
      if (!full.startsWith(staging + path.sep)) throw new HookbridgeError('INTERNAL', `Refusing to write outside the export folder: ${file.path}`);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, file.content, file.path.endsWith('.sh') ? { mode: 0o755 } : {});
    }
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
