// The requests table's row, declared once, and the only code that turns model values into rows and back.
// The insert's SQL and the summary's column list are derived from the same declarations, so they cannot drift.
import type {
  AlertDecision,
  AlertRuleHit,
  AnsweredBy,
  AuthCheck,
  Description,
  EventDetail,
  EventSummary,
  HandshakeHit,
  HeaderPair,
  ParseError,
  RequestFlag,
} from '../model';
import type { StoredReadable } from '../bodies';

/** Everything the ingress hands the store for one request. */
export interface NewRequest {
  id: string;
  endpointId: string;
  receivedAt: number;
  method: string;
  path: string;
  query: string;
  headers: HeaderPair[];
  contentType: string | null;
  /** The bytes as received. */
  body: Buffer;
  /** The body decoded from its Content-Encoding (up to the body limit); null when it was sent unencoded or could not be decoded. */
  decodedBody?: Buffer | null;
  bodySize: number;
  bodyTruncated: boolean;
  remoteAddress: string;
  forwardedFor: string | null;
  flags: RequestFlag[];
  parseError: ParseError | null;
  /** The endpoint's auth or signature check; null when it has none. */
  authCheck: AuthCheck | null;
  /** The response rule that answered; absent or null for the default answer. */
  answeredBy?: AnsweredBy | null;
  /** The endpoint's alert rule that matched; absent or null when none did. */
  alertRule?: AlertRuleHit | null;
  /** The registration handshake it was; absent or null for a webhook. */
  handshake?: HandshakeHit | null;
  /** What a form, multipart or XML body holds; absent or null for any other body. */
  readable?: StoredReadable | null;
  response: { status: number; headers: HeaderPair[]; body: string; durationMs: number };
  description: Description;
  describedBy: number;
}

/** A stored request as it was received, bytes and all (replays and exports read this). */
export type RawRequest = Pick<NewRequest, 'id' | 'endpointId' | 'receivedAt' | 'method' | 'path' | 'query' | 'headers' | 'contentType' | 'body' | 'decodedBody' | 'bodyTruncated'>;

/** The body a reader means: decoded from its Content-Encoding when it was, else the bytes as received. */
export const meaningOf = (request: Pick<RawRequest, 'body' | 'decodedBody'>): Buffer => request.decodedBody ?? request.body;

/**
 * One event as the store keeps it: the API's EventDetail, with the explanation still a key into the catalogue
 * and the readable body as stored (the API adds the provider's facts and an XML body's tree).
 */
export type StoredEvent = Omit<EventDetail, 'explanation' | 'facts' | 'readable'> & { explanationKey: string | null; readable: StoredReadable | null };

/** How a request relates to earlier ones (store/links.ts decides). */
export interface Links {
  /** Set when the description names a delivery identity: with it, an exact repeat is told from a retry. */
  bodyHash: string | null;
  /** The earlier request this one repeats exactly (same delivery identity, same body). */
  duplicateOf: string | null;
  /** The first request of this one's retry group (same notification or event, a later attempt). */
  retryOf: string | null;
}

/** What the store decided while inserting: the row's seq, its links, and the feed row it makes. */
export interface Inserted extends Omit<Links, 'bodyHash'> {
  seq: number;
  summary: EventSummary;
}

/** One row of `requests` (migrations.ts creates the table): JSON columns as text, booleans as 0/1. */
export interface RequestRow {
  seq: number;
  id: string;
  endpoint_id: string;
  received_at: number;
  method: string;
  path: string;
  query: string;
  headers: string;
  content_type: string | null;
  body: Buffer;
  decoded_body: Buffer | null;
  body_size: number;
  body_truncated: number;
  remote_address: string;
  forwarded_for: string | null;
  flags: string;
  parse_error: string | null;
  auth_check: string | null;
  answered_by: string | null;
  alert_rule: string | null;
  handshake: string | null;
  readable: string | null;
  response_status: number;
  response_headers: string;
  response_body: string;
  duration_ms: number;
  provider: string;
  name: string | null;
  title: string;
  severity: string;
  summary: string;
  explanation: string | null;
  issues: string;
  attempt_number: number | null;
  attempt_total: number | null;
  described_by: number;
  delivery_key: string | null;
  body_hash: string | null;
  retry_group: string | null;
  duplicate_of: string | null;
  retry_of: string | null;
  claim: string | null;
  severity_reason: string | null;
  pinned: number;
  /** 1 while the row waits for a check against its provider's imported OpenAPI description; else null. */
  schema_pending: number | null;
  /** What that check found (a JSON SchemaCheck); null before it ran or when the provider has no description. */
  schema_check: string | null;
  /** The alert policy's decisions (a JSON list of AlertDecision), written after the insert; null when none. */
  alert: string | null;
}

