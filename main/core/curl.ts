// One captured request as a curl command: the exact body bytes (printf, or base64 -d where a shell string
// cannot carry them), the method and the end-to-end headers, every word single-quoted so nothing a sender wrote
// is expanded by the shell. The export's replay.sh and the inspector's "Copy as cURL" both build on this.
// Pure on purpose (no Node APIs): the renderer imports it.
import { endToEndHeaders } from './http-headers';
import type { HeaderPair } from './model';

/** One shell word in single quotes: nothing inside is expanded. */
export function shellWord(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface CurlRequest {
  method: string;
  headers: readonly HeaderPair[];
  /** The body as UTF-8 text, or base64 for bytes that are not. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
}

/** UTF-8 text as base64, without Node's Buffer (the renderer runs this too). */
function utf8ToBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The two halves of the command: `feed` writes the body's exact bytes to stdout, and `args` are curl's -X, -H and
 * --data-binary @- arguments (the URL goes after them). Run as `${feed} | curl ${args.join(' ')} <url>`.
 */
export function curlParts(request: CurlRequest): { feed: string; args: string[] } {
  // A shell string cannot carry a NUL byte: such bodies go as base64.
  const binary = request.bodyEncoding === 'base64' || request.body.includes('\0');
  const feed = binary
    ? `printf '%s' ${shellWord(request.bodyEncoding === 'base64' ? request.body : utf8ToBase64(request.body))} | base64 -d`
    : `printf '%s' ${shellWord(request.body)}`;
  const headers = endToEndHeaders(request.headers).map(([name, value]) => `-H ${shellWord(`${name}: ${value}`)}`);
  // curl would add a form content type of its own to a request that had none.
  if (!request.headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(`-H 'Content-Type:'`);
  return { feed, args: ['-X', shellWord(request.method), ...headers, '--data-binary', '@-'] };
}

/** The whole command line that sends this request to `url`. */
export function curlCommand(request: CurlRequest, url: string): string {
  const { feed, args } = curlParts(request);
  return `${feed} | curl ${args.join(' ')} ${shellWord(url)}`;
}
