// har: HAR 1.2 (the browsers' and proxies' archive format), one entry per request with Hookbridge's answer.
import type { Entry, Har } from 'har-format';
import type { Fixture } from '../fixture';
import type { ExportFile } from './types';

const statusText: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 413: 'Content Too Large', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

export function harFile(fixtures: readonly Fixture[], version: string, baseUrl: string): ExportFile {
  const entries: Entry[] = fixtures.map((f) => {
    const header = (name: string): string | undefined => f.request.headers.find(([n]) => n.toLowerCase() === name)?.[1];
    const mimeType = header('content-type') ?? 'application/octet-stream';
    const url = `${baseUrl}${f.request.path ? `/${f.request.path}` : ''}${f.request.query ? `?${f.request.query}` : ''}`;
    const bodyBytes = f.request.rawBodyEncoding === 'base64' ? Buffer.from(f.request.rawBody, 'base64').length : Buffer.byteLength(f.request.rawBody);
    return {
      startedDateTime: f.meta.receivedAt,
      time: f.response.durationMs,
      request: {
        method: f.request.method,
        url,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: f.request.headers.map(([name, value]) => ({ name, value })),
        queryString: [...new URLSearchParams(f.request.query)].map(([name, value]) => ({ name, value })),
        ...(bodyBytes > 0 ? { postData: { mimeType, text: f.request.rawBody, ...(f.request.rawBodyEncoding === 'base64' ? { comment: 'base64' } : {}) } } : {}),
        headersSize: -1,
        bodySize: bodyBytes,
        comment: `${f.meta.provider} ${f.meta.name ?? 'unnamed'} (${f.meta.id})`,
      },
      response: {
        status: f.response.status,
        statusText: statusText[f.response.status] ?? '',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: f.response.headers.map(([name, value]) => ({ name, value })),
        content: { size: Buffer.byteLength(f.response.body), mimeType: f.response.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? 'text/plain', text: f.response.body },
        redirectURL: '',
        headersSize: -1,
        bodySize: Buffer.byteLength(f.response.body),
      },
      cache: {},
      timings: { send: 0, wait: f.response.durationMs, receive: 0 },
    };
  });
  const har: Har = { log: { version: '1.2', creator: { name: 'Hookbridge', version }, entries } };
  return { path: 'hookbridge.har', content: `${JSON.stringify(har, null, 2)}\n` };
}
