// Plain-words explanations of provider codes, in English and Spanish: one lookup over the Soyio error_reason
// catalogue and the LOX24 status and DLR catalogues, keyed 'soyio.error_reason.<value>', 'lox24.status.<n>',
// 'lox24.dlr.<n>'. The texts themselves live beside each provider.
import { lox24DlrCodes, lox24Statuses } from './lox24/codes';
import { soyioErrorReasonExplanations } from './soyio/error-reasons';
import type { CodeExplanation, Language } from './types';

export type { CodeExplanation, Language, Localized } from './types';

function entriesOf(prefix: string, catalogue: Readonly<Record<string | number, CodeExplanation>>): [string, CodeExplanation][] {
  return Object.entries(catalogue).map(([code, { title, cause, nextStep }]) => [`${prefix}.${code}`, { title, cause, nextStep }]);
}

const catalogue: ReadonlyMap<string, CodeExplanation> = new Map([
  ...entriesOf('soyio.error_reason', soyioErrorReasonExplanations),
  ...entriesOf('lox24.status', lox24Statuses),
  ...entriesOf('lox24.dlr', lox24DlrCodes),
]);

/** Keys look like 'soyio.error_reason.document_has_expired', 'lox24.status.20', 'lox24.dlr.16'. */
export function explanationFor(key: string): CodeExplanation | undefined {
  return catalogue.get(key);
}

/** cause + ' ' + nextStep in the language, or null for an unknown key. */
export function explain(key: string, language: Language): string | null {
  const explanation = catalogue.get(key);
  return explanation ? `${explanation.cause[language]} ${explanation.nextStep[language]}` : null;
}

/** Every key in the catalogues. */
export const explanationKeys: readonly string[] = Object.freeze([...catalogue.keys()]);
