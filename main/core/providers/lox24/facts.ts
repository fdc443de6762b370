// The facts a LOX24 developer looks for first in the inspector: channel, status, error, cost, DLR code.
import type { EventFact } from '../../model';
import { field, isObject } from '../util';
import { lox24DlrCodes, lox24DlrName, lox24Statuses, lox24StatusName } from './codes';

/** "Failed (20)"; a code LOX24 does not document says so once. */
const named = (table: object, name: (n: number) => string, n: number): string =>
  Object.hasOwn(table, n) ? `${name(n)} (${n})` : `${n} (not a code LOX24 documents)`;

export function lox24Facts(body: unknown): EventFact[] {
  const facts: EventFact[] = [];
  const data = field(body, 'data');
  const step = field(data, 'channel');
  // A channel step carries its own status and cost; a verification or SMS event carries them on data.
  const source = isObject(step) ? step : data;
  const channel = field(step, 'channel') ?? field(data, 'delivered_channel');
  if (typeof channel === 'string') facts.push(['Channel', channel]);
  const status = field(source, 'status');
  if (typeof status === 'number') facts.push(['Status', named(lox24Statuses, lox24StatusName, status)]);
  const error = field(step, 'error');
  if (typeof error === 'string') facts.push(['Error', error]);
  const cost = field(source, 'cost');
  const currency = field(data, 'currency');
  if (typeof cost === 'number') facts.push(['Cost', `${cost} cents${typeof currency === 'string' ? ` ${currency}` : ''}`]);
  const dlr = field(data, 'dlr_code');
  if (typeof dlr === 'number') facts.push(['DLR', named(lox24DlrCodes, lox24DlrName, dlr)]);
  return facts;
}
