// An endpoint's response rules: what Hookbridge answers instead of 200, to watch a provider retry or time out.
// Rules are edited as a list and saved together (updateEndpoint({ rules })); the API's message says what is wrong.
import { useState } from 'preact/hooks';
import type { Client, PublicEndpoint } from '../client';
import { FormError } from './FormError';
import { FieldError, invalidProps } from './FieldError';
import { fieldInvalid, problemOf, type Problem } from '../problem';
import type { InputOf } from '../../../main/core/api/contract';

type Rule = PublicEndpoint['rules'][number];

/** One rule as the form holds it: text fields, turned into the API's shape on save. */
interface RuleDraft {
  id?: string;
  name: string;
  enabled: boolean;
  event: string;
  provider: '' | 'lox24' | 'soyio' | 'generic';
  method: string;
  jsonPath: string;
  jsonOp: 'equals' | 'exists' | 'missing' | 'matches';
  /** The JSON to compare with (equals), or the RE2 pattern (matches). */
  jsonValue: string;
  kind: 'respond' | 'drop';
  status: string;
  body: string;
  headers: string;
  delayMs: string;
  /** Empty: every time. */
  remaining: string;
}

const blank: RuleDraft = {
  name: '',
  enabled: true,
  event: '',
  provider: '',
  method: '',
  jsonPath: '',
  jsonOp: 'equals',
  jsonValue: '',
  kind: 'respond',
  status: '500',
  body: '',
  headers: '',
  delayMs: '0',
  remaining: '',
};

function draftOf(rule: Rule): RuleDraft {
  const json = rule.match.json;
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    event: rule.match.event ?? '',
    provider: rule.match.provider ?? '',
    method: rule.match.method ?? '',
    jsonPath: json?.path ?? '',
    jsonOp: json?.op ?? 'equals',
    jsonValue: json?.op === 'matches' ? (json.pattern ?? '') : json && json.value !== undefined ? JSON.stringify(json.value) : '',
    kind: rule.action.kind,
    status: rule.action.kind === 'respond' ? String(rule.action.status) : '500',
    body: rule.action.kind === 'respond' ? rule.action.body : '',
    headers: rule.action.kind === 'respond' ? rule.action.headers.map(([n, v]) => `${n}: ${v}`).join('\n') : '',
    delayMs: String(rule.action.delayMs),
    remaining: rule.remaining === null ? '' : String(rule.remaining),
  };
}

/** Where each field of a rule's draft sits in the contract's rule input, so a refusal is shown under its field. */
const inputPaths = {
  name: 'name',
  event: 'match.event',
  method: 'match.method',
  jsonPath: 'match.json.path',
  jsonValue: 'match.json.value',
  status: 'action.status',
  body: 'action.body',
  headers: 'action.headers',
  delayMs: 'action.delayMs',
  remaining: 'remaining',
} as const satisfies Partial<Record<keyof RuleDraft, string>>;
type Checked = keyof typeof inputPaths;

const pathOf = (index: number, field: Checked): string => `rules.${index}.${inputPaths[field]}`;

function wholeNumber(draft: RuleDraft, index: number, field: Checked, what: string): number {
  const text = draft[field].trim();
  const n = Number(text);
  if (text === '' || !Number.isInteger(n)) throw fieldInvalid(pathOf(index, field), `Rule ${index + 1}, ${what}: enter a whole number.`);
  return n;
}

/** One rule as the contract's updateEndpoint input takes it; throws for what cannot even be sent (the API checks the rest). */
type RuleInput = NonNullable<InputOf<'updateEndpoint'>['rules']>[number];

function inputOf(draft: RuleDraft, index: number): RuleInput {
  const where = `Rule ${index + 1}`;
  let value: unknown;
  if (draft.jsonPath.trim() && draft.jsonOp === 'equals') {
    try {
      value = JSON.parse(draft.jsonValue);
    } catch {
      throw fieldInvalid(pathOf(index, 'jsonValue'), `${where}: the value to compare must be JSON, e.g. 20, "telegram" or true.`);
    }
  }
  const headers = draft.headers
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): [string, string] => {
      const at = line.indexOf(':');
      if (at <= 0) throw fieldInvalid(pathOf(index, 'headers'), `${where}: write each header as "Name: value".`);
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
  return {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name,
    enabled: draft.enabled,
    match: {
      ...(draft.event.trim() ? { event: draft.event.trim() } : {}),
      ...(draft.provider ? { provider: draft.provider } : {}),
      ...(draft.method.trim() ? { method: draft.method.trim() } : {}),
      ...(draft.jsonPath.trim()
        ? { json: { path: draft.jsonPath.trim(), op: draft.jsonOp, ...(draft.jsonOp === 'equals' ? { value } : {}), ...(draft.jsonOp === 'matches' ? { pattern: draft.jsonValue } : {}) } }
        : {}),
    },
    action:
      draft.kind === 'drop'
        ? { kind: 'drop', delayMs: wholeNumber(draft, index, 'delayMs', 'delay') }
        : { kind: 'respond', status: wholeNumber(draft, index, 'status', 'status'), headers, body: draft.body, delayMs: wholeNumber(draft, index, 'delayMs', 'delay') },
    remaining: draft.remaining.trim() === '' ? null : wholeNumber(draft, index, 'remaining', '"next N deliveries"'),
  };
}

