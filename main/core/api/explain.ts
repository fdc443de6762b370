// An event as the API hands it out: its explanation worded in the user's language (the store keeps the catalogue
// key the provider chose, so changing the language needs no rewrite of stored rows), and the facts its provider
// reads from the body.
import type { EventDetail, EventFact } from '../model';
import { factsOf } from '../providers';
import { explanationFor, type Language } from '../providers/explanations';
import type { StoredEvent } from '../store/requests';

export function explained({ explanationKey: key, ...event }: StoredEvent, language: Language): EventDetail {
  const known = key ? explanationFor(key) : undefined;
  const explanation = key && known ? { key, title: known.title[language], text: `${known.cause[language]} ${known.nextStep[language]}` } : null;
  return { ...event, explanation, facts: facts(event) };
}

/** Read from the body as stored; a body that is not JSON text has none. */
function facts(event: Omit<StoredEvent, 'explanationKey'>): EventFact[] {
  if (event.bodyEncoding !== 'utf8') return [];
  return factsOf(event.provider, () => {
    try {
      return JSON.parse(event.body.charCodeAt(0) === 0xfeff ? event.body.slice(1) : event.body);
    } catch {
      return undefined;
    }
  });
}
