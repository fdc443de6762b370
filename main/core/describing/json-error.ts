// Finds where a JSON text stops being valid, when the engine's message does not say. Iterative (a stack, no
// recursion), so 10,000 levels of nesting cost nothing special.

const whitespace = new Set([' ', '\t', '\n', '\r']);

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isHex = (code: number): boolean => isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);

// The scanners below return the index after the token, or -(index of the first bad character) - 1.

function scanLiteral(text: string, start: number): number {
  const word = text[start] === 't' ? 'true' : text[start] === 'f' ? 'false' : 'null';
  for (let k = 0; k < word.length; k++) if (text[start + k] !== word[k]) return -(start + k) - 1;
  return start + word.length;
}

function scanDigits(text: string, start: number): number {
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  return i === start ? -start - 1 : i;
}

function scanNumber(text: string, start: number): number {
  let i = start;
  if (text[i] === '-') i++;
  if (text[i] === '0') i++;
  else if (isDigit(text.charCodeAt(i))) i = scanDigits(text, i);
  else return -i - 1;
  if (text[i] === '.') {
    i = scanDigits(text, i + 1);
    if (i < 0) return i;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    i = scanDigits(text, i);
  }
  return i;
}

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
          i += 2;
          for (let k = 0; k < 4; k++, i++) if (!isHex(text.charCodeAt(i))) return false;
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
          const end = c === 't' || c === 'f' || c === 'n' ? scanLiteral(text, i) : scanNumber(text, i);
          if (end < 0) return -end - 1;
          i = end;
          want = afterValue();
        }
        continue;
    }
  }
}
