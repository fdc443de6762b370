// Unit tests of the two functions behind a 400's "at byte N": locateJsonError (where a JSON text stops being
// valid, when V8's message does not say) and parseBody (which turns that into a byte offset into the body).
import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../../main/core/describing/json-error';
import { parseBody } from '../../../main/core/describing/parse-body';

const nestedArrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number): string => '{"a":'.repeat(depth) + 'null' + '}'.repeat(depth);

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('locateJsonError: valid JSON has no error position', () => {
  const valid: [string, string][] = [
    ['an empty object', '{}'],
    ['an empty array', '[]'],
    ['a bare number', '0'],
    ['a number with fraction and exponent', '-0.5e+10'],
    ['a string with escapes', '"caf\\u00e9\\n\\t\\"\\\\\\/"'],
    ['a lone surrogate escape', '"\\ud800"'],
    ['literals with whitespace around', ' \t\r\n[true, false, null] \n'],
    ['a webhook envelope', '{"name":"verify_code.success","data":{"id":"v_1","attempts":[1,2,3],"ok":true}}'],
    ['non-ASCII text in keys and values', '{"ñandú":"🎉 ☃","日本":[]}'],
    ['10,000 levels of arrays', nestedArrays(10_000)],
    ['10,000 levels of objects', nestedObjects(10_000)],
    ['10,000 levels of mixed arrays and objects', '[{"a":'.repeat(5_000) + '1' + '}]'.repeat(5_000)],
    ['a number with 500 digits', '1' + '0'.repeat(499)],
  ];

  it.each(valid)('%s → null', (_label, text) => {
    expect(isValidJson(text)).toBe(true);
    expect(locateJsonError(text)).toBeNull();
  });
});

describe('locateJsonError: invalid JSON points at the first bad character', () => {
  // The expected index is the length of the longest prefix that could still start a valid JSON text: the first
  // character no valid continuation allows (text.length when the text simply ends too early).
  const invalid: [string, number][] = [
    ['{x', 1],
    ['[1,2', 4],
    ['{"a": tru}', 9],
    ['abc', 0],
    ['{"a":1} x', 8],
    ['"abc', 4],
    ['[1,]', 3],
    ['{"a" 1}', 5],
    ['01', 1],
    ['-', 1],
    ['"\\u12"', 5],
    ['', 0],
    ['   ', 3],
    ['{"a":1,}', 7],
    ['"\t"', 1],
    ['"\\x"', 2],
    ['{"a":1}}', 7],
  ];

  it.each(invalid)('%j → %i', (text, index) => {
    expect(isValidJson(text)).toBe(false);
    expect(locateJsonError(text)).toBe(index);
  });
});