export function RulesEditor({ client, endpoint, onSaved, onClose }: { client: Client; endpoint: PublicEndpoint; onSaved(endpoint: PublicEndpoint): void; onClose(): void }) {
  const [drafts, setDrafts] = useState<RuleDraft[]>(() => endpoint.rules.map(draftOf));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = `rules-${endpoint.id}`;
  /** A rule field's aria props and its message, from the last refusal. */
  const field = (index: number, name: Checked) => {
    const path = pathOf(index, name);
    const id = `${ids}-${index}-${name}`;
    return { aria: invalidProps(problem, path, id), error: <FieldError problem={problem} path={path} id={id} /> };
  };

  const edit = (index: number, patch: Partial<RuleDraft>): void => {
    setProblem(null); // the message was about what the rule said before this edit
    setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  };
  const move = (index: number, by: -1 | 1): void =>
    setDrafts((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setProblem(null);
    let rules: RuleInput[];
    try {
      rules = drafts.map(inputOf);
    } catch (err) {
      setProblem(problemOf(err));
      return;
    }
    setBusy(true);
    try {
      const saved = await client.api.updateEndpoint({ id: endpoint.id, rules });
      onSaved(saved);
      onClose();
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="rules-editor" aria-label={`Response rules of ${endpoint.name}`} onSubmit={(e) => void save(e)} noValidate>
      <p class="field-hint">
        Tried in order; the first enabled rule that matches answers instead of the default 200. The request is always stored first. Empty fields match
        anything.
      </p>
      {drafts.length === 0 && <p class="hint">No rules: every request is answered 200.</p>}
      <ol class="rules">
        {drafts.map((d, i) => {
          const id = `${ids}-${i}`;
          return (
            <li key={d.id ?? `new-${i}`} class="rule" aria-label={`Rule ${i + 1}`}>
              <div class="form-row">
                <div class="field">
                  <label for={`${id}-name`}>Name</label>
                  <input id={`${id}-name`} type="text" value={d.name} placeholder="e.g. make LOX24 retry" {...field(i, 'name').aria} onInput={(e) => edit(i, { name: e.currentTarget.value })} />
                  {field(i, 'name').error}
                </div>
                <div class="field check">
                  <label>
                    <input type="checkbox" checked={d.enabled} onChange={(e) => edit(i, { enabled: e.currentTarget.checked })} /> Enabled
                  </label>
                </div>
                <span class="spacer" />
                <button type="button" aria-label={`Move rule ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" aria-label={`Move rule ${i + 1} down`} disabled={i === drafts.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </button>
                <button type="button" class="danger" onClick={() => setDrafts((list) => list.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </div>
              <div class="form-row">
                <div class="field">
                  <label for={`${id}-event`}>When the event is</label>
                  <input id={`${id}-event`} type="text" value={d.event} placeholder="any (glob: verify_code.*)" {...field(i, 'event').aria} onInput={(e) => edit(i, { event: e.currentTarget.value })} />
                  {field(i, 'event').error}
                </div>
                <div class="field">
                  <label for={`${id}-provider`}>Provider</label>
                  <select id={`${id}-provider`} value={d.provider} onChange={(e) => edit(i, { provider: e.currentTarget.value as RuleDraft['provider'] })}>
                    <option value="">any</option>
                    <option value="lox24">lox24</option>
                    <option value="soyio">soyio</option>
                    <option value="generic">other</option>
                  </select>
                </div>
                <div class="field">
                  <label for={`${id}-method`}>Method</label>
                  <input id={`${id}-method`} type="text" size={6} value={d.method} placeholder="any" {...field(i, 'method').aria} onInput={(e) => edit(i, { method: e.currentTarget.value })} />
                  {field(i, 'method').error}
                </div>
                <div class="field">
                  <label for={`${id}-path`}>JSON path</label>
                  <input id={`${id}-path`} type="text" value={d.jsonPath} placeholder="$.data.channel.status" spellcheck={false} {...field(i, 'jsonPath').aria} onInput={(e) => edit(i, { jsonPath: e.currentTarget.value })} />
                  {field(i, 'jsonPath').error}
                </div>
                <div class="field">
                  <label for={`${id}-op`}>Condition</label>
                  <select id={`${id}-op`} value={d.jsonOp} onChange={(e) => edit(i, { jsonOp: e.currentTarget.value as RuleDraft['jsonOp'] })}>
                    <option value="equals">equals</option>
                    <option value="exists">exists</option>
                    <option value="missing">is missing</option>
                    <option value="matches">matches a pattern</option>
                  </select>
                </div>
                {(d.jsonOp === 'equals' || d.jsonOp === 'matches') && (
                  <div class="field">
                    <label for={`${id}-value`}>{d.jsonOp === 'matches' ? 'Pattern (RE2)' : 'Value (JSON)'}</label>
                    <input id={`${id}-value`} type="text" size={10} value={d.jsonValue} placeholder='20 or "sms"' spellcheck={false} {...field(i, 'jsonValue').aria} onInput={(e) => edit(i, { jsonValue: e.currentTarget.value })} />
                    {field(i, 'jsonValue').error}
                  </div>
                )}
              </div>
              <div class="form-row">
                <div class="field">
                  <label for={`${id}-kind`}>Then</label>
                  <select id={`${id}-kind`} value={d.kind} onChange={(e) => edit(i, { kind: e.currentTarget.value as RuleDraft['kind'] })}>
                    <option value="respond">answer</option>
                    <option value="drop">close the connection, no answer</option>
                  </select>
                </div>
                {d.kind === 'respond' && (
                  <>
                    <div class="field">
                      <label for={`${id}-status`}>Status</label>
                      <input id={`${id}-status`} type="number" min={200} max={599} value={d.status} {...field(i, 'status').aria} onInput={(e) => edit(i, { status: e.currentTarget.value })} />
                      {field(i, 'status').error}
                    </div>
                    <div class="field">
                      <label for={`${id}-body`}>Body</label>
                      <input id={`${id}-body`} type="text" value={d.body} placeholder="empty" {...field(i, 'body').aria} onInput={(e) => edit(i, { body: e.currentTarget.value })} />
                      {field(i, 'body').error}
                    </div>
                    <div class="field">
                      <label for={`${id}-headers`}>Headers (Name: value per line)</label>
                      <textarea id={`${id}-headers`} rows={1} value={d.headers} spellcheck={false} {...field(i, 'headers').aria} onInput={(e) => edit(i, { headers: e.currentTarget.value })} />
                      {field(i, 'headers').error}
                    </div>
                  </>
                )}
                <div class="field">
                  <label for={`${id}-delay`}>After (ms)</label>
                  <input id={`${id}-delay`} type="number" min={0} max={60000} step={100} value={d.delayMs} {...field(i, 'delayMs').aria} onInput={(e) => edit(i, { delayMs: e.currentTarget.value })} />
                  {field(i, 'delayMs').error}
                </div>
                <div class="field">
                  <label for={`${id}-remaining`}>For the next N deliveries</label>
                  <input id={`${id}-remaining`} type="number" min={0} value={d.remaining} placeholder="always" {...field(i, 'remaining').aria} onInput={(e) => edit(i, { remaining: e.currentTarget.value })} />
                  {field(i, 'remaining').error}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <div class="save-row">
        <button type="button" onClick={() => setDrafts((list) => [...list, { ...blank }])}>
          Add rule
        </button>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save rules'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      <FormError message={problem?.message ?? null} />
    </form>
  );
}

/** "2 rules" / "2 rules, one with 1 delivery left" for the endpoint row. */
export function rulesSummary(rules: readonly Rule[]): string {
  if (rules.length === 0) return 'No response rules: every request is answered 200.';
  const active = rules.filter((r) => r.enabled && r.remaining !== 0).length;
  const counted = rules.filter((r) => r.enabled && r.remaining !== null && r.remaining > 0).map((r) => `${r.name || 'unnamed'}: ${r.remaining} left`);
  return `${rules.length} response rule${rules.length === 1 ? '' : 's'}, ${active} active${counted.length ? ` (${counted.join(', ')})` : ''}.`;
}
