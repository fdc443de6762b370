// The settings form's draft (what the user typed, as text) and the patch it makes: only the fields that changed,
// sizes in bytes, blanks as "use the default". Pure, so it is tested on its own (test/renderer/settings-draft.test.ts).
import { fieldInvalid } from './problem';
import type { InputOf } from '../../main/core/api/contract';
import type { Settings } from '../../main/core/model';
import { bytes } from './format';

const KiB = 1024;
const MiB = 1024 * 1024;
const GiB = 1024 * 1024 * 1024;
const unitBytes = { KiB, MiB, GiB } as const;
export type Unit = keyof typeof unitBytes;

export interface SizeDraft {
  value: string;
  unit: Unit;
}

export interface Draft {
  maxEvents: string;
  maxDatabase: SizeDraft;
  /** null: the engine default. */
  bodyLimit: SizeDraft | null;
  language: Settings['language'];
  countryCode: string;
  publicBaseUrl: string;
  ngrokDomain: string;
}

/** What updateSettings takes. */
export type SettingsPatch = InputOf<'updateSettings'>;

function decimal(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** Picks the largest of `units` that shows the size as a round-ish number (2 GiB, 512 MiB, 1.5 GiB, 2 KiB). */
export function toSize(n: number, units: readonly Unit[]): SizeDraft {
  const sorted = [...units].sort((a, b) => unitBytes[b] - unitBytes[a]);
  for (const unit of sorted) {
    const hundredths = (n / unitBytes[unit]) * 100;
    if (hundredths >= 100 && Math.abs(hundredths - Math.round(hundredths)) < 1e-9) return { value: decimal(n / unitBytes[unit]), unit };
  }
  const smallest = sorted[sorted.length - 1] ?? 'MiB';
  return { value: decimal(n / unitBytes[smallest]), unit: smallest };
}

/** A size for reading: B, KiB, MiB or GiB with at most one decimal. */
export function readableSize(n: number): string {
  if (n >= GiB) return `${decimal1(n / GiB)} GiB`;
  if (n >= MiB) return `${decimal1(n / MiB)} MiB`;
  return bytes(n);
}

function decimal1(n: number): string {
  return String(Math.round(n * 10) / 10);
}

export function draftOf(s: Settings): Draft {
  return {
    maxEvents: String(s.retention.maxEvents),
    maxDatabase: toSize(s.retention.maxDatabaseBytes, ['MiB', 'GiB']),
    bodyLimit: s.bodyLimitBytes === null ? null : toSize(s.bodyLimitBytes, ['KiB', 'MiB']),
    language: s.language,
    countryCode: s.defaultCountryCode ?? '',
    publicBaseUrl: s.publicBaseUrl ?? '',
    ngrokDomain: s.ngrokDomain ?? '',
  };
}

const sameSize = (a: SizeDraft | null, b: SizeDraft | null): boolean => (a === null || b === null ? a === b : a.value.trim() === b.value.trim() && a.unit === b.unit);

function sizeBytes(size: SizeDraft, what: string, path: string): number {
  const text = size.value.trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) throw fieldInvalid(path, `Enter a number for ${what}.`);
  return Math.round(value * unitBytes[size.unit]);
}

/**
 * The fields the user changed, as an updateSettings patch; throws an ApiError naming the field (by its path in
 * the patch, as the engine's validation would) when one cannot be read as a number.
 */
export function patchOf(initial: Draft, draft: Draft): SettingsPatch {
  const patch: SettingsPatch = {};
  const retention: { maxEvents?: number; maxDatabaseBytes?: number } = {};
  if (draft.maxEvents.trim() !== initial.maxEvents) {
    const text = draft.maxEvents.trim();
    if (text === '' || !Number.isFinite(Number(text))) throw fieldInvalid('retention.maxEvents', 'Enter a number of events to keep.');
    retention.maxEvents = Number(text);
  }
  if (!sameSize(draft.maxDatabase, initial.maxDatabase)) retention.maxDatabaseBytes = sizeBytes(draft.maxDatabase, 'the database size', 'retention.maxDatabaseBytes');
  if (Object.keys(retention).length > 0) patch.retention = retention;
  if (!sameSize(draft.bodyLimit, initial.bodyLimit)) patch.bodyLimitBytes = draft.bodyLimit === null ? null : sizeBytes(draft.bodyLimit, 'the body size limit', 'bodyLimitBytes');
  if (draft.language !== initial.language) patch.language = draft.language;
  const code = draft.countryCode.trim().replace(/^\+/, '');
  if (code !== initial.countryCode) patch.defaultCountryCode = code === '' ? null : code;
  const base = draft.publicBaseUrl.trim();
  if (base !== initial.publicBaseUrl) patch.publicBaseUrl = base === '' ? null : base;
  const domain = draft.ngrokDomain.trim();
  if (domain !== initial.ngrokDomain) patch.ngrokDomain = domain === '' ? null : domain;
  return patch;
}
