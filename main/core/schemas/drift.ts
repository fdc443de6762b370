// "Undocumented field" drift: JSON Schema lets an object carry properties it does not list, so a validator
// never mentions them, but a developer wants to know the provider sends a field its description does not
// have. This walks the payload beside its schema and names each key no applicable schema lists. Variants
// (anyOf, oneOf, if/then/else) are read leniently: a key any variant lists is documented.
import type { SchemaIssue } from '../model';
import { describeValue, pathText, undocumentedField } from '../issue-text';
import type { Path } from './paths';
import { pointerSegments, valueAtPointer } from './pointer';

type Schema = Record<string, unknown>;
const isObject = (value: unknown): value is Schema => value !== null && typeof value === 'object' && !Array.isArray(value);

/** What a set of schemas says about an object or array value. */
interface Shape {
  /** Some schema lists properties, requires or restricts them: keys outside it are drift. */
  listsKeys: boolean;
  /** additionalProperties / unevaluatedProperties: false somewhere: the validator reports extra keys itself. */
  closed: boolean;
  properties: Map<string, unknown[]>;
  patterns: { test(key: string): boolean; schema: unknown }[];
  /** Schemas for keys not listed (additionalProperties: {…} or true): such keys are documented. */
  additional: unknown[];
  items: unknown[];
  prefixItems: unknown[][];
}

export interface DriftLimits {
  /** Stop after this many issues. */
  maxIssues: number;
  /** Value nodes visited at most (a bound on work per payload). */
  maxNodes: number;
}

export class DriftFinder {
  constructor(
    private readonly root: unknown,
    private readonly pattern: (source: string) => { test(text: string): boolean } | null,
  ) {}

  find(schema: unknown, value: unknown, limits: DriftLimits): SchemaIssue[] {
    const issues: SchemaIssue[] = [];
    let budget = limits.maxNodes;
    const walk = (schemas: unknown[], node: unknown, path: Path): void => {
      if (issues.length >= limits.maxIssues || --budget < 0 || node === null || typeof node !== 'object') return;
      const shape = this.shape(schemas);
      if (Array.isArray(node)) {
        node.forEach((item, i) => {
          const candidates = shape.prefixItems[i] ?? shape.items;
          if (candidates.length > 0) walk(candidates, item, [...path, i]);
        });
        return;
      }
      for (const [key, child] of Object.entries(node)) {
        if (issues.length >= limits.maxIssues) return;
        const listed = shape.properties.get(key);
        const matched = shape.patterns.filter((p) => p.test(key)).map((p) => p.schema);
        const below = listed ?? (matched.length > 0 ? matched : shape.additional);
        if (listed || matched.length > 0 || shape.additional.length > 0) {
          walk(below, child, [...path, key]);
        } else if (shape.listsKeys && !shape.closed) {
          issues.push({ path: pathText([...path, key]), expected: 'no such field in the documentation', received: describeValue(child), message: undocumentedField });
        }
      }
    };
    walk([schema], value, []);
    return issues;
  }

  /** Every schema object that applies, through $ref, allOf, anyOf, oneOf and if/then/else. */
  private leaves(schemas: unknown[]): Schema[] {
    const out: Schema[] = [];
    const seen = new Set<unknown>();
    const visit = (schema: unknown, depth: number): void => {
      if (!isObject(schema) || seen.has(schema) || depth > 40) return;
      seen.add(schema);
      out.push(schema);
      if (typeof schema.$ref === 'string') {
        const segments = pointerSegments(schema.$ref);
        if (segments) visit(valueAtPointer(this.root, segments), depth + 1);
      }
      for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
        const list = schema[keyword];
        if (Array.isArray(list)) for (const item of list) visit(item, depth + 1);
      }
      for (const keyword of ['then', 'else'] as const) visit(schema[keyword], depth + 1);
      if (isObject(schema.dependentSchemas)) for (const item of Object.values(schema.dependentSchemas)) visit(item, depth + 1);
    };
    for (const schema of schemas) visit(schema, 0);
    return out;
  }

  private shape(schemas: unknown[]): Shape {
    const shape: Shape = { listsKeys: false, closed: false, properties: new Map(), patterns: [], additional: [], items: [], prefixItems: [] };
    for (const leaf of this.leaves(schemas)) {
      if (isObject(leaf.properties)) {
        shape.listsKeys = true;
        for (const [key, schema] of Object.entries(leaf.properties)) shape.properties.set(key, [...(shape.properties.get(key) ?? []), schema]);
      }
      if (isObject(leaf.patternProperties)) {
        shape.listsKeys = true;
        for (const [source, schema] of Object.entries(leaf.patternProperties)) {
          const compiled = this.pattern(source);
          // A pattern RE2 cannot read documents every key: better silent than a false alarm.
          shape.patterns.push({ test: compiled ? (key) => compiled.test(key) : () => true, schema });
        }
      }
      for (const keyword of ['additionalProperties', 'unevaluatedProperties'] as const) {
        const extra = leaf[keyword];
        if (extra === false) shape.closed = true;
        else if (extra === true || isObject(extra)) shape.additional.push(extra === true ? {} : extra);
      }
      if (isObject(leaf.items) || leaf.items === true) shape.items.push(leaf.items);
      if (Array.isArray(leaf.prefixItems)) leaf.prefixItems.forEach((schema, i) => (shape.prefixItems[i] ??= []).push(schema));
    }
    return shape;
  }
}
