// The checkers of every imported description in a folder, and what runs a batch of payloads through them:
// the same code in the schema worker thread (worker.ts) and, when that cannot run, on the caller's thread.
import { SpecChecker, type SchemaCheck } from './check';
import { readSpecs } from './files';

/** One captured payload to check: its body as text (JSON) or, for a form, its fields as JSON. */
export interface CheckItem {
  seq: number;
  provider: string;
  name: string | null;
  text?: string;
  value?: unknown;
}

/** null: nothing to check (no description for the provider, or the body is not JSON). */
export interface CheckResult {
  seq: number;
  check: SchemaCheck | null;
}

export class Checkers {
  private checkers = new Map<string, SpecChecker>();

  constructor(private readonly folder: string) {
    this.reload();
  }

  /** Reads the folder again; a description that cannot be loaded is skipped (its events stay unchecked), never fatal. */
  reload(): void {
    const checkers = new Map<string, SpecChecker>();
    for (const spec of readSpecs(this.folder).specs) {
      try {
        checkers.set(spec.provider, new SpecChecker(spec));
      } catch {
        // imports refuse such a description; a file edited by hand is left out
      }
    }
    this.checkers = checkers;
  }

  run(items: readonly CheckItem[]): CheckResult[] {
    return items.map((item) => {
      try {
        return this.runOne(item);
      } catch (error) {
        // One payload the validator cannot take (nested past its stack) costs that event its check, not the batch's.
        const check = this.checkers.get(item.provider);
        const reason = error instanceof RangeError ? 'the payload is nested too deeply to check' : `the check failed: ${(error as Error).message}`;
        return { seq: item.seq, check: check ? { spec: check.spec.title, webhook: check.webhookFor(item.name)?.key ?? null, issues: [{ path: '$', expected: 'a payload the schema can be checked against', received: 'a payload it could not check', message: reason }] } : null };
      }
    });
  }

  private runOne(item: CheckItem): CheckResult {
    const checker = this.checkers.get(item.provider);
    if (!checker) return { seq: item.seq, check: null };
    let value = item.value;
    if (item.text !== undefined) {
      try {
        value = JSON.parse(item.text);
      } catch {
        return { seq: item.seq, check: null }; // the description already says the body is not JSON
      }
    }
    if (value === undefined) return { seq: item.seq, check: null };
    return { seq: item.seq, check: checker.check(item.name, value) };
  }
}
