// An endpoint's response rules: what Hookbridge answers instead of 200, to watch a provider retry or time out.
// Rules are edited as a list and saved together (updateEndpoint({ rules })); the API's message says what is wrong.
import type { Client, PublicEndpoint } from '../client';
import { FormError } from './FormError';
import { blankMatch, matchDraftOf, matchInput, matchPaths, MatchFields, type MatchDraft } from './MatchFields';
import { fieldInvalid } from '../problem';
import { useRuleList } from '../use-rule-list';
import type { InputOf } from '../../../main/core/api/contract';

type Rule = PublicEndpoint['rules'][number];

/** One rule as the form holds it: text fields, turned into the API's shape on save. */
interface RuleDraft extends MatchDraft {
  id?: string;
  name: string;
  enabled: boolean;
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
  ...blankMatch,
  kind: 'respond',
  status: '500',
  body: '',
  headers: '',
  delayMs: '0',
  remaining: '',
};

function draftOf(rule: Rule): RuleDraft {
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    ...matchDraftOf(rule.match),
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
  ...matchPaths,
  status: 'action.status',
  body: 'action.body',
  headers: 'action.headers',
  delayMs: 'action.delayMs',
  remaining: 'remaining',
} as const;
type Checked = keyof typeof inputPaths;
/** The fields read as whole numbers. */
type NumberField = 'status' | 'delayMs' | 'remaining';

const pathOf = (index: number, field: Checked): string => `rules.${index}.${inputPaths[field]}`;

function wholeNumber(draft: RuleDraft, index: number, field: NumberField, what: string): number {
  const text = draft[field].trim();
  const n = Number(text);
  if (text === '' || !Number.isInteger(n)) throw fieldInvalid(pathOf(index, field), `Rule ${index + 1}, ${what}: enter a whole number.`);
  return n;
}

/** One rule as the contract's updateEndpoint input takes it; throws for what cannot even be sent (the API checks the rest). */
type RuleInput = NonNullable<InputOf<'updateEndpoint'>['rules']>[number];

function inputOf(draft: RuleDraft, index: number): RuleInput {
  const where = `Rule ${index + 1}`;
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
    match: matchInput(draft, where, (field) => pathOf(index, field)),
    action:
      draft.kind === 'drop'
        ? { kind: 'drop', delayMs: wholeNumber(draft, index, 'delayMs', 'delay') }
        : { kind: 'respond', status: wholeNumber(draft, index, 'status', 'status'), headers, body: draft.body, delayMs: wholeNumber(draft, index, 'delayMs', 'delay') },
    remaining: draft.remaining.trim() === '' ? null : wholeNumber(draft, index, 'remaining', '"next N deliveries"'),
  };
}

export function RulesEditor({ client, endpoint, onSaved, onClose }: { client: Client; endpoint: PublicEndpoint; onSaved(endpoint: PublicEndpoint): void; onClose(): void }) {
  const list = useRuleList(
    () => endpoint.rules.map(draftOf),
    async (drafts) => {
      const rules = drafts.map(inputOf);
      onSaved(await client.api.updateEndpoint({ id: endpoint.id, rules }));
      onClose();
    },
  );
  const { drafts, problem, busy, edit, move } = list;
  const ids = `rules-${endpoint.id}`;
  /** A rule field's aria props and its message, from the last refusal. */
  const field = (index: number, name: Checked) => list.field(pathOf(index, name), `${ids}-${index}-${name}`);

  return (
    <form class="rules-editor" aria-label={`Response rules of ${endpoint.name}`} onSubmit={(e) => void list.submit(e)} noValidate>
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
                <button type="button" class="danger" onClick={() => list.remove(i)}>
                  Remove
                </button>
              </div>
              <MatchFields id={id} draft={d} onEdit={(patch) => edit(i, patch)} field={(name) => field(i, name)} />
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
        <button type="button" onClick={() => list.add({ ...blank })}>
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
