// What Hookbridge keeps of a provider's OpenAPI description: its webhooks (each with the event names it may be
// captured under and the JSON Schema of its payload) and the component schemas those reach, nothing else. This
// is the "compiled" form written to <data folder>/providers/openapi/<provider>.json and read at every start.
import { z } from 'zod';
import type { OpenApiSpecSummary } from '../model';

export const specFormat = 1;

export const SpecWebhook = z.object({
  /** The key under `webhooks` (OpenAPI 3.1) or `x-webhooks` (3.0), e.g. "check-run-completed". */
  key: z.string(),
  method: z.string(),
  operationId: z.string().nullable(),
  summary: z.string().nullable(),
  /** The event names a captured request of this webhook is matched by, normalised (see names.ts). */
  names: z.array(z.string()),
  /** The media type whose schema is kept, e.g. "application/json". */
  mediaType: z.string(),
  /** The payload's JSON Schema; `$ref`s point into `components` below. */
  schema: z.unknown(),
});
export type SpecWebhook = z.infer<typeof SpecWebhook>;

export const CompiledSpec = z.object({
  format: z.literal(specFormat),
  provider: z.string(),
  title: z.string(),
  version: z.string(),
  /** The document's `openapi` field, e.g. "3.1.0". */
  openapi: z.string(),
  /** The file it was imported from (its name only). */
  source: z.string(),
  importedAt: z.number(),
  webhooks: z.array(SpecWebhook),
  /** Only the parts of the document the webhooks' schemas reach, at their original JSON pointers (#/components/schemas/…). */
  document: z.record(z.string(), z.unknown()),
  /** What the import could not use, in sentences (external $refs, webhooks without a JSON body, duplicates). */
  warnings: z.array(z.string()),
});
export type CompiledSpec = z.infer<typeof CompiledSpec>;

/** What the API says about an imported description: everything but the schemas. */
export function summarise(spec: CompiledSpec): OpenApiSpecSummary {
  return {
    provider: spec.provider,
    title: spec.title,
    version: spec.version,
    openapi: spec.openapi,
    source: spec.source,
    importedAt: spec.importedAt,
    webhooks: spec.webhooks.length,
    names: spec.webhooks.slice(0, 5).map((w) => w.names[0] ?? w.key),
    warnings: spec.warnings,
  };
}
