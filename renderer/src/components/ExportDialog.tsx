// Export the events the feed shows (or the one selected) as fixtures: format, redaction (on unless unticked),
// one per shape; a progress bar with Cancel; then the zip downloads (headless) or the app names the folder.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client, EventFilter } from '../client';
import { FormError } from './FormError';
import { errorMessage } from '../format';

type Progress = Extract<Parameters<Parameters<Client['subscribe']>[0]>[0], { type: 'export.progress' }>['data'];

const formats = [
  { value: 'json', label: 'JSON files (one per request)' },
  { value: 'ts', label: 'TypeScript module (typed consts)' },
  { value: 'har', label: 'HAR 1.2' },
  { value: 'curl', label: 'curl script (replay.sh)' },
] as const;

/** Saves a finished headless export: the zip is fetched with the session cookie and handed to the browser. */
async function download(url: string): Promise<void> {
  const response = await fetch(`.${url}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(((await response.json()) as { error?: { message?: string } }).error?.message ?? `download failed (${response.status})`);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'hookbridge-export.zip';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

export interface ExportDialogProps {
  client: Client;
  /** The feed's filter: what "the events the feed shows" exports. */
  filter: EventFilter;
  selectedId: string | null;
  onClose(): void;
}

export function ExportDialog({ client, filter, selectedId, onClose }: ExportDialogProps) {
  const [format, setFormat] = useState<(typeof formats)[number]['value']>('json');
  const [redact, setRedact] = useState(true);
  const [dedupe, setDedupe] = useState(false);
  const [scope, setScope] = useState<'filter' | 'selected'>('filter');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** How many events the filter holds, once counted. */
  const [matching, setMatching] = useState<number | null>(null);
  /** The export this dialog started, and the newest progress of each export seen before its id was known. */
  const mine = useRef<string | null>(null);
  const early = useRef(new Map<string, Progress>());

  useEffect(() => {
    let gone = false;
    setMatching(null);
    client.api.countEvents({ filter }).then(
      (counted) => !gone && setMatching(counted.events),
      () => undefined, // the label just goes without a number
    );
    return () => {
      gone = true;
    };
  }, [client, filter]);

  /** Shows an export's progress; a finished headless export downloads once. */
  const show = (next: Progress): void => {
    setProgress(next);
    if (next.state === 'done' && next.result?.download) void download(next.result.download).catch((e: unknown) => setError(errorMessage(e)));
  };

  useEffect(
    () =>
      client.subscribe((m) => {
        if (m.type !== 'export.progress') return;
        if (m.data.exportId === mine.current) show(m.data);
        // A small export can finish before its start call answers: its progress is kept until the id is known.
        else if (mine.current === null) early.current.set(m.data.exportId, m.data);
      }),
    [client],
  );

  const start = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError(null);
    mine.current = null;
    early.current.clear();
    try {
      const { exportId } = await client.api.exportEvents({ format, redact, dedupe, ...(scope === 'selected' && selectedId ? { ids: [selectedId] } : { filter }) });
      mine.current = exportId;
      show(early.current.get(exportId) ?? { exportId, state: 'running', done: 0, total: 0, result: null, error: null });
      early.current.clear();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const runningNow = progress?.state === 'running';
  return (
    <div class="export-dialog" role="dialog" aria-label="Export fixtures">
      <form onSubmit={(e) => void start(e)} noValidate>
        <h3>Export fixtures</h3>
        <fieldset>
          <label>
            <input type="radio" name="export-scope" checked={scope === 'filter'} onChange={() => setScope('filter')} /> The events the feed shows
            {matching !== null ? ` (${matching.toLocaleString()})` : ''}
          </label>
          <label>
            <input type="radio" name="export-scope" checked={scope === 'selected'} disabled={!selectedId} onChange={() => setScope('selected')} /> Only the selected event
          </label>
        </fieldset>
        <label for="export-format">Format</label>
        <select id="export-format" value={format} onChange={(e) => setFormat(e.currentTarget.value as typeof format)}>
          {formats.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.currentTarget.checked)} /> Redact phone numbers, codes, references and e-mails
        </label>
        {!redact && <p class="form-error">Unredacted fixtures hold real phone numbers and codes: keep them out of git.</p>}
        <label>
          <input type="checkbox" checked={dedupe} onChange={(e) => setDedupe(e.currentTarget.checked)} /> One fixture per event name and shape
        </label>
        <div class="save-row">
          <button type="submit" class="primary" disabled={runningNow}>
            Export
          </button>
          {runningNow && progress && (
            <button type="button" onClick={() => void client.api.cancelExport({ exportId: progress.exportId })}>
              Cancel export
            </button>
          )}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        {progress && (
          <div class="export-progress" role="status" data-state={progress.state}>
            {progress.state === 'running' && (
              <>
                <progress max={Math.max(progress.total, 1)} value={progress.done} /> {progress.done.toLocaleString()} / {progress.total ? progress.total.toLocaleString() : '…'}
              </>
            )}
            {progress.state === 'done' &&
              `Exported ${progress.result?.count.toLocaleString()} request${progress.result?.count === 1 ? '' : 's'}${progress.result?.folder ? ` to ${progress.result.folder}` : ' — downloading the zip'}.`}
            {progress.state === 'cancelled' && 'Cancelled: nothing was written.'}
            {progress.state === 'failed' && `Export failed: ${progress.error}`}
            {progress.result?.notes.map((note) => (
              <p key={note} class="field-hint">
                {note}
              </p>
            ))}
          </div>
        )}
        <FormError message={error} />
      </form>
    </div>
  );
}
