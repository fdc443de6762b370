// Small readers shared by the provider modules: safe access to untrusted JSON.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An own property only: payload keys such as "__proto__" are data, never the prototype. */
export function field(object: unknown, key: string): unknown {
  return isObject(object) && Object.hasOwn(object, key) ? object[key] : undefined;
}

export function stringField(object: unknown, key: string): string | null {
  const value = field(object, key);
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function numberField(object: unknown, key: string): number | null {
  const value = field(object, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** "verify_code.channel.failed" → "Verify code channel failed": a readable fallback title. */
export function humanize(name: string): string {
  const words = name.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
