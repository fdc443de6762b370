// ts: one index.ts exporting every fixture as a typed const, with a type per event name inferred from the
// captured bodies; a test imports it with no Hookbridge dependency.
import type { Fixture } from '../fixture';
import type { ExportFile } from './types';

const identifier = /^[A-Za-z_$][\w$]*$/;

function union(types: string[]): string {
  const distinct = [...new Set(types)];
  return distinct.length === 0 ? 'never' : distinct.join(' | ');
}

/** The TypeScript type that fits every value: objects merge their keys (optional where some lack one). */
export function inferType(values: readonly unknown[], depth = 0): string {
  if (depth > 12) return 'unknown';
  const kinds: string[] = [];
  const objects: Record<string, unknown>[] = [];
  const arrays: unknown[][] = [];
  for (const value of values) {
    if (value === null) kinds.push('null');
    else if (Array.isArray(value)) arrays.push(value);
    else if (typeof value === 'object') objects.push(value as Record<string, unknown>);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') kinds.push(typeof value);
    else kinds.push('unknown');
  }
  if (arrays.length > 0) {
    const element = inferType(arrays.flat(), depth + 1);
    kinds.push(element === 'never' ? 'unknown[]' : element.includes(' ') ? `(${element})[]` : `${element}[]`);
  }
  if (objects.length > 0) {
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    const fields = keys.map((key) => {
      const present = objects.filter((o) => Object.hasOwn(o, key));
      const name = identifier.test(key) ? key : JSON.stringify(key);
      return `${name}${present.length < objects.length ? '?' : ''}: ${inferType(present.map((o) => o[key]), depth + 1)}`;
    });
    kinds.push(fields.length === 0 ? 'Record<string, never>' : `{ ${fields.join('; ')} }`);
  }
  return union(kinds);
}

/** "lox24" + "verify_code.channel.failed" → "Lox24VerifyCodeChannelFailed". */
export function typeName(provider: string, name: string | null): string {
  const words = `${provider} ${name ?? 'unnamed event'}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
  return /^\d/.test(joined) ? `E${joined}` : joined;
}

export function typescriptFiles(fixtures: readonly Fixture[], banner: string): ExportFile[] {
  const groups = new Map<string, Fixture[]>();
  for (const f of fixtures) {
    const type = typeName(f.meta.provider, f.meta.name);
    groups.set(type, [...(groups.get(type) ?? []), f]);
  }
  const lines = [
    `// ${banner}`,
    '// Each fixture is the request as captured (rawBody: the exact bytes), typed by event name.',
    '',
    'export interface Fixture<Body> {',
    '  request: { method: string; path: string; query: string; headers: [string, string][]; rawBody: string; rawBodyEncoding: "utf8" | "base64"; body: Body };',
    '  meta: { id: string; provider: string; name: string | null; receivedAt: string; endpoint: string; severity: string; redacted: boolean };',
    '}',
    '',
  ];
  const names: string[] = [];
  for (const [type, group] of groups) {
    lines.push(`export type ${type} = ${inferType(group.map((f) => f.request.body))};`, '');
    group.forEach((f, i) => {
      const name = `${type[0]?.toLowerCase()}${type.slice(1)}${group.length > 1 ? i + 1 : ''}`;
      names.push(name);
      lines.push(`export const ${name}: Fixture<${type}> = ${JSON.stringify({ request: f.request, meta: f.meta }, null, 2)};`, '');
    });
  }
  lines.push(`export const fixtures = [${names.join(', ')}] as const;`, '');
  return [{ path: 'index.ts', content: lines.join('\n') }];
}
