// Exports started from the UI: each runs as a job with progress on the stream (export.progress) and can be
// cancelled. Where the files go depends on the host: the desktop app asks for a folder in main (the page never
// names a path); headless mode keeps a zip for the page to download from the control server, once.
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Bus } from '../bus';
import { HookbridgeError } from '../errors';
import { newUlid } from '../ids';
import type { EventFilter, ExportProgress } from '../model';
import type { Store } from '../store/store';
import { exportEvents, writeExport, type ExportFormat } from './run';

/** The desktop app's save dialog: a folder, or null when the person cancelled. */
export interface ExportFolderChooser {
  chooseFolder(suggestedName: string): Promise<string | null>;
}

export interface ExportRequest {
  format: ExportFormat;
  filter?: EventFilter | undefined;
  ids?: string[] | undefined;
  redact: boolean;
  dedupe: boolean;
}

const downloadTtlMs = 10 * 60_000;

export class ExportJobs {
  private readonly running = new Map<string, AbortController>();
  private readonly downloads = new Map<string, { zip: Uint8Array; name: string; timer: NodeJS.Timeout }>();

  constructor(
    private readonly store: () => Store,
    private readonly bus: Bus,
    private readonly chooser: ExportFolderChooser | null,
  ) {}

  /** Starts an export; progress and the outcome arrive as export.progress messages. */
  async start(request: ExportRequest): Promise<{ exportId: string }> {
    const exportId = newUlid();
    const name = `hookbridge-${request.format}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    let folder: string | null = null;
    if (this.chooser) {
      const chosen = await this.chooser.chooseFolder(name);
      if (chosen === null) {
        this.emit({ exportId, state: 'cancelled', done: 0, total: 0, result: null, error: null });
        return { exportId };
      }
      folder = path.join(chosen, name);
    }
    const controller = new AbortController();
    this.running.set(exportId, controller);
    void this.run(exportId, name, request, folder, controller.signal);
    return { exportId };
  }

  cancel(exportId: string): { cancelled: boolean } {
    const controller = this.running.get(exportId);
    controller?.abort();
    return { cancelled: controller !== undefined };
  }

  /** The zip of a finished headless export, handed out once. */
  takeDownload(exportId: string): { zip: Uint8Array; name: string } | null {
    const found = this.downloads.get(exportId);
    if (!found) return null;
    clearTimeout(found.timer);
    this.downloads.delete(exportId);
    return { zip: found.zip, name: found.name };
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
    for (const { timer } of this.downloads.values()) clearTimeout(timer);
    this.downloads.clear();
  }

  private emit(progress: ExportProgress): void {
    this.bus.emit('export.progress', progress);
  }

  private async run(exportId: string, name: string, request: ExportRequest, folder: string | null, signal: AbortSignal): Promise<void> {
    let last = 0;
    try {
      const result = await exportEvents(this.store(), {
        ...request,
        signal,
        onProgress: (done, total) => {
          // At most a few messages a second reach the page.
          if (done === total || Date.now() - last > 250) {
            last = Date.now();
            this.emit({ exportId, state: 'running', done, total, result: null, error: null });
          }
        },
      });
      let download: string | null = null;
      if (folder) {
        writeExport(result.files, folder, signal);
      } else {
        const zip = zipSync(Object.fromEntries(result.files.map((f) => [`${name}/${f.path}`, new TextEncoder().encode(f.content)])));
        const timer = setTimeout(() => this.downloads.delete(exportId), downloadTtlMs);
        timer.unref();
        this.downloads.set(exportId, { zip, name: `${name}.zip`, timer });
        download = `/export/${exportId}.zip`;
      }
      this.emit({ exportId, state: 'done', done: result.count, total: result.count, result: { count: result.count, deduplicated: result.deduplicated, notes: result.notes, folder, download }, error: null });
    } catch (error) {
      const message = error instanceof HookbridgeError || error instanceof Error ? error.message : String(error);
      this.emit({ exportId, state: signal.aborted ? 'cancelled' : 'failed', done: 0, total: 0, result: null, error: signal.aborted ? null : message });
    } finally {
      this.running.delete(exportId);
    }
  }
}
