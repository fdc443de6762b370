// Checks captured payloads against an imported OpenAPI description: the webhook is found by the event's name,
// its schema validated by Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) and the payload walked for
// fields the description does not list. Each webhook's validator is compiled on first use (GitHub's larger
// ones take a quarter of a second), which is why this runs in a worker thread, never on the ingress's.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describeValue, pathText, valueAtPath } from '../issue-text';
import type { SchemaIssue } from '../model';
import { compilePattern } from '../pattern';
import { DriftFinder } from './drift';
import { normaliseEventName } from './names';
import { pathOfPointer } from './paths';
import type { CompiledSpec, SpecWebhook } from './spec';

/** What one payload's check found. */
export interface SchemaCheck {
  /** The imported description's title, e.g. "GitHub v3 REST API". */
  spec: string;
  /** The webhook it was checked against; null when the description has none for the event's name. */
  webhook: string | null;
  issues: SchemaIssue[];
}

export const maxIssues = 50;
const driftNodes = 20_000;
const rootId = 'urn:hookbridge:openapi';

/** RE2 for the description's `pattern`s: linear time whatever a document says. A pattern RE2 cannot read checks nothing. */
function re2(source: string): { test(text: string): boolean } | null {
  try {
    const compiled = compilePattern(source);
    return { test: (text) => compiled.matcher(text).find() };
  } catch {
    return null;
  }
}
// Ajv keys compiled patterns by their toString(): each needs its own, or every pattern would share the first one's.
const regExp = Object.assign((source: string) => ({ ...(re2(source) ?? { test: () => true }), toString: () => `/${source}/` }), { code: 'hookbridge-re2' });

function issueOf(error: ErrorObject, value: unknown): SchemaIssue {
  const path = [...pathOfPointer(value, error.instancePath)];
  const params = error.params as Record<string, unknown>;
  const received = (): string => describeValue(valueAtPath(value, path));
  switch (error.keyword) {
    case 'required':
      path.push(String(params.missingProperty));
      return { path: pathText(path), expected: 'a value (the field is required)', received: 'nothing (missing)', message: 'required field missing' };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      path.push(String(params.additionalProperty ?? params.unevaluatedProperty));
      return { path: pathText(path), expected: 'no such field (the schema allows no others)', received: received(), message: 'field not allowed' };
    }
    case 'type':
      return { path: pathText(path), expected: Array.isArray(params.type) ? params.type.join(' or ') : String(params.type), received: received(), message: 'wrong type' };
    case 'enum':
      return { path: pathText(path), expected: `one of ${(params.allowedValues as unknown[]).slice(0, 10).map((v) => JSON.stringify(v)).join(', ')}`, received: received(), message: 'not a documented value' };
    case 'const':
      return { path: pathText(path), expected: JSON.stringify(params.allowedValue), received: received(), message: 'not the documented value' };
    case 'format':
      return { path: pathText(path), expected: `a ${String(params.format)} string`, received: received(), message: `not a valid ${String(params.format)}` };
    case 'anyOf':
    case 'oneOf':
      return { path: pathText(path), expected: 'one of the documented variants', received: received(), message: error.keyword === 'oneOf' && Array.isArray(params.passingSchemas) ? 'matches more than one variant' : 'matches none of the documented variants' };
    default:
      return { path: pathText(path), expected: `${error.keyword}${params.limit !== undefined ? ` ${String(params.limit)}` : ''}`, received: received(), message: error.message ?? error.keyword };
  }
}

/**
 * Ajv reports every failed variant of an anyOf/oneOf: for `anyOf: [null, {$ref: check-run}]` a wrong
 * status reads as "must be null" beside the real problem. Variants that failed at the variant's own
 * level (wrong type, another const) are dropped when a deeper problem explains the failure.
 */
function usefulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const variants = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (variants.length === 0) return [...errors];
  return errors.filter((e) => {
    const under = variants.filter((v) => v !== e && (e.instancePath === v.instancePath || e.instancePath.startsWith(`${v.instancePath}/`)));
    if (under.length === 0) return true;
    const deeper = errors.some((other) => other !== e && other.keyword !== 'anyOf' && other.keyword !== 'oneOf' && under.some((v) => other.instancePath.startsWith(`${v.instancePath}/`) || (other.instancePath === v.instancePath && other.keyword === 'required')));
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') return !deeper;
    // A shallow mismatch of one variant (type, const, enum at the variant's own path) is noise when something deeper explains it.
    const shallow = under.some((v) => e.instancePath === v.instancePath) && ['type', 'const', 'enum'].includes(e.keyword);
    return !(shallow && deeper);
  });
}

