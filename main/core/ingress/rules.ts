// Response rules: per endpoint, tried in order; the first enabled rule that matches answers instead of the
// default 200 (and instead of the forward mode). "For the next N deliveries" counts down here, in memory and
// synchronously, so two requests arriving together cannot both take the last one; the store keeps the count.
import { globMatches, readJsonPath, sameJson } from '../json-path';
import type { AlertRule, AlertRuleHit, ResponseRule, RuleMatch } from '../model';
import { patternFinds } from '../pattern';

export interface RuleSubject {
  method: string;
  provider: string;
  name: string | null;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

export function ruleMatches(match: RuleMatch, subject: RuleSubject): boolean {
  if (match.method && match.method !== subject.method.toUpperCase()) return false;
  if (match.provider && match.provider !== subject.provider) return false;
  if (match.event && (subject.name === null || !globMatches(match.event, subject.name))) return false;
  if (match.json) {
    const value = subject.json === undefined ? undefined : readJsonPath(subject.json, match.json.path);
    if (match.json.op === 'exists' && value === undefined) return false;
    if (match.json.op === 'missing' && value !== undefined) return false;
    if (match.json.op === 'equals' && (value === undefined || !sameJson(value, match.json.value))) return false;
    if (match.json.op === 'matches' && !matchesPattern(value, match.json.pattern ?? '')) return false;
  }
  return true;
}

/** A string, number or boolean at the path, as text, found by the RE2 pattern (linear time, whatever the body). */
function matchesPattern(value: unknown, pattern: string): boolean {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
  return patternFinds(pattern, String(value));
}

/** The endpoint's first enabled alert rule that matches this request, or null. */
export function pickAlertRule(rules: readonly AlertRule[], subject: RuleSubject): AlertRuleHit | null {
  const rule = rules.find((candidate) => candidate.enabled && ruleMatches(candidate.match, subject));
  return rule ? { ruleId: rule.id, name: rule.name, action: rule.action } : null;
}

/**
 * The rule that answers this request, with its counter already taken (`remaining` lowered on the rule
 * object itself), or null. `giveBack` returns the count when the request could not be stored.
 */
export interface PickedRule {
  rule: ResponseRule;
  /** The rule has a "next N deliveries" counter, and this request took one. */
  counted: boolean;
  giveBack(): void;
}

export function pickRule(rules: ResponseRule[], subject: RuleSubject): PickedRule | null {
  for (const rule of rules) {
    if (!rule.enabled || rule.remaining === 0 || !ruleMatches(rule.match, subject)) continue;
    const counted = rule.remaining !== null;
    if (counted) rule.remaining = (rule.remaining as number) - 1;
    return {
      rule,
      counted,
      giveBack: () => {
        if (counted) rule.remaining = (rule.remaining as number) + 1;
      },
    };
  }
  return null;
}
