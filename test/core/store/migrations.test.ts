// Opening what earlier Hookbridge versions left on disk: every schema version migrates forward with its data,
// a database from a newer Hookbridge is refused untouched (with a copy), and a corrupt file is moved aside.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HookbridgeError } from '../../../main/core/errors';
import { seededRandom } from '../../../main/core/samples';
import { EndpointRepository } from '../../../main/core/store/endpoints';
import { latestSchemaVersion, migrate, migrations } from '../../../main/core/store/migrations';
import { newDatabasePageSize, openDatabase } from '../../../main/core/store/open';
import { RequestRepository } from '../../../main/core/store/requests';
import { databaseFileName, Store } from '../../../main/core/store/store';
import { startTestApp, tempDir, type TestApp } from '../../support/app';

const options = { busyTimeoutMs: 1_000 };

let app: TestApp | undefined;
const opened: Database.Database[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  await app?.stop();
  app = undefined;
});

function open(file: string): ReturnType<typeof openDatabase> {
  const result = openDatabase(file, options);
  opened.push(result.db);
  return result;
}

/** What a representative database of a given schema version holds. */
const seeded = {
  endpointId: '01HBSEEDENDPOINT000000000',
  endpointToken: 'seed-token-0123456789abcdef',
  requestId: '01HBSEEDREQUEST0000000000A',
  body: '{"name":"verify_code.success","phone":"+4915112345678","note":"porcupine"}',
  correlationKey: 'lox24:verify:seed-1',
};

/**
 * Inserts the representative rows with SQL written against the schema of the version that introduced it.
 * A version without its own entry uses the newest earlier one; when a migration changes the tables so that
 * SQL no longer fits, add an entry for that version.
 */
