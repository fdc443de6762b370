// An event as the API hands it out: its explanation worded in the user's language (the store keeps the catalogue
// key the provider chose, so changing the language needs no rewrite of stored rows), the facts its provider
// reads from the body, and a form, multipart or XML body as a person reads it.
import { readXml, type StoredReadable } from '../bodies';
import type { EventDetail, EventFact, ReadableBody } from '../model';
import { factsOf } from '../providers';
import { explanationFor, type Language } from '../providers/explanations';
import type { StoredEvent } from '../store/requests';

export function explained({ explanationKey: key, readable, ...event }: StoredEvent, language: Language): EventDetail {
  const known = key ? explanationFor(key) : undefined;
  const explanation = key && known ? { key, title: known.title[language], text: `${known.cause[language]} ${known.nextStep[language]}` } : null;
  return { ...event, explanation, facts: facts(event), readable: presented(readable, event) };
}

/** The stored reading, with an XML body's tree and indented text rebuilt from the body (they are not stored). */
function presented(readable: StoredReadable | null, event: Pick<StoredEvent, 'body' | 'bodyEncoding'>): ReadableBody | null {
  if (!readable) return null;
  if (readable.kind !== 'xml') return readable;
  if (readable.problem && event.bodyEncoding !== 'utf8') return { kind: 'xml', pretty: null, tree: null, problem: readable.problem };
  const { pretty, tree, problem } = readXml(event.body);
  return { kind: 'xml', pretty, tree, problem };
}

/** Read from the body as stored; a body that is not JSON text has none. */
function facts(event: Omit<StoredEvent, 'explanationKey' | 'readable'>): EventFact[] {
  if (event.bodyEncoding !== 'utf8') return [];
  return factsOf(event.provider, () => {
    try {
      return JSON.parse(event.body.charCodeAt(0) === 0xfeff ? event.body.slice(1) : event.body);
    } catch {
      return undefined;
    }
  });
}
