// Reads a request body within the size limit. Past the limit it keeps only the first bytes for the record and
// stops buffering, so a 1 GB upload costs 64 KiB of memory.
import type { IncomingMessage } from 'node:http';

export interface BodyRead {
  bytes: Buffer;
  /** Bytes received (or declared by Content-Length when the body was cut short). */
  size: number;
  /** True when the body exceeded the limit and only its start is in `bytes`. */
  tooLarge: boolean;
}

export const keptWhenTooLarge = 64 * 1024;

export function readBody(request: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(request.headers['content-length']);
  const declaredTooLarge = Number.isFinite(declared) && declared > limit;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let kept = 0;
    let settled = false;
    const finish = (tooLarge: boolean): void => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
      const all = Buffer.concat(chunks);
      const bytes = tooLarge ? all.subarray(0, keptWhenTooLarge) : all;
      resolve({ bytes, size: tooLarge && declaredTooLarge ? Math.max(declared, size) : size, tooLarge });
    };
    // While the body may still fit, keep up to the limit; once it cannot, only the start is worth keeping.
    const cap = declaredTooLarge ? keptWhenTooLarge : limit;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (kept < cap) {
        const piece = chunk.subarray(0, cap - kept);
        chunks.push(piece);
        kept += piece.length;
      }
      if (size > limit || (declaredTooLarge && kept >= keptWhenTooLarge)) finish(true);
    };
    const onEnd = (): void => finish(declaredTooLarge || size > limit);
    const onError = (error: Error): void => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    const onAborted = (): void => onError(new Error('The client closed the connection before the body was complete.'));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}
