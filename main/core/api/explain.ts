// An event's explanation in the user's language: the store keeps the catalogue key the provider chose, and the
// API words it on the way out, so changing the language needs no rewrite of stored rows.
import type { EventDetail } from '../model';
import { explanationFor, type Language } from '../providers/explanations';
import type { StoredEvent } from '../store/requests';

export function explained({ explanationKey: key, ...event }: StoredEvent, language: Language): EventDetail {
  const known = key ? explanationFor(key) : undefined;
  const explanation = key && known ? { key, title: known.title[language], text: `${known.cause[language]} ${known.nextStep[language]}` } : null;
  return { ...event, explanation };
}