describe('locateJsonError agrees with JSON.parse on which texts are valid', () => {
  // mulberry32: a tiny seeded generator, so a failure names a reproducible input.
  function generator(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const seeds = [
    '{"name":"verify_code.success","data":{"id":"v_1","n":-12.5e3,"ok":true,"none":null}}',
    '[1,2,[3,{"a":"b\\u00e9"}],"x\\n",false]',
    '{"a":[{"b":{"c":[0.1,2E-3,"\\"q\\""]}}],"d":""}',
    '"plain \\/ string"',
    '  [ true , null , -0 ]  ',
  ];
  const alphabet = ['{', '}', '[', ']', '"', ':', ',', ' ', '\n', '\\', 'u', '0', '1', '9', '.', '-', '+', 'e', 'E', 't', 'r', 'f', 'n', 'l', 'x', '\t', '\u0001', 'é'];

  function mutate(text: string, random: () => number): string {
    const at = Math.floor(random() * (text.length + 1));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    switch (Math.floor(random() * 5)) {
      case 0:
        return text.slice(0, at) + text.slice(at + 1);
      case 1:
        return text.slice(0, at) + pick(alphabet) + text.slice(at);
      case 2:
        return text.slice(0, at) + pick(alphabet) + text.slice(at + 1);
      case 3:
        return text.slice(0, at);
      default: {
        const end = at + Math.floor(random() * 6);
        return text.slice(0, end) + text.slice(at, end) + text.slice(end);
      }
    }
  }

  it('on 600 mutations of valid webhook-like JSON (seed 20240611)', () => {
    const random = generator(20240611);
    let valid = 0;
    let invalid = 0;
    for (let n = 0; n < 600; n++) {
      let text = seeds[n % seeds.length] as string;
      const mutations = 1 + Math.floor(random() * 3);
      for (let m = 0; m < mutations; m++) text = mutate(text, random);
      const expected = isValidJson(text);
      if (expected) valid++;
      else invalid++;
      const located = locateJsonError(text);
      expect({ text, valid: located === null }).toEqual({ text, valid: expected });
      if (located !== null) expect(located, JSON.stringify(text)).toBeLessThanOrEqual(text.length);
    }
    // The sample really exercises both sides.
    expect(valid).toBeGreaterThan(30);
    expect(invalid).toBeGreaterThan(300);
  });
});

describe('parseBody', () => {
  const json = 'application/json';
  const bytes = (...parts: (string | number[])[]): Buffer =>
    Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

  it('parses valid JSON, also 10,000 levels deep', () => {
    expect(parseBody(json, bytes('{"name":"x","n":[1,2]}'))).toEqual({ kind: 'json', value: { name: 'x', n: [1, 2] } });
    const deep = parseBody(json, bytes(nestedArrays(10_000)));
    expect(deep.kind).toBe('json');
  });

  it('reports the error position in bytes, counting multi-byte characters before it', () => {
    // { " é " : " 😀 " , }  →  the "}" is character 10 but byte 13 (é is 2 bytes, 😀 is 4).
    const body = bytes('{"é":"😀",}');
    const parsed = parseBody(json, body);
    expect(parsed).toEqual({ kind: 'invalid-json', error: { message: 'Expected double-quoted property name at byte 13', position: 13 } });
    expect(body[13]).toBe('}'.charCodeAt(0));
  });

  it('reports a byte position also when the engine names no position', () => {
    // V8 says only "Unexpected token 'a'"; the position comes from locateJsonError, converted to bytes.
    const body = bytes('{"é": abc}');
    const parsed = parseBody(json, body);
    expect(parsed).toEqual({ kind: 'invalid-json', error: { message: "Unexpected token 'a' at byte 7", position: 7 } });
    expect(body[7]).toBe('a'.charCodeAt(0));
  });

  it('points at the token the message names, after multi-byte characters', () => {
    // { " é " : ␠ t r u }  →  V8 complains about the "}", which is byte 10.
    const body = bytes('{"é": tru}');
    const parsed = parseBody(json, body);
    expect(parsed).toEqual({ kind: 'invalid-json', error: { message: "Unexpected token '}' at byte 10", position: 10 } });
  });

  it('accepts a UTF-8 byte order mark before JSON', () => {
    expect(parseBody(json, bytes([0xef, 0xbb, 0xbf], '{"a":1}'))).toEqual({ kind: 'json', value: { a: 1 } });
  });

  it('calls an empty body under a JSON content type an error at byte 0', () => {
    expect(parseBody(json, Buffer.alloc(0))).toEqual({ kind: 'invalid-json', error: { message: 'The body is empty, but the content type says JSON', position: 0 } });
    expect(parseBody('application/problem+json; charset=utf-8', Buffer.alloc(0)).kind).toBe('invalid-json');
  });

  const invalidUtf8: [string, number, Buffer][] = [
    ['two bytes that never start a character', 6, bytes('{"a":"', [0xff, 0xfe], '"}')],
    ['a bad byte after a 2-byte character', 7, bytes('{"é":"', [0xff], '"}')],
    ['a stray continuation byte after a complete 2-byte character', 3, bytes('"é', [0x80], '"')],
    ['a stray continuation byte after a complete 4-byte character', 6, bytes('["😀', [0x80], '"]')],
    ['a 3-byte lead followed by ASCII', 1, bytes('"', [0xe2, 0x28, 0xa1], '"')],
    ['a character cut off at the end of the body', 2, bytes('"a', [0xe2, 0x82])],
    ['an overlong encoding', 1, bytes('"', [0xc0, 0xaf], '"')],
    ['an encoded surrogate', 1, bytes('"', [0xed, 0xa0, 0x80], '"')],
    ['a bad byte after nine 2-byte characters', 19, bytes('"ééééééééé', [0xff], '"')],
  ];

  it.each(invalidUtf8)('names the first bad byte of invalid UTF-8 under a JSON type: %s → byte %i', (_label, position, body) => {
    expect(parseBody(json, body)).toEqual({
      kind: 'invalid-json',
      error: { message: `The body is not valid UTF-8 (first bad byte at ${position})`, position },
    });
  });

  it('sniffs JSON without a JSON content type, and leaves anything else alone', () => {
    expect(parseBody('text/plain', bytes(' {"name":"x"}'))).toEqual({ kind: 'json', value: { name: 'x' } });
    expect(parseBody(null, bytes('[1]'))).toEqual({ kind: 'json', value: [1] });
    expect(parseBody('text/plain', bytes('{"a":'))).toEqual({ kind: 'other' });
    expect(parseBody('text/plain', bytes('{"a":"', [0xff], '"}'))).toEqual({ kind: 'other' });
    expect(parseBody(null, bytes('name=x'))).toEqual({ kind: 'other' });
  });
});
