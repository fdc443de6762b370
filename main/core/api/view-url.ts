// The address of a view of the window: which page, which filters, which event is open. The renderer keeps its
// address bar in this form (so a view can be reloaded or shared, never with the token), and the desktop shell
// opens views with it (a notification opens its event, the tray the failed-only feed). One pure module, shared
// by both, so the two can never disagree about a parameter's name.
// Types only from the model: the renderer bundle must not pull in zod for this.
import type { EventFilter, Severity } from '../model';

const severities = ['failed', 'error', 'ok', 'info'] as const satisfies readonly Severity[];
/** A provider pack's id (model's providerIdPattern, restated: the renderer must not pull in the model's zod). */
const providerId = /^[a-z][a-z0-9-]{0,39}$/;
// A severity added to the model but not here is a type error, not a filter a link silently drops.
type Unlisted = Exclude<Severity, (typeof severities)[number]>;
const everyValueListed: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;
void everyValueListed;

export const views = ['feed', 'timeline', 'endpoints', 'settings'] as const;
export type View = (typeof views)[number];

export interface ViewState {
  filter: EventFilter;
  /** The event open in the inspector. */
  selected: string | null;
  view: View;
}

/** Filter fields carried as plain text, and their parameter names. */
const textParams = [
  ['q', 'text'],
  ['key', 'correlationKey'],
  ['name', 'name'],
  ['endpoint', 'endpointId'],
] as const;

/** The query string of a view ("" for the plain feed), to append to the page's path. */
export function viewQuery(state: Partial<ViewState>): string {
  const p = new URLSearchParams();
  const f = state.filter ?? {};
  if (f.severity?.length) p.set('severity', f.severity.join(','));
  if (f.provider) p.set('provider', f.provider);
  for (const [param, key] of textParams) {
    const value = f[key];
    if (value) p.set(param, value);
  }
  if (f.from) p.set('from', String(f.from));
  if (f.to) p.set('to', String(f.to));
  if (state.selected) p.set('event', state.selected);
  if (state.view && state.view !== 'feed') p.set('view', state.view);
  const query = p.toString();
  return query ? `?${query}` : '';
}

/** The view a query string asks for; values it does not know are left out, never guessed. */
export function readViewQuery(search: string): ViewState {
  const p = new URLSearchParams(search);
  const filter: EventFilter = {};
  const severity = (p.get('severity') ?? '').split(',').flatMap((s) => severities.filter((known) => known === s));
  if (severity.length > 0) filter.severity = severity;
  const provider = p.get('provider');
  if (provider && providerId.test(provider)) filter.provider = provider;
  for (const [param, key] of textParams) {
    const value = p.get(param);
    if (value) filter[key] = value;
  }
  const from = Number(p.get('from'));
  const to = Number(p.get('to'));
  if (Number.isSafeInteger(from) && from > 0) filter.from = from;
  if (Number.isSafeInteger(to) && to > 0) filter.to = to;
  const view = views.find((v) => v === p.get('view')) ?? 'feed';
  return { filter, selected: p.get('event') || null, view };
}
