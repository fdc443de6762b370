// Forward-only schema migrations. The database's `PRAGMA user_version` is the number of migrations applied.
// Never edit a shipped migration: append a new one.
import type { Database } from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'endpoints, requests, correlation keys, settings, full-text search',
    up(db) {
      db.exec(`
        CREATE TABLE endpoints (
          id          TEXT PRIMARY KEY,
          name        TEXT NOT NULL,
          token       TEXT NOT NULL UNIQUE,
          provider    TEXT NOT NULL DEFAULT 'auto',
          enabled     INTEGER NOT NULL DEFAULT 1,
          auth        TEXT NOT NULL DEFAULT '{"kind":"none"}',
          created_at  INTEGER NOT NULL
        );

        -- seq orders the feed and pages it; AUTOINCREMENT so a pruned seq is never reused by a later request.
        CREATE TABLE requests (
          seq               INTEGER PRIMARY KEY AUTOINCREMENT,
          id                TEXT NOT NULL UNIQUE,
          endpoint_id       TEXT NOT NULL,
          received_at       INTEGER NOT NULL,
          method            TEXT NOT NULL,
          path              TEXT NOT NULL,
          query             TEXT NOT NULL,
          headers           TEXT NOT NULL,
          content_type      TEXT,
          body              BLOB NOT NULL,
          body_size         INTEGER NOT NULL,
          body_truncated    INTEGER NOT NULL DEFAULT 0,
          remote_address    TEXT NOT NULL,
          forwarded_for     TEXT,
          flags             TEXT NOT NULL DEFAULT '[]',
          parse_error       TEXT,
          response_status   INTEGER NOT NULL,
          response_headers  TEXT NOT NULL,
          response_body     TEXT NOT NULL,
          duration_ms       REAL NOT NULL,
          provider          TEXT NOT NULL,
          name              TEXT,
          title             TEXT NOT NULL,
          severity          TEXT NOT NULL,
          summary           TEXT NOT NULL,
          explanation       TEXT,
          issues            TEXT NOT NULL DEFAULT '[]',
          attempt_number    INTEGER,
          attempt_total     INTEGER,
          described_by      INTEGER NOT NULL,
          duplicate_of      TEXT,
          retry_of          TEXT,
          pinned            INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX requests_endpoint ON requests(endpoint_id, seq);
        CREATE INDEX requests_severity ON requests(severity, seq);
        CREATE INDEX requests_provider_name ON requests(provider, name, seq);
        CREATE INDEX requests_received ON requests(received_at);
        CREATE INDEX requests_unpinned ON requests(pinned, seq);

        CREATE TABLE request_keys (
          key  TEXT NOT NULL,
          seq  INTEGER NOT NULL REFERENCES requests(seq) ON DELETE CASCADE,
          PRIMARY KEY (key, seq)
        ) WITHOUT ROWID;
        CREATE INDEX request_keys_seq ON request_keys(seq);

        CREATE TABLE settings (
          key    TEXT PRIMARY KEY,
          value  TEXT NOT NULL
        );

        -- Contentless: the text lives in requests already; rowid = requests.seq.
        CREATE VIRTUAL TABLE requests_fts USING fts5(
          name, summary, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
        );
      `);
    },
  },
  {
    version: 2,
    name: 'delivery identity, body hash and retry group, for retries versus duplicates',
    up(db) {
      db.exec(`
        ALTER TABLE requests ADD COLUMN delivery_key TEXT;
        ALTER TABLE requests ADD COLUMN body_hash TEXT;
        ALTER TABLE requests ADD COLUMN retry_group TEXT;
        -- seq last: "the earliest with this key and hash" is one index probe, however many repeats exist.
        CREATE INDEX requests_delivery ON requests(delivery_key, body_hash, seq) WHERE delivery_key IS NOT NULL;
        CREATE INDEX requests_retry_group ON requests(retry_group, seq) WHERE retry_group IS NOT NULL;
        CREATE INDEX requests_described_by ON requests(described_by, seq);
      `);
    },
  },
  {
    version: 3,
    name: 'per-endpoint desktop notifications',
    up(db) {
      db.exec(`ALTER TABLE endpoints ADD COLUMN notify INTEGER NOT NULL DEFAULT 1;`);
    },
  },
  {
    version: 4,
    name: 'the auth or signature check of each request',
    up(db) {
      db.exec(`ALTER TABLE requests ADD COLUMN auth_check TEXT;`);
    },
  },
  {
    version: 5,
    name: 'response rules per endpoint, and which rule answered each request',
    up(db) {
      db.exec(`
        ALTER TABLE endpoints ADD COLUMN rules TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE requests ADD COLUMN answered_by TEXT;
      `);
    },
  },
  {
    version: 6,
    name: 'forward-to per endpoint; replays and forwards with what the target answered',
    up(db) {
      db.exec(`
        ALTER TABLE endpoints ADD COLUMN forward TEXT;
        CREATE TABLE deliveries (
          id                TEXT PRIMARY KEY,
          request_id        TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
          kind              TEXT NOT NULL,
          url               TEXT NOT NULL,
          sent_at           INTEGER NOT NULL,
          edited            INTEGER NOT NULL,
          resigned          INTEGER NOT NULL,
          request_method    TEXT NOT NULL,
          request_headers   TEXT NOT NULL,
          request_body_size INTEGER NOT NULL,
          response          TEXT,
          duration_ms       REAL NOT NULL,
          error             TEXT
        );
        CREATE INDEX deliveries_request ON deliveries(request_id, sent_at);
      `);
    },
  },
  {
    version: 7,
    name: 'what the alert policy decided for each request',
    up(db) {
      db.exec(`ALTER TABLE requests ADD COLUMN alert TEXT;`);
    },
  },
  {
    version: 8,
    name: 'alert rules per endpoint, and which one matched each request',
    up(db) {
      db.exec(`
        ALTER TABLE endpoints ADD COLUMN alert_rules TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE requests ADD COLUMN alert_rule TEXT;
      `);
    },
  },
  {
    version: 9,
    name: 'the decoded body of a request sent with Content-Encoding (body keeps the bytes as received)',
    up(db) {
      db.exec(`ALTER TABLE requests ADD COLUMN decoded_body BLOB;`);
    },
  },
  {
    version: 10,
    name: 'registration handshakes: what each endpoint answers, and which handshake each request was',
    up(db) {
      db.exec(`
        ALTER TABLE endpoints ADD COLUMN handshakes TEXT;
        ALTER TABLE requests ADD COLUMN handshake TEXT;
      `);
    },
  },
  {
    version: 11,
    name: 'what a form, multipart or XML body holds, read once at the ingress',
    up(db) {
      db.exec(`ALTER TABLE requests ADD COLUMN readable TEXT;`);
    },
  },
  {
    version: 12,
    name: 'provider packs: why a provider claimed each request, and why it has its severity',
    up(db) {
      db.exec(`
        ALTER TABLE requests ADD COLUMN claim TEXT;
        ALTER TABLE requests ADD COLUMN severity_reason TEXT;
      `);
    },
  },
  {
    version: 13,
    name: 'checks against an imported OpenAPI description: which rows wait for one (a small partial index), and what it found',
    up(db) {
      db.exec(`
        ALTER TABLE requests ADD COLUMN schema_pending INTEGER;
        ALTER TABLE requests ADD COLUMN schema_check TEXT;
        CREATE INDEX requests_schema_pending ON requests(seq) WHERE schema_pending = 1;
        CREATE TABLE schema_specs (provider TEXT PRIMARY KEY, imported_at INTEGER NOT NULL) STRICT;
      `);
    },
  },
];

export const latestSchemaVersion = migrations.length;

/** Applies every migration above the database's version, each in its own transaction. */
export function migrate(db: Database, target = latestSchemaVersion): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
