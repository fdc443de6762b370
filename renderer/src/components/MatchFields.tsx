// The "when" of a rule, shared by response rules and alert rules: the event name (a glob), the provider, the
// method, and a JSON path that equals a value, exists, is missing, or matches an RE2 pattern. The draft holds
// text; matchInput turns it into the contract's shape, or refuses with the field named.
import type { JSX } from 'preact';
import type { InputOf } from '../../../main/core/api/contract';
import { fieldInvalid } from '../problem';
import { useProviders } from '../providers';

export interface MatchDraft {
  event: string;
  /** A provider pack's id; '' for any. */
  provider: string;
  method: string;
  jsonPath: string;
  jsonOp: 'equals' | 'exists' | 'missing' | 'matches';
  /** The JSON to compare with (equals), or the RE2 pattern (matches). */
  jsonValue: string;
}

export const blankMatch: MatchDraft = { event: '', provider: '', method: '', jsonPath: '', jsonOp: 'equals', jsonValue: '' };

type MatchInput = NonNullable<NonNullable<InputOf<'updateEndpoint'>['rules']>[number]['match']>;
type Match = { event?: string; provider?: MatchDraft['provider'] | undefined; method?: string; json?: { path: string; op: MatchDraft['jsonOp']; value?: unknown; pattern?: string } };

export function matchDraftOf(match: Match): MatchDraft {
  const json = match.json;
  return {
    event: match.event ?? '',
    provider: match.provider ?? '',
    method: match.method ?? '',
    jsonPath: json?.path ?? '',
    jsonOp: json?.op ?? 'equals',
    jsonValue: json?.op === 'matches' ? (json.pattern ?? '') : json && json.value !== undefined ? JSON.stringify(json.value) : '',
  };
}

/** Where each match field sits in a rule of the contract's input, for the refusal shown under it. */
export const matchPaths = {
  event: 'match.event',
  method: 'match.method',
  jsonPath: 'match.json.path',
  jsonValue: 'match.json.value',
  jsonPattern: 'match.json.pattern',
} as const;
export type MatchField = keyof typeof matchPaths;

/** The contract's match; `where` names the rule in a message ("Rule 2"), `pathOf` a field's path in the input. */
export function matchInput(draft: MatchDraft, where: string, pathOf: (field: MatchField) => string): MatchInput {
  let value: unknown;
  if (draft.jsonPath.trim() && draft.jsonOp === 'equals') {
    try {
      value = JSON.parse(draft.jsonValue);
    } catch {
      throw fieldInvalid(pathOf('jsonValue'), `${where}: the value to compare must be JSON, e.g. 20, "telegram" or true.`);
    }
  }
  return {
    ...(draft.event.trim() ? { event: draft.event.trim() } : {}),
    ...(draft.provider ? { provider: draft.provider } : {}),
    ...(draft.method.trim() ? { method: draft.method.trim() } : {}),
    ...(draft.jsonPath.trim()
      ? { json: { path: draft.jsonPath.trim(), op: draft.jsonOp, ...(draft.jsonOp === 'equals' ? { value } : {}), ...(draft.jsonOp === 'matches' ? { pattern: draft.jsonValue } : {}) } }
      : {}),
  };
}

export interface MatchFieldsProps {
  id: string;
  draft: MatchDraft;
  onEdit(patch: Partial<MatchDraft>): void;
  /** A field's aria props and its message, from the last refusal. */
  field(name: MatchField): { aria: object; error: JSX.Element };
}

export function MatchFields({ id, draft, onEdit, field }: MatchFieldsProps) {
  const choices = useProviders();
  // One input holds the value or the pattern: the engine names whichever the condition uses.
  const valueField: MatchField = draft.jsonOp === 'matches' ? 'jsonPattern' : 'jsonValue';
  return (
      <div class="form-row">
        <div class="field">
          <label for={`${id}-event`}>When the event is</label>
          <input id={`${id}-event`} type="text" value={draft.event} placeholder="any (glob: verify_code.*)" {...field('event').aria} onInput={(e) => onEdit({ event: e.currentTarget.value })} />
          {field('event').error}
        </div>
        <div class="field">
          <label for={`${id}-provider`}>Provider</label>
          <select id={`${id}-provider`} value={draft.provider} onChange={(e) => onEdit({ provider: e.currentTarget.value as MatchDraft['provider'] })}>
            <option value="">any</option>
            {choices.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            <option value="generic">other</option>
          </select>
        </div>
        <div class="field">
          <label for={`${id}-method`}>Method</label>
          <input id={`${id}-method`} type="text" size={6} value={draft.method} placeholder="any" {...field('method').aria} onInput={(e) => onEdit({ method: e.currentTarget.value })} />
          {field('method').error}
        </div>
        <div class="field">
          <label for={`${id}-path`}>JSON path</label>
          <input id={`${id}-path`} type="text" value={draft.jsonPath} placeholder="$.data.channel.status" spellcheck={false} {...field('jsonPath').aria} onInput={(e) => onEdit({ jsonPath: e.currentTarget.value })} />
          {field('jsonPath').error}
        </div>
        <div class="field">
          <label for={`${id}-op`}>Condition</label>
          <select id={`${id}-op`} value={draft.jsonOp} onChange={(e) => onEdit({ jsonOp: e.currentTarget.value as MatchDraft['jsonOp'] })}>
            <option value="equals">equals</option>
            <option value="exists">exists</option>
            <option value="missing">is missing</option>
            <option value="matches">matches a pattern</option>
          </select>
        </div>
        {(draft.jsonOp === 'equals' || draft.jsonOp === 'matches') && (
          <div class="field">
            <label for={`${id}-value`}>{draft.jsonOp === 'matches' ? 'Pattern (RE2)' : 'Value (JSON)'}</label>
            <input id={`${id}-value`} type="text" size={10} value={draft.jsonValue} placeholder='20 or "sms"' spellcheck={false} {...field(valueField).aria} onInput={(e) => onEdit({ jsonValue: e.currentTarget.value })} />
            {field(valueField).error}
          </div>
        )}
      </div>
  );
}
