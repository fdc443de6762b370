// The "read and decode" step's decoding: a body sent with Content-Encoding (gzip, x-gzip, deflate, br, or a
// list of them) decoded for reading, while the raw bytes stay as received. Streaming, and stopped at the body
// limit: a decompression bomb (a few KB that inflate to gigabytes) never allocates more than the limit.
import zlib from 'node:zlib';

export type Decoded =
  /** No encoding, or `identity`: the raw bytes are the body. */
  | { kind: 'identity' }
  | { kind: 'decoded'; bytes: Buffer; encodings: string[] }
  /** It inflates past the limit: only its first `limit` bytes were kept. */
  | { kind: 'too-large'; bytes: Buffer; encodings: string[]; limit: number; inflated: number }
  | { kind: 'unsupported'; encoding: string; reason: string }
  | { kind: 'corrupt'; encoding: string; reason: string };

const decoders: Record<string, () => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  // RFC 9110's "deflate" is zlib-wrapped; some senders send it raw: createInflate is tried, then inflateRaw.
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/** The encodings in the order they were applied (the header lists them so), lower-cased; identity dropped. */
export function contentEncodings(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '' && part !== 'identity');
}

/** Decodes `raw` as the Content-Encoding header says, keeping at most `limit` decoded bytes. */
export async function decodeBody(raw: Buffer, header: string | undefined, limit: number): Promise<Decoded> {
  const encodings = contentEncodings(header);
  if (encodings.length === 0) return { kind: 'identity' };
  const unknown = encodings.find((encoding) => !(encoding in decoders));
  if (unknown) {
    return { kind: 'unsupported', encoding: unknown, reason: `Content-Encoding “${unknown}” is not one Hookbridge decodes (gzip, x-gzip, deflate, br).` };
  }
  let bytes = raw;
  // Applied in order, so undone in reverse.
  for (const encoding of [...encodings].reverse()) {
    const step = await inflate(bytes, encoding, limit);
    if (step.kind === 'corrupt') return { kind: 'corrupt', encoding, reason: `The ${encoding} body could not be decoded: ${step.reason}.` };
    if (step.kind === 'too-large') return { kind: 'too-large', bytes: step.bytes, encodings, limit, inflated: step.inflated };
    bytes = step.bytes;
  }
  return { kind: 'decoded', bytes, encodings };
}

/** `inflated`: how many bytes the decoder produced before it was stopped (bounded by the limit and one chunk). */
type Step = { kind: 'ok'; bytes: Buffer } | { kind: 'too-large'; bytes: Buffer; inflated: number } | { kind: 'corrupt'; reason: string };

async function inflate(input: Buffer, encoding: string, limit: number): Promise<Step> {
  const first = await run(decoders[encoding]?.() ?? zlib.createGunzip(), input, limit);
  // A raw deflate stream (no zlib header) fails the header check at once: read it as raw deflate instead.
  if (first.kind === 'corrupt' && encoding === 'deflate') {
    const raw = await run(zlib.createInflateRaw(), input, limit);
    if (raw.kind !== 'corrupt') return raw;
  }
  return first;
}

/** Feeds the input through one decoder, collecting at most `limit` bytes; past it, the decoder is destroyed. */
function run(decoder: zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress, input: Buffer, limit: number): Promise<Step> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (step: Step): void => {
      if (done) return;
      done = true;
      decoder.removeAllListeners('data');
      resolve(step);
    };
    decoder.on('data', (chunk: Buffer) => {
      const room = limit - size;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        finish({ kind: 'too-large', bytes: Buffer.concat(chunks), inflated: size + chunk.length });
        decoder.destroy(); // stop inflating: the rest is never produced
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    decoder.on('end', () => finish({ kind: 'ok', bytes: Buffer.concat(chunks) }));
    decoder.on('error', (error: Error) => finish({ kind: 'corrupt', reason: error.message.replace(/\.$/, '') }));
    decoder.end(input);
  });
}
