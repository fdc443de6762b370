// HTTP Basic: "Authorization: Basic base64(user:password)", compared in constant time as one string.
import { sameSecret } from '../secret-compare';
import { header, invalid, missing, valid, type SignedRequest, type Verdict } from './shared';

export function verify(config: { username: string; password: string }, request: SignedRequest): Verdict {
  const found = header(request, 'Authorization');
  if (!found) return missing('The Authorization header is missing (HTTP Basic expected).');
  if ('error' in found) return found.error;
  const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(found.value);
  if (!match) return invalid('The Authorization header is not "Basic " followed by base64.');
  const sent = Buffer.from(match[1] as string, 'base64').toString('utf8');
  return sameSecret(sent, `${config.username}:${config.password}`) ? valid(`HTTP Basic as ${config.username}.`) : invalid('HTTP Basic: the user name or password is wrong.');
}

export function sign(config: { username: string; password: string }): [string, string][] {
  return [['Authorization', `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`]];
}
