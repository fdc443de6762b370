// The explanation catalogues: every documented Soyio error_reason and LOX24 status / DLR code is explained in
// English and Spanish, says more than its own name, and is reachable through the shared lookup.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explain, explanationFor, explanationKeys, type CodeExplanation, type Language } from '../../../main/core/providers/explanations';
import { lox24DlrCodes, lox24DlrName, lox24StatusName, lox24Statuses } from '../../../main/core/providers/lox24/codes';
import { soyioErrorReasonExplanations, soyioErrorReasons } from '../../../main/core/providers/soyio/error-reasons';

// The shared seeds sit beside the repository (CI clones shared/ next to it): <repo>/../shared/seeds.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const soyioSeedPage = path.resolve(repoRoot, '../shared/seeds/soyio-events.txt');

const languages: readonly Language[] = ['en', 'es'];
const parts = ['title', 'cause', 'nextStep'] as const;

/** Words that carry no meaning of their own, in both languages. */
const stopWords = new Set(
  [
    // English
    'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'and', 'or', 'but', 'not', 'no', 'nor',
    'is', 'are', 'was', 'were', 'be', 'been', 'being', 'it', 'its', 'this', 'that', 'these', 'those', 'as', 'if', 'then',
    'than', 'so', 'do', 'does', 'did', 'has', 'have', 'had', 'can', 'could', 'may', 'might', 'will', 'would', 'should',
    'must', 'you', 'your', 'they', 'their', 'them', 'we', 'our', 'which', 'who', 'what', 'there', 'here', 'all', 'any',
    'some', 'such', 'only', 'also', 'just', 'very', 'too', 'yet', 'still',
    // Spanish
    'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'de', 'del', 'al', 'en', 'y', 'e', 'o', 'u', 'ni', 'que', 'se',
    'es', 'son', 'fue', 'ser', 'está', 'están', 'por', 'para', 'con', 'sin', 'su', 'sus', 'lo', 'le', 'les', 'me', 'te',
    'nos', 'mi', 'tu', 'tus', 'este', 'esta', 'estos', 'estas', 'ese', 'esa', 'eso', 'como', 'si', 'más', 'muy', 'ya',
    'pero', 'también', 'hay', 'ha', 'han', 'aún', 'todavía',
  ].map((word) => word.toLowerCase()),
);

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** The words of a code name: 'soyio.error_reason.document_has_expired' → soyio, error, reason, document, has, expired. */
function codeWordsOf(...names: string[]): Set<string> {
  return new Set(names.flatMap((name) => name.toLowerCase().split(/[_.\s]+/).filter((word) => word.length > 0)));
}

/** The words of a text that are neither stop words nor words of the code's own name. */
function meaningfulWords(text: string, codeWords: ReadonlySet<string>): string[] {
  return wordsOf(text).filter((word) => !stopWords.has(word) && !codeWords.has(word));
}

/** Why an explanation only restates its code; empty when it says something of its own. */
function restatementProblems(explanation: CodeExplanation, codeWords: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const language of languages) {
    for (const part of ['cause', 'nextStep'] as const) {
      const found = meaningfulWords(explanation[part][language], codeWords);
      if (found.length < 4) problems.push(`${part}.${language} has ${found.length} meaningful words (${found.join(', ') || 'none'}), needs 4`);
    }
    if (explanation.cause[language].trim() === explanation.nextStep[language].trim()) problems.push(`cause.${language} repeats nextStep.${language}`);
  }
  for (const part of parts) {
    if (explanation[part].en.trim() === explanation[part].es.trim()) problems.push(`${part} is the same in English and Spanish`);
  }
  return problems;
}

/** The error_reason values the seed page lists under "Tipos de errores", in order. */
function seedErrorReasons(): string[] {
  if (!existsSync(soyioSeedPage)) {
    throw new Error(`The Soyio seed page is missing at ${soyioSeedPage}: clone the shared/ folder beside the repository (the catalogue is checked against it).`);
  }
  const text = readFileSync(soyioSeedPage, 'utf8');
  const section = text.slice(text.indexOf('## Tipos de errores'));
  return [...section.matchAll(/^\s*\d+\.\s+`([a-z_]+)`\s*$/gm)].map((match) => match[1] ?? '');
}

const soyioCases = soyioErrorReasons.map((reason) => [reason, soyioErrorReasonExplanations[reason]] as const);
const lox24Cases = [
  ...Object.entries(lox24Statuses).map(([code, entry]) => [`lox24.status.${code}`, entry.name, entry] as const),
  ...Object.entries(lox24DlrCodes).map(([code, entry]) => [`lox24.dlr.${code}`, entry.name, entry] as const),
];
const allCases: (readonly [string, CodeExplanation, ReadonlySet<string>])[] = [
  ...soyioCases.map(([reason, entry]) => [`soyio.error_reason.${reason}`, entry, codeWordsOf(`soyio.error_reason.${reason}`)] as const),
  ...lox24Cases.map(([key, name, entry]) => [key, entry, codeWordsOf(key, name)] as const),
];

describe('Soyio error_reason catalogue', () => {
  it('lists exactly the 46 values of the seed page, in order, plus document_sides_mismatch', () => {
    const seed = seedErrorReasons();
    expect(seed).toHaveLength(46);
    expect([...soyioErrorReasons]).toEqual([...seed, 'document_sides_mismatch']);
    expect(Object.keys(soyioErrorReasonExplanations).sort()).toEqual([...soyioErrorReasons].sort());
  });

  it.each(soyioCases.flatMap(([reason, entry]) => languages.map((language) => [reason, language, entry] as const)))(
    'explains %s in %s with a title, a cause and a next step',
    (_reason, language, entry) => {
      for (const part of parts) expect(entry[part][language].trim(), part).not.toBe('');
    },
  );
});

