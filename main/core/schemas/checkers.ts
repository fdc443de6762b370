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

  reload(): void {
    this.checkers = new Map(readSpecs(this.folder).specs.map((spec) => [spec.provider, new SpecChecker(spec)]));
  }

  run(items: readonly CheckItem[]): CheckResult[] {
    return items.map((item) => {
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
    });
  }
}
