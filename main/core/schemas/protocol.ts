// What the schema worker and the thread that owns the store say to each other.
import type { CheckItem, CheckResult } from './checkers';

export interface SchemaWorkerData {
  /** <data folder>/providers/openapi */
  folder: string;
}

export type ToSchemaWorker = { kind: 'reload' } | { kind: 'check'; batch: number; items: CheckItem[] } | { kind: 'stop' };
export type FromSchemaWorker = { kind: 'ready' } | { kind: 'checked'; batch: number; results: CheckResult[] } | { kind: 'failed'; batch: number; message: string };
