import { describe, expect, it } from 'vitest';
import { compareBytes, compareText, diffHeaders, diffJson, maxDiffEntries, previewJson, type DiffEntry } from '../../main/core/diff';

/** A value nested `depth` levels deep ({ next: { next: … { leaf } } }), built without recursion. */
function deep(depth: number, leaf: unknown): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
}

const cases: { name: string; before: unknown; after: unknown; entries: DiffEntry[] }[] = [
  { name: 'identical bodies have no differences', before: { a: 1, b: [1, { c: 'x' }] }, after: { a: 1, b: [1, { c: 'x' }] }, entries: [] },
  { name: 'key order does not count as a difference', before: { a: 1, b: 2 }, after: { b: 2, a: 1 }, entries: [] },
  {
    name: 'a nested value that changed is reported at its full path',
    before: { data: { channel: { channel: 'telegram', status: 20 } } },
    after: { data: { channel: { channel: 'voice', status: 20 } } },
    entries: [{ path: '$.data.channel.channel', kind: 'changed', before: 'telegram', after: 'voice' }],
  },
  {
    name: 'keys only the second body has are added, keys only the first has are removed',
    before: { keep: 1, gone: 'x' },
    after: { keep: 1, fresh: { y: 2 } },
    entries: [
      { path: '$.gone', kind: 'removed', before: 'x' },
      { path: '$.fresh', kind: 'added', after: { y: 2 } },
    ],
  },
  {
    name: 'a longer array lists its extra items as added',
    before: { list: [1, 2] },
    after: { list: [1, 2, 3, 4] },
    entries: [
      { path: '$.list[2]', kind: 'added', after: 3 },
      { path: '$.list[3]', kind: 'added', after: 4 },
    ],
  },
  {
    name: 'a shorter array lists its missing items as removed',
    before: [{ a: 1 }, 'b'],
    after: [{ a: 2 }],
    entries: [
      { path: '$[0].a', kind: 'changed', before: 1, after: 2 },
      { path: '$[1]', kind: 'removed', before: 'b' },
    ],
  },
  {
    name: 'a value whose type changed is one entry, not one per child',
    before: { channel: { id: 1, status: 20 }, list: [1, 2], n: 1 },
    after: { channel: 'telegram', list: { 0: 1 }, n: '1' },
    entries: [
      { path: '$.channel', kind: 'changed', before: { id: 1, status: 20 }, after: 'telegram' },
      { path: '$.list', kind: 'changed', before: [1, 2], after: { 0: 1 } },
      { path: '$.n', kind: 'changed', before: 1, after: '1' },
    ],
  },
  {
    name: 'null versus an object is a change of type',
    before: { delivered_channel: null },
    after: { delivered_channel: { name: 'sms' } },
    entries: [{ path: '$.delivered_channel', kind: 'changed', before: null, after: { name: 'sms' } }],
  },
  {
    name: 'different scalar roots are one change at $',
    before: 'a',
    after: 'b',
    entries: [{ path: '$', kind: 'changed', before: 'a', after: 'b' }],
  },
  {
    name: 'keys that are not identifiers are quoted like the JSON tree does',
    before: { 'odd key': 1, 'x-y': { '': true } },
    after: { 'odd key': 2, 'x-y': { '': false } },
    entries: [
      { path: '$["odd key"]', kind: 'changed', before: 1, after: 2 },
      { path: '$["x-y"][""]', kind: 'changed', before: true, after: false },
    ],
  },
];

