// Sends a request (a stored one again, or a live one onward) to a URL and records what came back: status,
// headers, the body up to 64 KiB, the time it took, or why there was no answer. Hop-by-hop headers are
// dropped; the body goes as the exact bytes.
import { performance } from 'node:perf_hooks';
import { endToEndHeaders } from '../http-headers';
import type { HeaderPair } from '../model';

export const responseBodyCap = 64 * 1024;

export interface Outgoing {
  url: string;
  method: string;
  headers: readonly HeaderPair[];
  body: Buffer;
}

export interface SendResult {
  headers: HeaderPair[];
  response: { status: number; headers: HeaderPair[]; body: string; bodyTruncated: boolean } | null;
  durationMs: number;
  error: string | null;
}


function explain(error: unknown, url: string, timeoutMs: number): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { name?: string }).name;
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing is listening at ${new URL(url).host} (connection refused): is your app running?`;
    case 'ENOTFOUND':
      return `The host ${new URL(url).hostname} was not found.`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${new URL(url).host} closed the connection without an answer.`;
    case 'TimeoutError':
    case 'UND_ERR_HEADERS_TIMEOUT':
      return `No answer from ${new URL(url).host} within ${Math.round(timeoutMs / 1000)} s.`;
    default:
      // fetch refuses the ports browsers block (the "bad ports" list: 9, 25, 6000, …).
      if ((cause?.message ?? (error as Error).message) === 'bad port') return `Port ${new URL(url).port} is one that HTTP clients refuse to call (it belongs to another protocol); use another port.`;
      return `The request could not be sent: ${cause?.message ?? (error as Error).message}.`;
  }
}

async function readCapped(response: Response): Promise<{ body: string; bodyTruncated: boolean }> {
  if (!response.body) return { body: '', bodyTruncated: false };
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > responseBodyCap) {
      chunks.push(Buffer.from(value).subarray(0, value.byteLength - (size - responseBodyCap)));
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(Buffer.from(value));
  }
  return { body: Buffer.concat(chunks).toString('utf8'), bodyTruncated: truncated };
}

/** `fetchImpl`: the fetch to send with; tests of what may leave Hookbridge inject their own. */
export async function send(outgoing: Outgoing, timeoutMs = 30_000, fetchImpl: typeof fetch = fetch): Promise<SendResult> {
  const headers = endToEndHeaders(outgoing.headers);
  const started = performance.now();
  const elapsed = (): number => Math.round((performance.now() - started) * 100) / 100;
  try {
    const response = await fetchImpl(outgoing.url, {
      method: outgoing.method,
      headers,
      body: outgoing.method === 'GET' || outgoing.method === 'HEAD' ? undefined : Uint8Array.from(outgoing.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await readCapped(response);
    return { headers, response: { status: response.status, headers: [...response.headers.entries()], ...body }, durationMs: elapsed(), error: null };
  } catch (error) {
    return { headers, response: null, durationMs: elapsed(), error: explain(error, outgoing.url, timeoutMs) };
  }
}