/** What a check against an imported OpenAPI description reads of a row. */
export type SchemaPendingRow = Pick<RequestRow, 'seq' | 'provider' | 'name' | 'content_type' | 'body' | 'decoded_body' | 'body_truncated' | 'readable' | 'handshake'>;

/** What an insert writes: every column but the ones the database fills (seq, pinned) or writes later (alert, schema_check). */
export type NewRow = Omit<RequestRow, 'seq' | 'pinned' | 'alert' | 'schema_check'>;

const summaryColumnNames = [
  'seq',
  'id',
  'endpoint_id',
  'received_at',
  'method',
  'path',
  'content_type',
  'body_size',
  'response_status',
  'provider',
  'name',
  'title',
  'severity',
  'summary',
  'attempt_number',
  'attempt_total',
  'flags',
  'duplicate_of',
  'retry_of',
  'pinned',
  'auth_check',
  'answered_by',
  'alert_rule',
  'handshake',
] as const satisfies readonly (keyof RequestRow)[];

/** The columns a feed row is read from. */
export type SummaryRow = Pick<RequestRow, (typeof summaryColumnNames)[number]>;
export const summaryColumns = summaryColumnNames.join(', ');

/** The columns a description fills, as the insert and the re-describer both write them. */
export function describedColumns(d: Description, links: Links) {
  return {
    provider: d.provider,
    name: d.name,
    title: d.title,
    severity: d.severity,
    summary: d.summary,
    explanation: d.explanation,
    issues: JSON.stringify(d.issues),
    attempt_number: d.attempt?.number ?? null,
    attempt_total: d.attempt?.total ?? null,
    delivery_key: d.deliveryKey,
    body_hash: links.bodyHash,
    retry_group: d.retryGroup,
    duplicate_of: links.duplicateOf,
    retry_of: links.retryOf,
    claim: d.claim ?? null,
    severity_reason: d.severityReason ?? null,
  } satisfies Partial<RequestRow>;
}

/** The row an insert writes for a request; `schemaPending` when its provider has an imported description to check it against. */
export function toRow(request: NewRequest, links: Links, schemaPending: boolean): NewRow {
  return {
    id: request.id,
    endpoint_id: request.endpointId,
    received_at: request.receivedAt,
    method: request.method,
    path: request.path,
    query: request.query,
    headers: JSON.stringify(request.headers),
    content_type: request.contentType,
    body: request.body,
    decoded_body: request.decodedBody ?? null,
    body_size: request.bodySize,
    body_truncated: request.bodyTruncated ? 1 : 0,
    remote_address: request.remoteAddress,
    forwarded_for: request.forwardedFor,
    flags: JSON.stringify(request.flags),
    parse_error: request.parseError ? JSON.stringify(request.parseError) : null,
    auth_check: request.authCheck ? JSON.stringify(request.authCheck) : null,
    answered_by: request.answeredBy ? JSON.stringify(request.answeredBy) : null,
    alert_rule: request.alertRule ? JSON.stringify(request.alertRule) : null,
    handshake: request.handshake ? JSON.stringify(request.handshake) : null,
    readable: request.readable ? JSON.stringify(request.readable) : null,
    response_status: request.response.status,
    response_headers: JSON.stringify(request.response.headers),
    response_body: request.response.body,
    duration_ms: request.response.durationMs,
    ...describedColumns(request.description, links),
    described_by: request.describedBy,
    schema_pending: schemaPending ? 1 : null,
  };
}

// Every column of NewRow, once: the INSERT below names exactly these (a column added to the row type and not
// here is a type error).
const newRowColumns = Object.keys({
  id: 1, endpoint_id: 1, received_at: 1, method: 1, path: 1, query: 1, headers: 1, content_type: 1, body: 1, decoded_body: 1, body_size: 1,
  body_truncated: 1, remote_address: 1, forwarded_for: 1, flags: 1, parse_error: 1, auth_check: 1, answered_by: 1, alert_rule: 1, handshake: 1, readable: 1,
  response_status: 1, response_headers: 1, response_body: 1, duration_ms: 1, provider: 1, name: 1, title: 1, severity: 1,
  summary: 1, explanation: 1, issues: 1, attempt_number: 1, attempt_total: 1, described_by: 1, delivery_key: 1,
  body_hash: 1, retry_group: 1, duplicate_of: 1, retry_of: 1, claim: 1, severity_reason: 1, schema_pending: 1,
} satisfies Record<keyof NewRow, 1>);

/** The INSERT of one NewRow, by named parameters. */
export const insertRowSql = `INSERT INTO requests (${newRowColumns.join(', ')}) VALUES (${newRowColumns.map((c) => `@${c}`).join(', ')})`;