const seeders: Record<number, (db: Database.Database) => void> = {
  0: () => {
    // Nothing to keep: version 0 is an empty database.
  },
  1: (db) => {
    db.prepare('INSERT INTO endpoints (id, name, token, provider, enabled, auth, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      seeded.endpointId,
      'lox24 staging',
      seeded.endpointToken,
      'auto',
      1,
      '{"kind":"header","header":"X-LOX24-Token","value":"correct-horse-battery"}',
      1_700_000_000_000,
    );
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO requests (id, endpoint_id, received_at, method, path, query, headers, content_type, body, body_size,
          remote_address, response_status, response_headers, response_body, duration_ms, provider, name, title,
          severity, summary, described_by, pinned)
         VALUES (?, ?, ?, 'POST', 'lox24', '', ?, 'application/json', ?, ?, '127.0.0.1', 200, '[]', '{"received":true}', 0.5,
          'generic', 'verify_code.success', 'verify_code.success', 'info', 'POST /lox24', 1, 1)`,
      )
      .run(
        seeded.requestId,
        seeded.endpointId,
        1_700_000_000_500,
        JSON.stringify([['Content-Type', 'application/json']]),
        Buffer.from(seeded.body),
        Buffer.byteLength(seeded.body),
      );
    db.prepare('INSERT INTO request_keys (key, seq) VALUES (?, ?)').run(seeded.correlationKey, lastInsertRowid);
    db.prepare('INSERT INTO requests_fts (rowid, name, summary, body) VALUES (?, ?, ?, ?)').run(
      lastInsertRowid,
      'verify_code.success',
      'POST /lox24',
      seeded.body,
    );
    db.prepare("INSERT INTO settings (key, value) VALUES ('settings', ?)").run(
      JSON.stringify({ retention: { maxEvents: 1234, maxDatabaseBytes: 50 * 1024 * 1024 }, language: 'es' }),
    );
  },
};

function seederFor(version: number): (db: Database.Database) => void {
  const from = Math.max(...Object.keys(seeders).map(Number).filter((v) => v <= version));
  return seeders[from] as (db: Database.Database) => void;
}

/** A file as Hookbridge at schema `version` left it: WAL, migrated that far, with its representative rows. */
function databaseAtVersion(version: number): string {
  const file = path.join(tempDir(), databaseFileName);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, version);
  seederFor(version)(db);
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  db.close();
  return file;
}

const versions = Array.from({ length: latestSchemaVersion + 1 }, (_, v) => v);

describe('migrations: every earlier database opens on this version with its data', () => {
  it('numbers the migrations 1, 2, 3… so user_version counts the migrations applied', () => {
    expect(migrations.map((m) => m.version)).toEqual(versions.slice(1));
    expect(latestSchemaVersion).toBe(migrations.length);
  });

  it('starts a new database from a file that does not exist yet, and from an empty file', () => {
    const missing = path.join(tempDir(), databaseFileName);
    expect(open(missing).db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);

    const empty = path.join(tempDir(), databaseFileName);
    fs.writeFileSync(empty, '');
    const result = open(empty);
    expect(result.warnings).toEqual([]);
    expect(result.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(result.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(new EndpointRepository(result.db).list()).toEqual([]);
    // New databases get pages that hold two typical captured requests, not one.
    expect(result.db.pragma('page_size', { simple: true })).toBe(newDatabasePageSize);
    expect(open(missing).db.pragma('page_size', { simple: true })).toBe(newDatabasePageSize);
  });

  it.each(versions)('upgrades a database at schema version %i to the latest and keeps what it held', (version) => {
    const file = databaseAtVersion(version);
    const { db, warnings } = open(file);

    expect(warnings).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // An existing database keeps the page size it was made with (SQLite's default 4 KiB here).
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    // Nothing was moved aside on the way.
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.db'))).toEqual([databaseFileName]);

    const endpoints = new EndpointRepository(db);
    const requests = new RequestRepository(db);
    if (version === 0) {
      expect(endpoints.list()).toEqual([]);
      expect(requests.count()).toBe(0);
    } else {
      expect(endpoints.list()).toEqual([
        expect.objectContaining({
          id: seeded.endpointId,
          name: 'lox24 staging',
          token: seeded.endpointToken,
          enabled: true,
          // Endpoints from before per-endpoint mute keep notifying, and header checks from before "flag" mode keep rejecting.
          notify: true,
          auth: { kind: 'header', header: 'X-LOX24-Token', value: 'correct-horse-battery', enforce: 'reject' },
        }),
      ]);
      const event = requests.get(seeded.requestId);
      expect(event.body).toBe(seeded.body);
      expect(event.endpointId).toBe(seeded.endpointId);
      expect(event.pinned).toBe(true);
      expect(event.correlationKeys).toEqual([seeded.correlationKey]);
      expect(requests.list({ text: 'porcupine' }, null, 10).events.map((e) => e.id)).toEqual([seeded.requestId]);
      expect(requests.list({ correlationKey: seeded.correlationKey }, null, 10).events.map((e) => e.id)).toEqual([seeded.requestId]);
    }

    // The upgraded database takes new captures.
    const added = new EndpointRepository(db).create({ name: 'after upgrade' });
    expect(new EndpointRepository(db).get(added.id).name).toBe('after upgrade');
  });

  it.each(versions)('keeps the settings of a database at schema version %i through the upgrade', (version) => {
    const dataDir = path.dirname(databaseAtVersion(version));
    const store = Store.open(dataDir, options);
    try {
      const settings = store.getSettings();
      if (version === 0) {
        expect(settings.retention.maxEvents).toBe(200_000);
      } else {
        expect(settings.retention).toEqual({ maxEvents: 1234, maxDatabaseBytes: 50 * 1024 * 1024 });
        expect(settings.language).toBe('es');
      }
    } finally {
      store.close();
    }
  });

  it('opens an upgraded database a second time without migrating again', () => {
    const file = databaseAtVersion(latestSchemaVersion);
    open(file).db.close();
    const again = open(file);
    expect(again.warnings).toEqual([]);
    expect(again.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(new RequestRepository(again.db).count()).toBe(latestSchemaVersion === 0 ? 0 : 1);
  });
});

function newerDatabase(journalMode: 'wal' | 'delete'): string {
  const file = path.join(tempDir(), databaseFileName);
  const db = new Database(file);
  db.pragma(`journal_mode = ${journalMode}`);
  migrate(db);
  seederFor(latestSchemaVersion)(db);
  db.pragma(`user_version = ${latestSchemaVersion + 1}`);
  db.close();
  return file;
}

function openRefused(file: string): HookbridgeError {
  try {
    open(file);
  } catch (error) {
    return error as HookbridgeError;
  }
  throw new Error('openDatabase should have refused the newer database');
}

describe('a database written by a newer Hookbridge', () => {
  it('is refused with a message naming both schema versions, left byte for byte as it was, and copied beside it', () => {
    const file = newerDatabase('wal');
    const bytes = fs.readFileSync(file);

    const error = openRefused(file);
    expect(error).toBeInstanceOf(HookbridgeError);
    expect(error.code).toBe('DB_TOO_NEW');
    expect(error.message).toContain(`schema version ${latestSchemaVersion + 1}`);
    expect(error.message).toContain(`knows up to ${latestSchemaVersion}`);
    expect(error.message).toMatch(/Upgrade Hookbridge, or start with another --data-dir/);

    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    const copies = fs.readdirSync(path.dirname(file)).filter((f) => /^hookbridge\.newer-.+\.db$/.test(f));
    expect(copies).toHaveLength(1);
    const copy = path.join(path.dirname(file), copies[0] as string);
    expect(fs.readFileSync(copy).equals(bytes)).toBe(true);
    expect(error.message).toContain(copy);
  });

  it('is left byte for byte as it was even when it is not in WAL mode', () => {
    // E.g. a newer Hookbridge that changed journal mode, or a file someone ran `PRAGMA journal_mode=DELETE` on.
    const file = newerDatabase('delete');
    const bytes = fs.readFileSync(file);

    expect(openRefused(file).code).toBe('DB_TOO_NEW');

    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    const copies = fs.readdirSync(path.dirname(file)).filter((f) => /^hookbridge\.newer-.+\.db$/.test(f));
    expect(copies).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(file), copies[0] as string)).equals(bytes)).toBe(true);
  });

  it('stops the app from starting, with the same message, and leaves the folder unlocked', async () => {
    const file = newerDatabase('wal');
    const dataDir = path.dirname(file);
    await expect(startTestApp({}, dataDir)).rejects.toMatchObject({ code: 'DB_TOO_NEW', message: expect.stringContaining('newer Hookbridge') });
    expect(fs.existsSync(path.join(dataDir, 'hookbridge.lock'))).toBe(false);
  });
});

/** Garbage that is the same on every run, so a test never passes or fails by luck. */
function garbage(bytes: number, seed: number): Buffer {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(random() * 256)));
}

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

const corruptFiles: [string, () => Buffer][] = [
  ['random bytes', () => garbage(64 * 1024, 1)],
  [
    'a SQLite header followed by garbage',
    () => Buffer.concat([sqliteHeader, garbage(16 * 1024, 2)]),
  ],
  [
    'a real Hookbridge database cut off after its third page',
    () => {
      const file = databaseAtVersion(latestSchemaVersion);
      return fs.readFileSync(file).subarray(0, 3 * 4096);
    },
  ],
];

describe('a corrupt database file', () => {
  it.each(corruptFiles)('(%s) is moved aside and a new database is started, with a warning naming where it went', (_, content) => {
    const dataDir = tempDir();
    const file = path.join(dataDir, databaseFileName);
    const bytes = content();
    fs.writeFileSync(file, bytes);

    const { db, warnings } = open(file);

    const moved = fs.readdirSync(dataDir).filter((f) => /^hookbridge\.corrupt-.+\.db$/.test(f));
    expect(moved).toHaveLength(1);
    const movedPath = path.join(dataDir, moved[0] as string);
    expect(fs.readFileSync(movedPath).equals(bytes)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(movedPath);
    expect(warnings[0]).toMatch(/a new, empty database was started/);

    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    const endpoints = new EndpointRepository(db);
    const created = endpoints.create({ name: 'fresh' });
    expect(endpoints.list().map((e) => e.id)).toEqual([created.id]);
  });

  it('is reported through getStatus().warnings and the app captures into the new database', async () => {
    const dataDir = tempDir();
    // Private, as Hookbridge creates it (a readable one would add the data folder's privacy warning).
    fs.writeFileSync(path.join(dataDir, databaseFileName), Buffer.concat([sqliteHeader, garbage(8192, 3)]), { mode: 0o600 });

    app = await startTestApp({}, dataDir);

    const moved = fs.readdirSync(dataDir).filter((f) => /^hookbridge\.corrupt-.+\.db$/.test(f));
    expect(moved).toHaveLength(1);
    const status = await app.app.api.getStatus();
    expect(status.warnings).toHaveLength(1);
    expect(status.warnings[0]).toContain(path.join(dataDir, moved[0] as string));

    const response = await fetch(app.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"after.corrupt"}' });
    expect(response.status).toBe(200);
    expect((await app.app.api.listEvents({})).events.map((e) => e.name)).toEqual(['after.corrupt']);
  });

  it('is reported once: a restart on the new database carries no warning', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, databaseFileName), garbage(4096, 4));
    const first = Store.open(dataDir, options);
    expect(first.warnings).toHaveLength(1);
    first.close();

    const second = Store.open(dataDir, options);
    try {
      expect(second.warnings).toEqual([]);
      expect(fs.readdirSync(dataDir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
    } finally {
      second.close();
    }
  });
});
