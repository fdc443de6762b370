// One captured request as a test fixture: the request as sent (exact bytes, or their redacted twin) and what
// Hookbridge knew about it. Secrets of the endpoint itself never leave, redaction on or off.
import { authHeaderNames, resign } from '../signatures';
import type { Endpoint, HeaderPair } from '../model';
import type { RawRequest, StoredEvent } from '../store/requests';
import { meaningOf } from '../store/rows';
import { fieldsJson, formFields, readableJson } from '../bodies';
import type { Redactor } from './redact';
import { secretHeaders } from '../http-headers';

export interface Fixture {
  request: {
    method: string;
    path: string;
    query: string;
    headers: HeaderPair[];
    /** The body: UTF-8 text, or base64 when `rawBodyEncoding` says so. */
    rawBody: string;
    rawBodyEncoding: 'utf8' | 'base64';
    /** The parsed JSON of rawBody (decoded from its Content-Encoding), or a form's / multipart's fields as JSON, for convenience; null otherwise. */
    body: unknown;
  };
  meta: {
    id: string;
    provider: string;
    name: string | null;
    receivedAt: string;
    endpoint: string;
    severity: string;
    redacted: boolean;
  };
  response: { status: number; headers: HeaderPair[]; body: string; durationMs: number };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function asText(body: Buffer): string | null {
  try {
    return strictUtf8.decode(body);
  } catch {
    return null;
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
  } catch {
    return null;
  }
}

/** Headers that carry the endpoint's own secret (its static token, Basic credentials): never exported. */
function endpointSecretHeaders(endpoint: Endpoint | null): Set<string> {
  if (!endpoint) return new Set();
  if (endpoint.auth.kind === 'header') return new Set([endpoint.auth.header.toLowerCase()]);
  if (endpoint.auth.kind === 'basic') return new Set(['authorization']);
  return new Set();
}

/** A path segment as text ("%2B49…" → "+49…"); one that is not valid percent-encoding stays as it is. */
function decodedSegment(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const placeholder = '[removed by Hookbridge: endpoint secret]';

/** A form's fields, or multipart's text fields, as JSON — read from the exported (redacted) bytes, or redacted themselves. */
function fieldsOf(readable: StoredEvent['readable'], body: Buffer, redactor: Redactor | null): unknown {
  if (readable?.kind === 'form') return fieldsJson(formFields(body));
  if (readable?.kind === 'multipart') {
    const fields = readableJson(readable) ?? {};
    if (!redactor) return fields;
    return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, Array.isArray(value) ? value.map((v) => redactor.scan(v)) : redactor.scan(value)]));
  }
  return null;
}

/** Headers that describe the bytes on the wire: a body exported decoded no longer has them. */
const wireHeaders = new Set(['content-encoding', 'content-length']);

/**
 * `decoded`: the body was sent with a Content-Encoding and is exported decoded (redaction reads text, so a
 * redacted export carries the decoded body without that header; an unredacted one keeps the bytes as sent).
 */
export function buildFixture(raw: RawRequest, detail: StoredEvent, endpoint: Endpoint | null, redactor: Redactor | null): { fixture: Fixture; scanned: boolean; decoded: boolean } {
  const decoded = redactor !== null && raw.decodedBody != null;
  const text = asText(decoded ? meaningOf(raw) : raw.body);
  const ownSecrets = endpointSecretHeaders(endpoint);
  let body = decoded ? meaningOf(raw) : raw.body;
  let headers = raw.headers
    .filter(([name]) => !(decoded && wireHeaders.has(name.toLowerCase())))
    .map(([name, value]): HeaderPair => (ownSecrets.has(name.toLowerCase()) ? [name, placeholder] : [name, value]));
  let path = raw.path;
  let query = raw.query;
  let scanned = true;

  if (redactor) {
    const form = /^application\/x-www-form-urlencoded/i.test(raw.contentType ?? '');
    if (text !== null) body = Buffer.from(redactor.json(text) ?? (form ? redactor.form(text) : redactor.scan(text)), 'utf8');
    else scanned = false; // binary: exported as it came, and the export's notes say so
    path = path
      .split('/')
      .map((part) => {
        const decoded = decodedSegment(part);
        const redacted = redactor.scan(decoded);
        return redacted === decoded ? part : encodeURIComponent(redacted);
      })
      .join('/');
    query = redactor.form(query);
    const dropped = new Set([...secretHeaders, ...ownSecrets, ...(endpoint ? authHeaderNames(endpoint.auth) : [])]);
    headers = headers.filter(([name]) => !dropped.has(name.toLowerCase())).map(([name, value]): HeaderPair => [name, redactor.scan(value)]);
    // Signed again over the redacted bytes, at the time it was received: the fixture verifies in your own test.
    if (endpoint && (endpoint.auth.kind !== 'none' && endpoint.auth.kind !== 'header' && endpoint.auth.kind !== 'basic')) {
      headers = resign(endpoint.auth, headers, body, raw.receivedAt);
    }
  }

  const bodyText = asText(body);
  // The parsed body is read from the decoded bytes when the body on the wire was compressed.
  const meaning = decoded || raw.decodedBody == null ? bodyText : asText(meaningOf(raw));
  return {
    scanned,
    decoded,
    fixture: {
      request: {
        method: raw.method,
        path,
        query,
        headers,
        rawBody: bodyText ?? body.toString('base64'),
        rawBodyEncoding: bodyText === null ? 'base64' : 'utf8',
        body: parseJson(meaning) ?? fieldsOf(detail.readable, body, redactor),
      },
      meta: {
        id: raw.id,
        provider: detail.provider,
        name: detail.name,
        receivedAt: new Date(raw.receivedAt).toISOString(),
        endpoint: endpoint?.name ?? 'deleted endpoint',
        severity: detail.severity,
        redacted: redactor !== null,
      },
      response: {
        status: detail.response.status,
        headers: detail.response.headers,
        body: redactor ? redactor.scan(detail.response.body) : detail.response.body,
        durationMs: detail.response.durationMs,
      },
    },
  };
}
