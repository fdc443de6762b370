// Endpoints table: the named, token-addressed doors webhooks come in through.
import type { Database, Statement } from 'better-sqlite3';
import { HookbridgeError } from '../errors';
import { newEndpointToken, newUlid } from '../ids';
import { defaultHandshakeSettings, Endpoint, EndpointAuth, HandshakeSettings, type AlertRule, type HandshakeSettingsInput, type EndpointProvider, type ForwardConfig, type ResponseRule } from '../model';

interface EndpointRow {
  id: string;
  name: string;
  token: string;
  provider: string;
  enabled: number;
  notify: number;
  auth: string;
  rules: string;
  alert_rules: string;
  forward: string | null;
  /** null: the defaults (answer every documented handshake). */
  handshakes: string | null;
  created_at: number;
}

function fromRow(row: EndpointRow): Endpoint {
  return Endpoint.parse({
    id: row.id,
    name: row.name,
    token: row.token,
    provider: row.provider,
    enabled: row.enabled === 1,
    notify: row.notify === 1,
    auth: EndpointAuth.parse(JSON.parse(row.auth)),
    rules: JSON.parse(row.rules) as unknown,
    alertRules: JSON.parse(row.alert_rules) as unknown,
    forward: row.forward === null ? null : (JSON.parse(row.forward) as unknown),
    handshakes: row.handshakes === null ? defaultHandshakeSettings : (JSON.parse(row.handshakes) as unknown),
    createdAt: row.created_at,
  });
}

export interface NewEndpoint {
  name: string;
  provider?: EndpointProvider;
  enabled?: boolean;
  notify?: boolean;
  auth?: EndpointAuth;
  rules?: ResponseRule[];
  alertRules?: AlertRule[];
  forward?: ForwardConfig | null;
  handshakes?: HandshakeSettingsInput;
}

export interface EndpointChanges {
  name?: string;
  provider?: EndpointProvider;
  enabled?: boolean;
  notify?: boolean;
  auth?: EndpointAuth;
  rules?: ResponseRule[];
  alertRules?: AlertRule[];
  forward?: ForwardConfig | null;
  /** Merged into the current settings: a secret left out stays, null removes it. */
  handshakes?: HandshakeSettingsInput;
  /** Issue a new token: the old URL stops working at once. */
  rotateToken?: boolean;
}

export class EndpointRepository {
  private readonly all: Statement<[], EndpointRow>;
  private readonly byId: Statement<[string], EndpointRow>;
  private readonly insertRow: Statement<[EndpointRow]>;
  private readonly updateRow: Statement<[EndpointRow]>;
  private readonly deleteRow: Statement<[string]>;

  constructor(db: Database) {
    this.all = db.prepare('SELECT * FROM endpoints ORDER BY created_at, id');
    this.byId = db.prepare('SELECT * FROM endpoints WHERE id = ?');
    this.insertRow = db.prepare(
      'INSERT INTO endpoints (id, name, token, provider, enabled, notify, auth, rules, alert_rules, forward, handshakes, created_at) VALUES (@id, @name, @token, @provider, @enabled, @notify, @auth, @rules, @alert_rules, @forward, @handshakes, @created_at)',
    );
    this.updateRow = db.prepare(
      'UPDATE endpoints SET name = @name, token = @token, provider = @provider, enabled = @enabled, notify = @notify, auth = @auth, rules = @rules, alert_rules = @alert_rules, forward = @forward, handshakes = @handshakes WHERE id = @id',
    );
    this.deleteRow = db.prepare('DELETE FROM endpoints WHERE id = ?');
  }

  list(): Endpoint[] {
    return this.all.all().map(fromRow);
  }

  get(id: string): Endpoint {
    const row = this.byId.get(id);
    if (!row) throw new HookbridgeError('NOT_FOUND', `There is no endpoint with id ${id}.`);
    return fromRow(row);
  }

  create(input: NewEndpoint): Endpoint {
    const endpoint: Endpoint = {
      id: newUlid(),
      name: input.name,
      token: newEndpointToken(),
      provider: input.provider ?? 'auto',
      enabled: input.enabled ?? true,
      notify: input.notify ?? true,
      rules: input.rules ?? [],
      alertRules: input.alertRules ?? [],
      forward: input.forward ?? null,
      handshakes: mergeHandshakes(defaultHandshakeSettings, input.handshakes),
      auth: input.auth ?? { kind: 'none' },
      createdAt: Date.now(),
    };
    this.insertRow.run(toRow(endpoint));
    return endpoint;
  }

  update(id: string, changes: EndpointChanges): Endpoint {
    const current = this.get(id);
    const next: Endpoint = {
      ...current,
      name: changes.name ?? current.name,
      provider: changes.provider ?? current.provider,
      enabled: changes.enabled ?? current.enabled,
      notify: changes.notify ?? current.notify,
      rules: changes.rules ?? current.rules,
      alertRules: changes.alertRules ?? current.alertRules,
      forward: changes.forward === undefined ? current.forward : changes.forward,
      handshakes: mergeHandshakes(current.handshakes, changes.handshakes),
      auth: changes.auth ?? current.auth,
      token: changes.rotateToken ? newEndpointToken() : current.token,
    };
    this.updateRow.run(toRow(next));
    return next;
  }

  /** Stores the counters of rules that answered ("for the next N deliveries"), leaving the rest of the endpoint alone. */
  saveRuleCounters(id: string, rules: readonly ResponseRule[]): void {
    const current = this.get(id);
    const counts = new Map(rules.map((rule) => [rule.id, rule.remaining]));
    const next = current.rules.map((rule) => (counts.has(rule.id) ? { ...rule, remaining: counts.get(rule.id) ?? null } : rule));
    this.updateRow.run(toRow({ ...current, rules: next }));
  }

  delete(id: string): void {
    const result = this.deleteRow.run(id);
    if (result.changes === 0) throw new HookbridgeError('NOT_FOUND', `There is no endpoint with id ${id}.`);
  }
}

/** The settings with the changes applied: what is left out stays; the result is checked whole (mode "provider" needs a provider). */
function mergeHandshakes(current: HandshakeSettings, changes: HandshakeSettingsInput | undefined): HandshakeSettings {
  if (!changes) return current;
  const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) };
  // Choosing another mode forgets a provider only "provider" mode uses.
  if (merged.mode !== 'provider' && changes.provider === undefined) merged.provider = null;
  if (merged.mode === 'provider' && !merged.provider) {
    const message = 'Choose the provider whose handshake to answer.';
    throw new HookbridgeError('INVALID_INPUT', message, { fields: [{ path: 'handshakes.provider', message }] });
  }
  return HandshakeSettings.parse(merged);
}

function toRow(endpoint: Endpoint): EndpointRow {
  return {
    id: endpoint.id,
    name: endpoint.name,
    token: endpoint.token,
    provider: endpoint.provider,
    enabled: endpoint.enabled ? 1 : 0,
    notify: endpoint.notify ? 1 : 0,
    auth: JSON.stringify(endpoint.auth),
    rules: JSON.stringify(endpoint.rules),
    alert_rules: JSON.stringify(endpoint.alertRules),
    handshakes: JSON.stringify(endpoint.handshakes),
    forward: endpoint.forward === null ? null : JSON.stringify(endpoint.forward),
    created_at: endpoint.createdAt,
  };
}
