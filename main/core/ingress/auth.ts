// The endpoint's caller check. Today: a static token header (LOX24-style). Signature schemes come later,
// each in its own file of the same shape: (auth settings, raw request) → pass or a reason.
import type { EndpointAuth, HeaderPair } from '../model';
import { sameSecret } from '../secret-compare';

export type AuthResult = { ok: true } | { ok: false; reason: string };

export function checkAuth(auth: EndpointAuth, headers: readonly HeaderPair[]): AuthResult {
  switch (auth.kind) {
    case 'none':
      return { ok: true };
    case 'header': {
      const wanted = auth.header.toLowerCase();
      const values = headers.filter(([name]) => name.toLowerCase() === wanted).map(([, value]) => value);
      if (values.length === 0) return { ok: false, reason: `The ${auth.header} header is missing.` };
      if (values.length > 1) return { ok: false, reason: `The ${auth.header} header was sent ${values.length} times.` };
      return sameSecret(values[0] ?? '', auth.value) ? { ok: true } : { ok: false, reason: `The ${auth.header} header does not match.` };
    }
  }
}