describe('diffJson', () => {
  it.each(cases)('$name', ({ before, after, entries }) => {
    expect(diffJson(before, after)).toEqual({ entries, truncated: false });
  });

  it('compares bodies nested 10,000 levels deep without overflowing the stack', () => {
    // Parsed from text, as bodies are (JSON.stringify itself cannot write this depth).
    const before = JSON.parse(`${'{"next":'.repeat(10_000)}{"leaf":"old"}${'}'.repeat(10_000)}`) as unknown;
    const after = deep(10_000, { leaf: 'new' });
    const result = diffJson(before, after);
    expect(result.truncated).toBe(false);
    expect(result.entries).toHaveLength(1);
    const [entry] = result.entries;
    expect(entry?.path).toBe(`$${'.next'.repeat(10_000)}.leaf`);
    expect(entry).toMatchObject({ kind: 'changed', before: 'old', after: 'new' });
    expect(diffJson(deep(10_000, 1), deep(10_000, 1))).toEqual({ entries: [], truncated: false });
  });

  it('treats a "__proto__" key in the payload as data, and never reads inherited properties', () => {
    const before = JSON.parse('{"__proto__":{"admin":false},"constructor":1,"a":{}}') as unknown;
    const after = JSON.parse('{"__proto__":{"admin":true},"toString":"x","a":{"hasOwnProperty":1}}') as unknown;
    expect(diffJson(before, after)).toEqual({
      entries: [
        { path: '$.__proto__.admin', kind: 'changed', before: false, after: true },
        { path: '$.constructor', kind: 'removed', before: 1 },
        { path: '$.a.hasOwnProperty', kind: 'added', after: 1 },
        { path: '$.toString', kind: 'added', after: 'x' },
      ],
      truncated: false,
    });
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });

  it(`stops after ${maxDiffEntries.toLocaleString('en')} differences and says the list is truncated`, () => {
    const before = { items: Array.from({ length: 20_000 }, (_, i) => i) };
    const after = { items: Array.from({ length: 20_000 }, (_, i) => i + 1) };
    const result = diffJson(before, after);
    expect(result.truncated).toBe(true);
    expect(result.entries).toHaveLength(maxDiffEntries);
    expect(result.entries[0]).toEqual({ path: '$.items[0]', kind: 'changed', before: 0, after: 1 });
    expect(result.entries.at(-1)?.path).toBe(`$.items[${maxDiffEntries - 1}]`);
  });

  it('does not call a diff truncated when it has exactly as many differences as the limit', () => {
    const result = diffJson([1, 2, 3], [4, 5, 6], 3);
    expect(result.entries).toHaveLength(3);
    expect(result.truncated).toBe(false);
    expect(diffJson([1, 2, 3, 4], [5, 6, 7, 8], 3).truncated).toBe(true);
  });
});

describe('previewJson', () => {
  it('writes small values as JSON', () => {
    expect(previewJson({ a: [1, 'x', null, true] })).toBe('{"a":[1,"x",null,true]}');
    expect(previewJson('telegram')).toBe('"telegram"');
  });

  it('cuts long values to about 200 characters with an ellipsis', () => {
    const text = previewJson({ note: 'x'.repeat(10_000) });
    expect(text).toHaveLength(201);
    expect(text.endsWith('…')).toBe(true);
    expect(previewJson(Array.from({ length: 100_000 }, (_, i) => i))).toMatch(/^\[0,1,2,.*…$/);
  });

  it('previews a value 10,000 levels deep without overflowing the stack', () => {
    const text = previewJson(deep(10_000, 1));
    expect(text.startsWith('{"next":{"next":')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
  });

  it('writes nothing for a side that has no value', () => {
    expect(previewJson(undefined)).toBe('');
  });
});

describe('compareText', () => {
  it('finds the first differing line, its column and byte offset', () => {
    expect(compareText('a=1\nb=2\nc=3', 'a=1\nb=5\nc=3')).toEqual({ line: 2, column: 3, byteOffset: 6, beforeLine: 'b=2', afterLine: 'b=5' });
  });

  it('counts the byte offset in UTF-8', () => {
    // ñ and ú are two bytes each: "ñandú=" is 8 bytes.
    expect(compareText('ñandú=1', 'ñandú=2')?.byteOffset).toBe(8);
    expect(compareText('😀a', '😀b')).toMatchObject({ column: 3, byteOffset: 4 });
    // Two emoji sharing their first UTF-16 unit differ at the start of the character, not halfway through it.
    expect(compareText('x😀', 'x😁')).toMatchObject({ column: 2, byteOffset: 1 });
  });

  it('reports a text that only grew at its end as differing after the shorter one', () => {
    expect(compareText('line\n', 'line\nmore')).toEqual({ line: 2, column: 1, byteOffset: 5, beforeLine: '', afterLine: 'more' });
  });

  it('says identical texts do not differ', () => {
    expect(compareText('same', 'same')).toBeNull();
  });
});

describe('compareBytes', () => {
  it('finds the first differing byte, or the end of the shorter body', () => {
    expect(compareBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 9, 3))).toBe(1);
    expect(compareBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(2);
    expect(compareBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBeNull();
  });
});

describe('diffHeaders', () => {
  it('compares header names case-insensitively and lists only those that differ', () => {
    const before: [string, string][] = [['Content-Type', 'application/json'], ['Content-Length', '10'], ['X-Old', '1'], ['Accept', 'a'], ['accept', 'b']];
    const after: [string, string][] = [['content-type', 'application/json'], ['content-length', '12'], ['X-New', '2'], ['ACCEPT', 'a'], ['Accept', 'b']];
    expect(diffHeaders(before, after)).toEqual([
      { name: 'Content-Length', kind: 'changed', before: '10', after: '12' },
      { name: 'X-Old', kind: 'removed', before: '1' },
      { name: 'X-New', kind: 'added', after: '2' },
    ]);
  });

  it('sees a header sent a different number of times as changed', () => {
    expect(diffHeaders([['Via', 'a']], [['Via', 'a'], ['via', 'b']])).toEqual([{ name: 'Via', kind: 'changed', before: 'a', after: 'a, b' }]);
  });
});
