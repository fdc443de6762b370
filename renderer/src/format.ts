// Formatting for display. Payload text passes through `visible()` so that bidirectional-override and other
// invisible control characters show as escapes instead of silently reordering what the user reads.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const invisible = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function visible(text: string): string {
  return text.replace(invisible, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}}`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Header values arrive as Latin-1 strings (one char per byte, as HTTP parsers hand them over). When those
 * bytes are valid UTF-8, show the characters the sender meant — then `visible()` escapes any control among them.
 */
export function headerText(value: string): string {
  const latin1Only = [...value].every((c) => c.charCodeAt(0) <= 0xff);
  if (!latin1Only || !/[\u0080-\u00ff]/.test(value)) return visible(value);
  try {
    return visible(utf8.decode(Uint8Array.from(value, (c) => c.charCodeAt(0))));
  } catch {
    return visible(value);
  }
}

export function relativeTime(ms: number, now = Date.now()): string {
  const seconds = Math.round((now - ms) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

export function absoluteTime(ms: number): string {
  const d = new Date(ms);
  return `${d.toLocaleString()}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export const severityLabel: Record<string, { icon: string; label: string }> = {
  failed: { icon: '✕', label: 'Failed' },
  error: { icon: '!', label: 'Error' },
  ok: { icon: '✓', label: 'OK' },
  info: { icon: 'i', label: 'Info' },
};

/** What a caught error says, for a page: an Error's message (the API's sentence), else the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