describe('LOX24 code catalogues', () => {
  it('covers the documented statuses and DLR codes with their display names', () => {
    expect(Object.keys(lox24Statuses).map(Number)).toEqual([0, 5, 10, 20, 100]);
    expect(Object.keys(lox24DlrCodes).map(Number)).toEqual([0, 1, 2, 4, 8, 16]);
    expect([0, 5, 10, 20, 100].map(lox24StatusName)).toEqual(['New', 'In progress', 'Success', 'Failed', 'Error']);
    expect([0, 1, 2, 4, 8, 16].map(lox24DlrName)).toEqual(['None', 'Delivered', 'Queued', 'Submitted', 'Expired', 'Rejected']);
  });

  it.each([
    ['status', 42, 'unknown status 42'],
    ['status', -1, 'unknown status -1'],
    ['DLR', 3, 'unknown DLR code 3'],
  ] as const)('names an undocumented %s code %i "%s"', (kind, code, expected) => {
    expect((kind === 'status' ? lox24StatusName : lox24DlrName)(code)).toBe(expected);
  });

  it.each(lox24Cases.flatMap(([key, , entry]) => languages.map((language) => [key, language, entry] as const)))(
    'explains %s in %s with a title, a cause and a next step',
    (_key, language, entry) => {
      for (const part of parts) expect(entry[part][language].trim(), part).not.toBe('');
    },
  );
});

describe('every explanation says more than its code name', () => {
  it.each(allCases)('%s is not a restatement of its name, and differs per part and language', (_key, entry, codeWords) => {
    expect(restatementProblems(entry, codeWords)).toEqual([]);
  });

  it.each(allCases.flatMap(([key, entry]) => languages.map((language) => [key, language, entry] as const)))(
    '%s in %s is plain text: sentences end with a period, titles are short phrases',
    (_key, language, entry) => {
      for (const part of ['cause', 'nextStep'] as const) {
        expect(entry[part][language], part).toMatch(/\.$/);
        expect(entry[part][language], part).not.toMatch(/[<>]|&[a-z]+;/);
      }
      expect(entry.title[language]).not.toMatch(/[.<>]$/);
      expect(entry.title[language].length).toBeLessThanOrEqual(60);
    },
  );

  it('the checker rejects an explanation that only restates its code', () => {
    const restatement: CodeExplanation = {
      title: { en: 'document has expired', es: 'document has expired' },
      cause: { en: 'Document has expired.', es: 'Document has expired.' },
      nextStep: { en: 'Document has expired.', es: 'Document has expired.' },
    };
    const problems = restatementProblems(restatement, codeWordsOf('soyio.error_reason.document_has_expired'));
    expect(problems).toEqual(
      expect.arrayContaining([
        'cause.en has 0 meaningful words (none), needs 4',
        'nextStep.es has 0 meaningful words (none), needs 4',
        'cause.en repeats nextStep.en',
        'cause is the same in English and Spanish',
      ]),
    );
  });

  it('the checker counts only words outside the code name and the stop words', () => {
    const codeWords = codeWordsOf('soyio.error_reason.document_has_expired');
    expect(meaningfulWords('The document has expired.', codeWords)).toEqual([]);
    expect(meaningfulWords('El documento está vencido desde 2024.', codeWords)).toEqual(['documento', 'vencido', 'desde', '2024']);
    expect(meaningfulWords('DOCUMENT HAS EXPIRED: ask for a renewed card.', codeWords)).toEqual(['ask', 'renewed', 'card']);
  });
});

describe('lookup', () => {
  it.each([
    ['soyio.error_reason.document_has_expired', soyioErrorReasonExplanations.document_has_expired],
    ['lox24.status.20', lox24Statuses[20]],
    ['lox24.dlr.16', lox24DlrCodes[16]],
  ] as const)('explain(%s) joins the cause and the next step in the language asked', (key, entry) => {
    expect(explain(key, 'es')).toBe(`${entry.cause.es} ${entry.nextStep.es}`);
    expect(explain(key, 'en')).toBe(`${entry.cause.en} ${entry.nextStep.en}`);
    expect(explanationFor(key)).toEqual({ title: entry.title, cause: entry.cause, nextStep: entry.nextStep });
  });

  it.each(['soyio.error_reason.not_a_reason', 'lox24.status.3', 'lox24.dlr.99', 'document_has_expired', '', 'soyio.error_reason.__proto__', 'soyio.error_reason.toString'])(
    'explains nothing for the unknown key "%s"',
    (key) => {
      expect(explain(key, 'en')).toBeNull();
      expect(explain(key, 'es')).toBeNull();
      expect(explanationFor(key)).toBeUndefined();
    },
  );

  it('lists every catalogue key once: 47 Soyio reasons, 5 LOX24 statuses, 6 DLR codes, and the provider packs’ codes', () => {
    expect(explanationKeys).toEqual(expect.arrayContaining(['soyio.error_reason.document_has_expired', 'lox24.status.20', 'lox24.dlr.16', 'twilio.error.30003']));
    const packKeys = explanationKeys.filter((key) => !key.startsWith('soyio.') && !key.startsWith('lox24.'));
    expect(packKeys.length).toBeGreaterThanOrEqual(16);
    expect(explanationKeys).toHaveLength(47 + 5 + 6 + packKeys.length);
    expect(new Set(explanationKeys).size).toBe(explanationKeys.length);
    expect(explanationKeys.filter((key) => !packKeys.includes(key)).sort()).toEqual(allCases.map(([key]) => key).sort());
  });
});
