// Content-Encoding decoding, on real zlib streams: every encoding a sender uses, lists of them, a corrupt
// stream, an unknown encoding, and a bomb that would inflate to 256 MiB cut at the limit without inflating it.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contentEncodings, decodeBody } from '../../../main/core/ingress/decode';

const json = Buffer.from(JSON.stringify({ event: 'message.delivered', data: { to: '+4915112345678', text: 'ä €'.repeat(200) } }));

describe('decoding a body', () => {
  it.each([
    ['gzip', zlib.gzipSync(json)],
    ['x-gzip', zlib.gzipSync(json)],
    ['deflate', zlib.deflateSync(json)],
    ['deflate', zlib.deflateRawSync(json)], // sent raw, without the zlib header, by some senders
    ['br', zlib.brotliCompressSync(json)],
    ['GZIP', zlib.gzipSync(json)],
    ['gzip, br', zlib.brotliCompressSync(zlib.gzipSync(json))],
  ])('%s', async (header, raw) => {
    const decoded = await decodeBody(raw, header, 1024 * 1024);
    expect(decoded.kind).toBe('decoded');
    expect(decoded.kind === 'decoded' && decoded.bytes.equals(json)).toBe(true);
  });

  it('leaves an identity body alone', async () => {
    expect(await decodeBody(json, undefined, 100)).toEqual({ kind: 'identity' });
    expect(await decodeBody(json, 'identity', 100)).toEqual({ kind: 'identity' });
    expect(contentEncodings(' gzip , identity, BR ')).toEqual(['gzip', 'br']);
  });

  it('names an encoding it does not know', async () => {
    expect(await decodeBody(json, 'compress', 1024)).toEqual({ kind: 'unsupported', encoding: 'compress', reason: 'Content-Encoding “compress” is not one Hookbridge decodes (gzip, x-gzip, deflate, br).' });
  });

  it('says why a corrupt stream could not be decoded', async () => {
    const broken = zlib.gzipSync(json);
    broken.fill(0x41, 20, 40);
    const decoded = await decodeBody(broken, 'gzip', 1024 * 1024);
    expect(decoded).toMatchObject({ kind: 'corrupt', encoding: 'gzip', reason: expect.stringMatching(/^The gzip body could not be decoded: .+\.$/) });
    expect(await decodeBody(json, 'br', 1024)).toMatchObject({ kind: 'corrupt', encoding: 'br' }); // not brotli at all
  });

  it('cuts a bomb at the limit while streaming: 256 MiB of zeros in a few hundred KB, never inflated in full', async () => {
    const zeros = Buffer.alloc(16 * 1024 * 1024);
    // 16 concatenated gzip members of 16 MiB each: one stream that inflates to 256 MiB.
    const member = zlib.gzipSync(zeros, { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 16 }, () => member));
    expect(bomb.length).toBeLessThan(512 * 1024);
    const limit = 1024 * 1024;
    const decoded = await decodeBody(bomb, 'gzip', limit);
    expect(decoded.kind).toBe('too-large');
    if (decoded.kind !== 'too-large') return;
    expect(decoded.bytes.length).toBe(limit);
    // It stopped within one output chunk of the limit: the other ~255 MiB were never produced.
    expect(decoded.inflated).toBeLessThan(limit + 256 * 1024);
  });
});
