// multipart/form-data (SendGrid's and Mailgun's inbound mail, uploads) read with @fastify/busboy, a streaming
// parser, within limits on part count, header pairs and sizes. Text fields are kept as text; file parts only
// as their name, type and size: their bytes are read again from the stored body when the person downloads one.
import { Busboy } from '@fastify/busboy';

export interface PartInfo {
  /** Its position among the parts, from 0 (what a download asks for). */
  index: number;
  name: string;
  /** The file name it was sent with; null for a text field. */
  filename: string | null;
  contentType: string | null;
  size: number;
  /** A text field's value (null for a file part: never rendered, only downloaded). */
  text: string | null;
}

export interface Multipart {
  parts: PartInfo[];
  /** Why the list is incomplete or empty (too many parts, no boundary, a broken body), as a sentence; else null. */
  problem: string | null;
}

/** At most this many parts are listed; the rest of a body is not read. */
export const partLimit = 1000;

interface Collected {
  parts: PartInfo[];
  problem: string | null;
  /** The bytes of the part asked for. */
  bytes: Buffer | null;
}

function collect(body: Buffer, contentType: string, wanted: number | null): Promise<Collected> {
  return new Promise((resolve) => {
    const parts: PartInfo[] = [];
    let problem: string | null = null;
    let bytes: Buffer | null = null;
    let settled = false;
    const done = (): void => {
      if (settled) return;
      settled = true;
      resolve({ parts, problem, bytes });
    };
    let parser;
    try {
      parser = Busboy({
        headers: { 'content-type': contentType },
        // Everything is in memory already (within the body limit): the limits bound the work, not the memory.
        limits: { parts: partLimit, fields: partLimit, files: partLimit, fieldSize: body.length, fileSize: body.length, headerPairs: 100, fieldNameSize: 1000 },
      });
    } catch (error) {
      problem = `The multipart body cannot be read: ${(error as Error).message.replace(/\.$/, '')}.`;
      done();
      return;
    }
    parser.on('field', (name: string, value: string, _nameCut: boolean, _valueCut: boolean, _encoding: string, mimeType: string) => {
      parts.push({ index: parts.length, name, filename: null, contentType: mimeType || null, size: Buffer.byteLength(value), text: value });
    });
    parser.on('file', (name: string, stream: NodeJS.ReadableStream, filename: string, _encoding: string, mimeType: string) => {
      const part: PartInfo = { index: parts.length, name, filename: filename ?? '', contentType: mimeType || null, size: 0, text: null };
      parts.push(part);
      const keep = wanted === part.index;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        part.size += chunk.length;
        if (keep) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (keep) bytes = Buffer.concat(chunks);
      });
    });
    parser.on('partsLimit', () => {
      problem = `More than ${partLimit} parts: only the first ${partLimit} are listed.`;
    });
    parser.on('error', (error: unknown) => {
      problem ??= `The multipart body is cut or malformed after ${parts.length} part${parts.length === 1 ? '' : 's'}: ${String((error as Error)?.message ?? error).replace(/\.$/, '')}.`;
      done();
    });
    parser.on('finish', done);
    parser.end(body);
  });
}

/** The parts of a multipart/form-data body: names, file names, types, sizes, and the text of text fields. */
export async function multipartParts(body: Buffer, contentType: string): Promise<Multipart> {
  const { parts, problem } = await collect(body, contentType, null);
  return { parts, problem };
}

/** The bytes of one file part, or null when there is no such part. */
export async function multipartPartBytes(body: Buffer, contentType: string, index: number): Promise<{ part: PartInfo; bytes: Buffer } | null> {
  const { parts, bytes } = await collect(body, contentType, index);
  const part = parts[index];
  if (!part) return null;
  return { part, bytes: part.text !== null ? Buffer.from(part.text, 'utf8') : (bytes ?? Buffer.alloc(0)) };
}
