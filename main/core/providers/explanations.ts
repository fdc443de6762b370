// Plain-words explanations of provider codes, in English and Spanish: one lookup over the Soyio error_reason
// catalogue and the LOX24 status and DLR catalogues, keyed 'soyio.error_reason.<value>', 'lox24.status.<n>',
// 'lox24.dlr.<n>'. The texts themselves live beside each provider.
import { lox24DlrCodes, lox24Statuses } from './lox24/codes';
import { soyioErrorReasonExplanations } from './soyio/error-reasons';
import { packs } from './packs';
import { userPacks } from './packs/user';
import type { CodeExplanation, Language } from './types';

export type { CodeExplanation, Language, Localized } from './types';

function entriesOf(prefix: string, catalogue: Readonly<Record<string | number, CodeExplanation>>): [string, CodeExplanation][] {
  return Object.entries(catalogue).map(([code, { title, cause, nextStep }]) => [`${prefix}.${code}`, { title, cause, nextStep }]);
}

const catalogue: ReadonlyMap<string, CodeExplanation> = new Map([
  ...entriesOf('soyio.error_reason', soyioErrorReasonExplanations),
  ...entriesOf('lox24.status', lox24Statuses),
  ...entriesOf('lox24.dlr', lox24DlrCodes),
  // Provider packs explain in English; a Spanish window shows the English text until a pack carries both.
  ...packs.flatMap((pack) =>
    pack.explain
      ? Object.entries(pack.explain.codes).map(([code, { title, cause, nextStep }]): [string, CodeExplanation] => [
          `${pack.id}.${pack.explain?.name}.${code}`,
          { title: { en: title, es: title }, cause: { en: cause, es: cause }, nextStep: { en: nextStep, es: nextStep } },
        ])
      : [],
  ),
]);

/** Keys look like 'soyio.error_reason.document_has_expired', 'lox24.status.20', 'lox24.dlr.16'. */
export function explanationFor(key: string): CodeExplanation | undefined {
  return catalogue.get(key) ?? userPackExplanation(key);
}

/** A user pack's code, explained in its own (English) words. */
function userPackExplanation(key: string): CodeExplanation | undefined {
  for (const pack of userPacks()) {
    const prefix = pack.explain ? `${pack.id}.${pack.explain.name}.` : null;
    if (!prefix || !key.startsWith(prefix)) continue;
    const entry = pack.explain?.codes[key.slice(prefix.length)];
    if (entry) return { title: { en: entry.title, es: entry.title }, cause: { en: entry.cause, es: entry.cause }, nextStep: { en: entry.nextStep, es: entry.nextStep } };
  }
  return undefined;
}

/** cause + ' ' + nextStep in the language, or null for an unknown key. */
export function explain(key: string, language: Language): string | null {
  const explanation = explanationFor(key);
  return explanation ? `${explanation.cause[language]} ${explanation.nextStep[language]}` : null;
}

/** Every key in the catalogues. */
export const explanationKeys: readonly string[] = Object.freeze([...catalogue.keys()]);
