// Reads a provider's OpenAPI description (JSON or YAML, 3.0 or 3.1) and keeps what checking payloads needs:
// each webhook's event names and payload schema, and the parts of the document those schemas reach. Nothing
// outside the document is ever fetched: a `$ref` to another file or a URL is left out, with a warning. OpenAPI
// 3.0's schema dialect (`nullable`, boolean `exclusiveMinimum`) is rewritten as JSON Schema 2020-12, which 3.1
// uses and the validator speaks.
import { parse as parseYaml } from 'yaml';
import { HookbridgeError } from '../errors';
import { webhookNames } from './names';
import { pointerOf, pointerSegments, setAtPointer, valueAtPointer } from './pointer';
import { CompiledSpec, specFormat, type SpecWebhook } from './spec';

/** GitHub's description is about 5 MB; ten times that is still a document, anything bigger is a mistake. */
export const maxSpecBytes = 64 * 1024 * 1024;
/** Schema nodes copied from one document, at most: a bound on what a hostile document can make us build. */
const maxNodes = 5_000_000;
const methods = ['post', 'put', 'patch', 'get', 'delete', 'head', 'options', 'trace'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

export interface ImportInput {
  /** The file's name, for messages and the record (never used as a path). */
  fileName: string;
  content: string;
  /** The provider the payloads come from; absent: recognised from the document's title. */
  provider?: string | undefined;
  /** The providers Hookbridge knows, for recognising the title and for the message when it cannot. */
  known: readonly { id: string; label: string }[];
  now: number;
}

function parseDocument(fileName: string, content: string): unknown {
  if (Buffer.byteLength(content) > maxSpecBytes) throw new HookbridgeError('INVALID_INPUT', `${fileName} is larger than ${maxSpecBytes / 1024 / 1024} MiB.`);
  const text = content.replace(/^\uFEFF/, '');
  if (/^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new HookbridgeError('INVALID_INPUT', `${fileName} is not valid JSON: ${(error as Error).message}`);
    }
  }
  try {
    // Aliases are how a YAML "billion laughs" grows: a description needs few.
    return parseYaml(text, { maxAliasCount: 1_000, uniqueKeys: true });
  } catch (error) {
    throw new HookbridgeError('INVALID_INPUT', `${fileName} is neither JSON nor valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

function recogniseProvider(input: ImportInput, title: string): string {
  if (input.provider) {
    const id = input.provider.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(id)) throw new HookbridgeError('INVALID_INPUT', `“${input.provider}” is not a provider id: use lower-case letters, digits, “-” and “_” (e.g. github).`);
    return id;
  }
  const words = title.toLowerCase();
  const found = input.known.filter((p) => p.id !== 'generic' && new RegExp(`(^|[^a-z0-9])(${escape(p.label.toLowerCase())}|${escape(p.id)})([^a-z0-9]|$)`).test(words));
  if (found.length === 1 && found[0]) return found[0].id;
  const ids = input.known.map((p) => p.id).filter((id) => id !== 'generic');
  throw new HookbridgeError(
    'INVALID_INPUT',
    `Which provider sends the webhooks of “${title}”? ${found.length > 1 ? `Its title names several (${found.map((p) => p.id).join(', ')}). ` : ''}Say it with --provider ID (or choose it in Settings → Providers): ${ids.join(', ')}, or the id of your own pack.`,
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Copies schemas out of the document, following local `$ref`s into a sparse copy of it, rewriting 3.0's dialect. */
class SchemaCopier {
  readonly sparse: JsonObject = {};
  private readonly copied = new Set<string>();
  private readonly ancestors = new Set<object>();
  private nodes = 0;
  readonly external = new Set<string>();
  readonly missing = new Set<string>();

  constructor(
    private readonly doc: JsonObject,
    private readonly openapi30: boolean,
  ) {}

  /** A copy of `schema`; every local pointer it reaches is copied into `sparse` once. */
  copy(schema: Json): Json {
    const pending: string[][] = [];
    const result = this.copyNode(schema, pending);
    while (pending.length > 0) {
      const segments = pending.pop() as string[];
      const target = valueAtPointer(this.doc, segments) as Json;
      setAtPointer(this.sparse, segments, this.copyNode(target, pending));
    }
    return result;
  }

  /**
   * `schema`: a schema object (its keywords are read); `map`: an object whose keys are names and values schemas
   * (`properties`, `$defs`); `data`: a value kept as it is (`enum`, `const`, `default`).
   */
  private copyNode(node: Json, pending: string[][], kind: 'schema' | 'map' | 'data' = 'schema'): Json {
    if (++this.nodes > maxNodes) throw new HookbridgeError('INVALID_INPUT', `The document's schemas are larger than Hookbridge reads (${maxNodes.toLocaleString('en')} nodes).`);
    if (node === null || typeof node !== 'object') return node;
    // A YAML anchor used inside itself makes a cycle that no JSON document can have.
    if (this.ancestors.has(node)) throw new HookbridgeError('INVALID_INPUT', 'The document contains itself (a YAML anchor used inside its own value): Hookbridge cannot read a cyclic document.');
    this.ancestors.add(node);
    try {
      return this.copyInside(node, pending, kind);
    } finally {
      this.ancestors.delete(node);
    }
  }

  private copyInside(node: Json[] | JsonObject, pending: string[][], kind: 'schema' | 'map' | 'data'): Json {
    if (Array.isArray(node)) return node.map((item) => this.copyNode(item, pending, kind));
    const out: JsonObject = {};
    const put = (key: string, value: Json): void => void Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    for (const [key, value] of Object.entries(node)) {
      if (kind !== 'schema') {
        put(key, this.copyNode(value, pending, kind === 'map' ? 'schema' : 'data'));
        continue;
      }
      if (key === '$ref' && typeof value === 'string') {
        const segments = pointerSegments(value);
        if (!segments) {
          this.external.add(value);
          continue; // never followed: this part then accepts anything
        }
        const pointer = pointerOf(segments);
        if (valueAtPointer(this.doc, segments) === undefined) {
          this.missing.add(value);
          continue;
        }
        if (!this.copied.has(pointer)) {
          this.copied.add(pointer);
          pending.push(segments);
        }
        out.$ref = pointer;
        continue;
      }
      // `example`s and descriptions are the documentation's, not the check's: left out, they keep the file small.
      // `$id`, `$schema` and anchors would re-base the rewritten pointers (or name dialects not kept): left out too.
      if (['example', 'examples', 'description', 'externalDocs', '$id', '$schema', '$anchor', '$dynamicAnchor', '$comment'].includes(key)) continue;
      put(key, this.copyNode(value, pending, mapKeywords.has(key) ? 'map' : dataKeywords.has(key) ? 'data' : 'schema'));
    }
    // 3.0's dialect is rewritten in schemas only, never in the values of enum, const or default.
    return this.openapi30 && kind === 'schema' ? rewrite30(out) : out;
  }
}

const mapKeywords = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const dataKeywords = new Set(['enum', 'const', 'default', 'required', 'dependentRequired', 'discriminator', 'xml']);

/** OpenAPI 3.0's schema object as JSON Schema 2020-12. */
function rewrite30(schema: JsonObject): JsonObject {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof schema[flag] === 'boolean') {
      if (schema[flag] && typeof schema[bound] === 'number') {
        schema[flag] = schema[bound];
        delete schema[bound];
      } else {
        delete schema[flag];
      }
    }
  }
  if (schema.nullable !== true) return schema;
  delete schema.nullable;
  if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (schema.type === undefined && schema.enum === undefined) return { anyOf: [schema, { type: 'null' }] };
  return schema;
}

