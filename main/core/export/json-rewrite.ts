// Rewrites the string and number values of a JSON text in place, keeping every other byte (whitespace, key
// order, escapes of untouched values), so a redacted body is the original with only its secrets changed.

export type JsonPath = readonly (string | number)[];

/** Called for each string or number value with its path; returns the replacement value, or undefined to keep it. */
export type Visitor = (path: JsonPath, value: string | number, key: string | null) => string | number | undefined;

/** The rewritten text, or null when `text` is not one JSON value. */
export function rewriteJson(text: string, visit: Visitor): string | null {
  let i = 0;
  let out = '';
  const ws = (): void => {
    const start = i;
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
    out += text.slice(start, i);
  };
  const stringToken = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) throw new Error('unterminated string');
    i++;
    return text.slice(start, i);
  };
  const emit = (raw: string, value: string | number, path: JsonPath): void => {
    const key = typeof path.at(-1) === 'string' ? (path.at(-1) as string) : null;
    const replaced = visit(path, value, key);
    out += replaced === undefined ? raw : JSON.stringify(replaced);
  };
  const value = (path: JsonPath): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      out += '{';
      i++;
      ws();
      if (text[i] === '}') {
        out += '}';
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Error('expected a key');
        const rawKey = stringToken();
        out += rawKey;
        ws();
        if (text[i] !== ':') throw new Error('expected :');
        out += ':';
        i++;
        value([...path, JSON.parse(rawKey) as string]);
        ws();
        if (text[i] === ',') {
          out += ',';
          i++;
          continue;
        }
        if (text[i] === '}') {
          out += '}';
          i++;
          return;
        }
        throw new Error('expected , or }');
      }
    }
    if (c === '[') {
      out += '[';
      i++;
      ws();
      if (text[i] === ']') {
        out += ']';
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        value([...path, index]);
        ws();
        if (text[i] === ',') {
          out += ',';
          i++;
          continue;
        }
        if (text[i] === ']') {
          out += ']';
          i++;
          return;
        }
        throw new Error('expected , or ]');
      }
    }
    if (c === '"') {
      const raw = stringToken();
      emit(raw, JSON.parse(raw) as string, path);
      return;
    }
    const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!literal) throw new Error('unexpected character');
    const raw = literal[1] as string;
    i += raw.length;
    if (/^-?\d/.test(raw)) emit(raw, Number(raw), path);
    else out += raw;
  };
  try {
    // A byte order mark stays where it was.
    if (text.charCodeAt(0) === 0xfeff) {
      out += '\ufeff';
      i = 1;
    }
    value([]);
    ws();
    return i === text.length ? out : null;
  } catch {
    return null;
  }
}
