// A static token header (LOX24 style, e.g. X-LOX24-Token): the value must equal the endpoint's secret.
import { sameSecret } from '../secret-compare';
import { header, invalid, missing, valid, type SignedRequest, type Verdict } from './shared';

export function verify(config: { header: string; value: string }, request: SignedRequest): Verdict {
  const found = header(request, config.header);
  if (!found) return missing(`The ${config.header} header is missing.`);
  if ('error' in found) return found.error;
  return sameSecret(found.value, config.value) ? valid(`${config.header} matches.`) : invalid(`The ${config.header} header does not match.`);
}

export function sign(config: { header: string; value: string }): [string, string][] {
  return [[config.header, config.value]];
}
