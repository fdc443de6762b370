// An endpoint's alert rules: what counts as a failure beyond what the provider says. Tried in order; the first
// enabled rule that matches decides — notify (alert as a failure) or never (quiet, even when it failed).
// Saved together (updateEndpoint({ alertRules })); a refused field shows its message under it.
import type { Client, PublicEndpoint } from '../client';
import { useRuleList } from '../use-rule-list';
import { FormError } from './FormError';
import { blankMatch, matchDraftOf, matchInput, matchPaths, MatchFields, type MatchDraft, type MatchField } from './MatchFields';

type AlertRule = PublicEndpoint['alertRules'][number];

interface AlertRuleDraft extends MatchDraft {
  id?: string;
  name: string;
  enabled: boolean;
  action: AlertRule['action'];
}

const blank: AlertRuleDraft = { name: '', enabled: true, action: 'notify', ...blankMatch };

const pathOf = (index: number, field: MatchField | 'name'): string => `alertRules.${index}.${field === 'name' ? 'name' : matchPaths[field]}`;

/** "2 alert rules, 1 active" for the endpoint row. */
export function alertRulesSummary(rules: readonly AlertRule[]): string {
  if (rules.length === 0) return 'No alert rules: failures are what the provider reports.';
  const active = rules.filter((rule) => rule.enabled).length;
  return `${rules.length} alert rule${rules.length === 1 ? '' : 's'}, ${active} active.`;
}

export function AlertRulesEditor({ client, endpoint, onSaved, onClose }: { client: Client; endpoint: PublicEndpoint; onSaved(endpoint: PublicEndpoint): void; onClose(): void }) {
  const list = useRuleList<AlertRuleDraft>(
    () => endpoint.alertRules.map((rule) => ({ id: rule.id, name: rule.name, enabled: rule.enabled, action: rule.action, ...matchDraftOf(rule.match) })),
    async (drafts) => {
      const alertRules = drafts.map((d, i) => ({
        ...(d.id ? { id: d.id } : {}),
        name: d.name,
        enabled: d.enabled,
        action: d.action,
        match: matchInput(d, `Alert rule ${i + 1}`, (name) => pathOf(i, name)),
      }));
      onSaved(await client.api.updateEndpoint({ id: endpoint.id, alertRules }));
      onClose();
    },
  );
  const { drafts, problem, busy, edit } = list;
  const ids = `alert-rules-${endpoint.id}`;
  const field = (index: number, name: MatchField | 'name') => list.field(pathOf(index, name), `${ids}-${index}-${name}`);

  return (
    <form class="rules-editor" aria-label={`Alert rules of ${endpoint.name}`} onSubmit={(e) => void list.submit(e)} noValidate>
      <p class="field-hint">
        What counts as a failure besides what the provider reports: the first enabled rule that matches decides. Notify alerts like a failure (masked,
        coalesced in bursts); never keeps the event quiet even when it failed.
      </p>
      {drafts.length === 0 && <p class="hint">No alert rules.</p>}
      <ol class="rules">
        {drafts.map((d, i) => {
          const id = `${ids}-${i}`;
          return (
            <li key={d.id ?? `new-${i}`} class="rule" aria-label={`Alert rule ${i + 1}`}>
              <div class="form-row">
                <div class="field">
                  <label for={`${id}-name`}>Name</label>
                  <input id={`${id}-name`} type="text" value={d.name} placeholder="e.g. payment failed" {...field(i, 'name').aria} onInput={(e) => edit(i, { name: e.currentTarget.value })} />
                  {field(i, 'name').error}
                </div>
                <div class="field">
                  <label for={`${id}-action`}>Then</label>
                  <select id={`${id}-action`} value={d.action} onChange={(e) => edit(i, { action: e.currentTarget.value as AlertRule['action'] })}>
                    <option value="notify">notify as a failure</option>
                    <option value="never">never notify</option>
                  </select>
                </div>
                <div class="field check">
                  <label>
                    <input type="checkbox" checked={d.enabled} onChange={(e) => edit(i, { enabled: e.currentTarget.checked })} /> Enabled
                  </label>
                </div>
                <span class="spacer" />
                <button type="button" class="danger" onClick={() => list.remove(i)}>
                  Remove
                </button>
              </div>
              <MatchFields id={id} draft={d} onEdit={(patch) => edit(i, patch)} field={(name) => field(i, name)} />
            </li>
          );
        })}
      </ol>
      <div class="save-row">
        <button type="button" onClick={() => list.add({ ...blank })}>
          Add alert rule
        </button>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save alert rules'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      <FormError message={problem?.message ?? null} />
    </form>
  );
}
