// Identifiers: sortable event ids and unguessable endpoint tokens.
import { randomBytes } from 'node:crypto';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// Random bytes for ids come from a pool refilled 4 KiB at a time: one system call per ~400 ids.
let pool = Buffer.alloc(0);
let poolOffset = 0;
function randomSlice(n: number): Buffer {
  if (poolOffset + n > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return slice;
}

/** A ULID: 48 bits of milliseconds + 80 random bits, Crockford base32, sorts by creation time. */
export function newUlid(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = crockford[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = randomSlice(10);
  let rand = '';
  // 80 bits → 16 base32 digits, 5 bits at a time.
  let buffer = 0;
  let bits = 0;
  for (const byte of random) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      rand += crockford[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return time + rand;
}

/** 192 random bits, URL-safe: the secret part of an ingress URL. */
export function newEndpointToken(): string {
  return randomBytes(24).toString('base64url');
}

/** 256 random bits for the control API's per-run token and session cookies. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}
