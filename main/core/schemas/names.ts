// How an OpenAPI webhook is matched to the event names Hookbridge gives captured requests. Providers spell the
// same event differently in their specs and on the wire: GitHub's operationId "check-run/completed" is the
// request with X-GitHub-Event "check_run" and action "completed", which a pack names "check_run.completed".
// Both sides are normalised the same way: lower case, "-" → "_", "/" → ".".

export function normaliseEventName(name: string): string {
  return name.trim().toLowerCase().replace(/-/g, '_').replace(/\//g, '.');
}

/** The names a webhook may be captured under: its operationId's and its key's, normalised, without repeats. */
export function webhookNames(key: string, operationId: string | null): string[] {
  const names = [operationId, key].filter((n): n is string => typeof n === 'string' && n.trim() !== '').map(normaliseEventName);
  return [...new Set(names)];
}