export class SpecChecker {
  private readonly ajv: Ajv2020;
  private coercing: Ajv2020 | null = null;
  private readonly compiled = new Map<number, ValidateFunction | Error>();
  private readonly byName = new Map<string, number>();
  private readonly drift: DriftFinder;
  private readonly root: Record<string, unknown>;

  constructor(readonly spec: CompiledSpec) {
    this.root = { ...spec.document, $id: rootId, 'x-hookbridge-webhooks': spec.webhooks.map((w) => w.schema) };
    this.ajv = this.newAjv(false);
    spec.webhooks.forEach((webhook, i) => {
      for (const name of webhook.names) if (!this.byName.has(name)) this.byName.set(name, i);
    });
    this.drift = new DriftFinder(this.root, re2);
  }

  private newAjv(coerce: boolean): Ajv2020 {
    // strict: false — OpenAPI schemas carry keywords JSON Schema does not know (discriminator, xml, x-*).
    // validateSchema: false — a schema the meta-schema rejects fails only its own webhook's compile (an issue on
    // those events), instead of making the whole description unusable.
    const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateSchema: false, code: { regExp }, ...(coerce ? { coerceTypes: 'array' as const } : {}) });
    addFormats(ajv);
    ajv.addSchema(this.root);
    return ajv;
  }

  webhookFor(name: string | null): SpecWebhook | null {
    if (name === null) return null;
    const index = this.byName.get(normaliseEventName(name));
    return index === undefined ? null : (this.spec.webhooks[index] ?? null);
  }

  private validator(index: number, form: boolean): ValidateFunction | Error {
    const key = form ? -1 - index : index;
    let fn = this.compiled.get(key);
    if (!fn) {
      try {
        const ajv = form ? (this.coercing ??= this.newAjv(true)) : this.ajv;
        fn = ajv.getSchema(`${rootId}#/x-hookbridge-webhooks/${index}`) ?? new Error('the schema was not found');
      } catch (error) {
        fn = error as Error;
      }
      this.compiled.set(key, fn);
    }
    return fn;
  }

  /** Checks a payload captured under `name` (the JSON body, or a form's fields as JSON). */
  check(name: string | null, value: unknown): SchemaCheck {
    const title = this.spec.title;
    const index = name === null ? undefined : this.byName.get(normaliseEventName(name));
    const webhook = index === undefined ? undefined : this.spec.webhooks[index];
    if (index === undefined || !webhook) {
      return {
        spec: title,
        webhook: null,
        issues: [{ path: '$', expected: `one of the ${this.spec.webhooks.length} webhooks “${title}” describes`, received: name === null ? 'an event without a name' : `event “${name}”`, message: 'undocumented event' }],
      };
    }
    const form = !/json/i.test(webhook.mediaType);
    const validate = this.validator(index, form);
    if (validate instanceof Error) {
      return { spec: title, webhook: webhook.key, issues: [{ path: '$', expected: 'a schema Hookbridge can use', received: 'a schema it cannot compile', message: `the imported schema of ${webhook.key} cannot be used: ${validate.message}` }] };
    }
    const subject = form ? structuredClone(value) : value;
    const issues = validate(subject) ? [] : usefulErrors(validate.errors ?? []).map((e) => issueOf(e, value));
    // "wrong type" beside "not a documented value" at the same path says the same thing twice: the list of values says more.
    const listed = new Set(issues.filter((i) => i.message === 'not a documented value' || i.message === 'not the documented value').map((i) => i.path));
    const seen = new Set<string>();
    const unique = issues.filter((i) => {
      if (i.message === 'wrong type' && listed.has(i.path)) return false;
      const key = `${i.path}\u0000${i.message}\u0000${i.expected}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    if (unique.length < maxIssues) unique.push(...this.drift.find(webhook.schema, value, { maxIssues: maxIssues - unique.length, maxNodes: driftNodes }));
    if (unique.length > maxIssues) unique.length = maxIssues;
    return { spec: title, webhook: webhook.key, issues: unique };
  }
}