/** Resolves a `$ref` to an object inside the document (path items, request bodies), or null. */
function local(doc: JsonObject, value: Json | undefined, depth = 0): JsonObject | null {
  if (!isObject(value)) return null;
  if (typeof value.$ref !== 'string' || depth > 10) return value;
  const segments = pointerSegments(value.$ref);
  return segments ? local(doc, valueAtPointer(doc, segments) as Json, depth + 1) : null;
}

function pickMediaType(content: JsonObject): [string, JsonObject] | null {
  const entries = Object.entries(content).filter((e): e is [string, JsonObject] => isObject(e[1]) && e[1].schema !== undefined);
  const rank = (type: string): number => {
    const t = type.toLowerCase();
    if (t === 'application/json') return 0;
    if (/[/+]json\b/.test(t)) return 1;
    if (t === 'application/x-www-form-urlencoded' || t === 'multipart/form-data') return 2;
    if (t === '*/*') return 3;
    return 9;
  };
  entries.sort((a, b) => rank(a[0]) - rank(b[0]));
  const best = entries[0];
  return best && rank(best[0]) < 9 ? best : null;
}

export function importOpenApi(input: ImportInput): CompiledSpec {
  const doc = parseDocument(input.fileName, input.content);
  if (!isObject(doc)) throw new HookbridgeError('INVALID_INPUT', `${input.fileName} is not an OpenAPI description: it holds no object.`);
  if (typeof doc.swagger === 'string') {
    throw new HookbridgeError('INVALID_INPUT', `${input.fileName} is Swagger ${doc.swagger}, which has no way to describe webhooks: Hookbridge reads OpenAPI 3.0 (x-webhooks) and 3.1 (webhooks).`);
  }
  const openapi = typeof doc.openapi === 'string' ? doc.openapi : null;
  if (!openapi || !/^3\.\d+/.test(openapi)) {
    throw new HookbridgeError('INVALID_INPUT', `${input.fileName} is not an OpenAPI 3 description: its “openapi” field is ${openapi ? `“${openapi}”` : 'missing'}.`);
  }
  const info = isObject(doc.info) ? doc.info : {};
  const title = typeof info.title === 'string' && info.title.trim() ? info.title.trim() : input.fileName;
  const hooks = isObject(doc.webhooks) ? doc.webhooks : isObject(doc['x-webhooks']) ? doc['x-webhooks'] : null;
  if (!hooks || Object.keys(hooks).length === 0) {
    throw new HookbridgeError(
      'INVALID_INPUT',
      `${input.fileName} describes no webhooks: it has no “webhooks” section (OpenAPI 3.1) or “x-webhooks” (3.0). Hookbridge checks the payloads a provider sends, not its REST API.`,
    );
  }
  const provider = recogniseProvider(input, title);
  const copier = new SchemaCopier(doc, openapi.startsWith('3.0'));
  const webhooks: SpecWebhook[] = [];
  const warnings: string[] = [];
  const noBody: string[] = [];
  const byName = new Map<string, string>();
  const taken: string[] = [];

  for (const [key, rawItem] of Object.entries(hooks)) {
    const item = local(doc, rawItem);
    if (!item) {
      noBody.push(key);
      continue;
    }
    for (const method of methods) {
      const operation = local(doc, item[method]);
      if (!operation) continue;
      const body = local(doc, operation.requestBody);
      const media = body && isObject(body.content) ? pickMediaType(body.content) : null;
      if (!media) {
        noBody.push(key);
        continue;
      }
      const operationId = typeof operation.operationId === 'string' ? operation.operationId : null;
      const names = webhookNames(key, operationId);
      for (const name of names) {
        const first = byName.get(name);
        if (first) taken.push(`${name} (${first} and ${key})`);
        else byName.set(name, key);
      }
      webhooks.push({
        key,
        method: method.toUpperCase(),
        operationId,
        summary: typeof operation.summary === 'string' ? operation.summary.slice(0, 300) : null,
        names,
        mediaType: media[0],
        schema: copier.copy(media[1].schema as Json),
      });
    }
  }
  if (webhooks.length === 0) {
    throw new HookbridgeError('INVALID_INPUT', `None of the ${Object.keys(hooks).length} webhooks in ${input.fileName} describes a request body with a schema Hookbridge can check.`);
  }
  const few = (items: Iterable<string>): string => {
    const list = [...items];
    return `${list.slice(0, 3).join(', ')}${list.length > 3 ? ` and ${list.length - 3} more` : ''}`;
  };
  if (noBody.length > 0) warnings.push(`${noBody.length} webhook${noBody.length === 1 ? ' has' : 's have'} no request body schema and ${noBody.length === 1 ? 'is' : 'are'} not checked: ${few(noBody)}.`);
  if (copier.external.size > 0) {
    warnings.push(`${copier.external.size} $ref${copier.external.size === 1 ? '' : 's'} to other files or URLs ${copier.external.size === 1 ? 'was' : 'were'} not followed (Hookbridge never fetches one); those parts accept anything: ${few(copier.external)}.`);
  }
  if (copier.missing.size > 0) warnings.push(`${copier.missing.size} $ref${copier.missing.size === 1 ? ' points' : 's point'} nowhere in the document; those parts accept anything: ${few(copier.missing)}.`);
  if (taken.length > 0) warnings.push(`${taken.length} event name${taken.length === 1 ? ' is' : 's are'} documented twice; the first webhook is used: ${few(taken)}.`);

  return CompiledSpec.parse({
    format: specFormat,
    provider,
    title,
    version: typeof info.version === 'string' ? info.version : String(info.version ?? ''),
    openapi,
    source: input.fileName.split(/[\\/]/).pop() ?? input.fileName,
    importedAt: input.now,
    webhooks,
    document: copier.sparse,
    warnings,
  });
}
