// Finds where a JSON text stops being valid, when the engine's message does not say. Iterative (a stack, no
// recursion), so 10,000 levels of nesting cost nothing special.

const whitespace = new Set([' ', '\t', '\n', '\r']);

/** Returns the index of the first character that makes `text` invalid JSON, or null if it is valid. */
export function locateJsonError(text: string): number | null {
  let i = 0;
  const stack: ('array' | 'object')[] = [];
  // What the scanner expects next.
  type Want = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';
  let want: Want = 'value';

  const skip = (): void => {
    while (i < text.length && whitespace.has(text[i] as string)) i++;
  };
  const scanString = (): boolean => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          i += 2;
        } else {
          i++;
          return false;
        }
      } else {
        i++;
      }
    }
    return false;
  };
  const afterValue = (): Want => (stack.length === 0 ? 'end' : 'comma-or-close');

  for (;;) {
    skip();
    if (i >= text.length) return want === 'end' ? null : i;
    const c = text[i] as string;
    switch (want) {
      case 'end':
        return i;
      case 'colon':
        if (c !== ':') return i;
        i++;
        want = 'value';
        continue;
      case 'comma-or-close': {
        const top = stack[stack.length - 1];
        if (c === ',') {
          i++;
          want = top === 'object' ? 'key' : 'value';
        } else if ((c === ']' && top === 'array') || (c === '}' && top === 'object')) {
          i++;
          stack.pop();
          want = afterValue();
        } else {
          return i;
        }
        continue;
      }
      case 'key':
      case 'key-or-close':
        if (c === '}' && want === 'key-or-close') {
          i++;
          stack.pop();
          want = afterValue();
          continue;
        }
        if (c !== '"' || !scanString()) return i;
        want = 'colon';
        continue;
      case 'value':
      case 'value-or-close':
        if (c === ']' && want === 'value-or-close') {
          i++;
          stack.pop();
          want = afterValue();
          continue;
        }
        if (c === '{') {
          i++;
          stack.push('object');
          want = 'key-or-close';
        } else if (c === '[') {
          i++;
          stack.push('array');
          want = 'value-or-close';
        } else if (c === '"') {
          if (!scanString()) return i;
          want = afterValue();
        } else {
          const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
          if (!literal) return i;
          i += literal[0].length;
          want = afterValue();
        }
        continue;
    }
  }
}
