// json: one file per request, <provider>/<event-name>/<received-iso>-<short-id>.json, holding { request, meta }.
import type { Fixture } from '../fixture';
import type { ExportFile } from './types';

/** A path segment that is safe on every file system (no separators, no reserved characters). */
export function segment(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 120);
  return safe === '' ? '_' : safe;
}

export function fixtureFileName(f: Fixture): string {
  const at = f.meta.receivedAt.replace(/:/g, '-');
  return `${segment(f.meta.provider)}/${segment(f.meta.name ?? 'unnamed')}/${at}-${f.meta.id.slice(-8).toLowerCase()}.json`;
}

export function jsonFiles(fixtures: readonly Fixture[]): ExportFile[] {
  return fixtures.map((f) => ({ path: fixtureFileName(f), content: `${JSON.stringify({ request: f.request, meta: f.meta }, null, 2)}\n` }));
}