/** The feed row of a stored request. */
export function toSummary(row: SummaryRow): EventSummary {
  return {
    id: row.id,
    seq: row.seq,
    endpointId: row.endpoint_id,
    receivedAt: row.received_at,
    method: row.method,
    path: row.path,
    contentType: row.content_type,
    bodySize: row.body_size,
    status: row.response_status,
    provider: row.provider as EventSummary['provider'],
    name: row.name,
    title: row.title,
    severity: row.severity as EventSummary['severity'],
    summary: row.summary,
    attempt: row.attempt_number !== null && row.attempt_total !== null ? { number: row.attempt_number, total: row.attempt_total } : null,
    flags: JSON.parse(row.flags) as RequestFlag[],
    duplicateOf: row.duplicate_of,
    retryOf: row.retry_of,
    pinned: row.pinned === 1,
    authCheck: row.auth_check ? (JSON.parse(row.auth_check) as AuthCheck) : null,
    answeredBy: row.answered_by ? (JSON.parse(row.answered_by) as AnsweredBy) : null,
    alertRule: row.alert_rule ? (JSON.parse(row.alert_rule) as AlertRuleHit) : null,
    handshake: row.handshake ? (JSON.parse(row.handshake) as HandshakeHit) : null,
  };
}

/** The feed row of a request just inserted as `row` with `seq`, without reading it back. */
export function insertedSummary(row: NewRow, seq: number): EventSummary {
  return toSummary({ ...row, seq, pinned: 0 });
}

// ignoreBOM: the inspector shows the body exactly as sent, byte order mark included.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function encodeBody(body: Buffer): { body: string; bodyEncoding: 'utf8' | 'base64' } {
  try {
    return { body: strictUtf8.decode(body), bodyEncoding: 'utf8' };
  } catch {
    return { body: body.toString('base64'), bodyEncoding: 'base64' };
  }
}

/** The Content-Encoding header as sent, e.g. "gzip" (headers as the row keeps them: a JSON list of pairs). */
function contentEncodingOf(headers: string): string | null {
  return (JSON.parse(headers) as HeaderPair[]).find(([name]) => name.toLowerCase() === 'content-encoding')?.[1] ?? null;
}

/** The provider's own issues, then what the check against an imported OpenAPI description found. */
function issuesOf(row: Pick<RequestRow, 'issues' | 'schema_pending' | 'schema_check'>): Pick<EventDetail, 'issues' | 'schemaCheck'> {
  const own = JSON.parse(row.issues) as EventDetail['issues'];
  if (row.schema_pending === 1) return { issues: own, schemaCheck: { state: 'pending', spec: null, webhook: null } };
  if (row.schema_check === null) return { issues: own, schemaCheck: null };
  const check = JSON.parse(row.schema_check) as { spec: string; webhook: string | null; issues: EventDetail['issues'] };
  return { issues: [...own, ...check.issues], schemaCheck: { state: 'checked', spec: check.spec, webhook: check.webhook } };
}

/** Everything stored about one event; its explanation as the catalogue key the provider chose (api/ words it). */
export function toStoredEvent(row: RequestRow, correlationKeys: string[]): StoredEvent {
  return {
    ...toSummary(row),
    query: row.query,
    headers: JSON.parse(row.headers) as HeaderPair[],
    ...encodeBody(row.decoded_body ?? row.body),
    bodyTruncated: row.body_truncated === 1,
    contentEncoding: row.decoded_body === null ? null : contentEncodingOf(row.headers),
    rawBody: row.decoded_body === null ? null : row.body.toString('base64'),
    remoteAddress: row.remote_address,
    forwardedFor: row.forwarded_for,
    parseError: row.parse_error === null ? null : (JSON.parse(row.parse_error) as ParseError),
    response: {
      status: row.response_status,
      headers: JSON.parse(row.response_headers) as HeaderPair[],
      body: row.response_body,
      durationMs: row.duration_ms,
    },
    correlationKeys,
    ...issuesOf(row),
    explanationKey: row.explanation,
    alerts: row.alert === null ? [] : (JSON.parse(row.alert) as AlertDecision[]),
    readable: row.readable === null ? null : (JSON.parse(row.readable) as StoredReadable),
    claim: row.claim,
    severityReason: row.severity_reason,
  };
}

/** The columns a request as received is read from. */
export type RawRow = Pick<RequestRow, 'id' | 'endpoint_id' | 'received_at' | 'method' | 'path' | 'query' | 'headers' | 'content_type' | 'body' | 'decoded_body' | 'body_truncated'>;

/** The request as received, bytes and all. */
export function toRawRequest(row: RawRow): RawRequest {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    receivedAt: row.received_at,
    method: row.method,
    path: row.path,
    query: row.query,
    headers: JSON.parse(row.headers) as HeaderPair[],
    contentType: row.content_type,
    body: row.body,
    decodedBody: row.decoded_body,
    bodyTruncated: row.body_truncated === 1,
  };
}
