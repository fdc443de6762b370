// Event-name globs: the same answers as the obvious regular expression, without its worst case.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatches } from '../../main/core/json-path';

/** The reference: * as .*, everything else literal. */
const byRegExp = (glob: string, text: string): boolean =>
  new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's').test(text);

describe('globMatches', () => {
  it('answers like the regular expression on names made of a few letters, dots and stars', () => {
    const name = fc.stringMatching(/^[ab.]{0,12}$/);
    const glob = fc.stringMatching(/^[ab.*]{0,8}$/);
    fc.assert(fc.property(glob, name, (g, t) => globMatches(g, t) === byRegExp(g, t)), { numRuns: 5_000 });
  });

  it('matches the documented cases', () => {
    expect(globMatches('verify_code.*', 'verify_code.channel.failed')).toBe(true);
    expect(globMatches('*.payment_failed', 'invoice.payment_failed')).toBe(true);
    expect(globMatches('*.payment_failed', 'invoice.payment_failed.extra')).toBe(false);
    expect(globMatches('orders/*', 'orders/create')).toBe(true);
    expect(globMatches('*', '')).toBe(true);
    expect(globMatches('', '')).toBe(true);
    expect(globMatches('a', '')).toBe(false);
  });

  it('answers a glob built to make backtracking explode, on a 200-character name, with a bounded number of steps', () => {
    // "*a*a*…*a*b" against "aaaa…": a backtracking regex tries combinations of every star; the walk does not.
    const glob = `${'*a'.repeat(30)}*b`;
    const text = 'a'.repeat(200);
    expect(globMatches(glob, text)).toBe(false);
    expect(globMatches(glob, `${text}b`)).toBe(true);
  });
});
