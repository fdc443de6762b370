import { describe, expect, it } from 'vitest';
import { decideAnswer, type Answer } from '../../../main/core/ingress/answer';
import type { IngressOutcome } from '../../../main/core/ingress/responses';
import { RuleAction } from '../../../main/core/model';

const received: IngressOutcome = { kind: 'received', id: '01HB' };
const header = (answer: Answer, name: string): string | undefined => answer.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
const upstream = { status: 202, headers: [['Content-Type', 'text/plain'], ['Content-Length', '2']] as [string, string][], body: 'ok' };

describe('what the provider hears back', () => {
  it('a received webhook: 200 with its id, as JSON that is never cached', () => {
    const answer = decideAnswer({ outcome: received, rule: null, upstream: null });
    expect(answer).toMatchObject({ kind: 'send', status: 200 });
    expect(JSON.parse(answer.body)).toEqual({ received: true, id: '01HB' });
    expect(header(answer, 'content-type')).toBe('application/json; charset=utf-8');
    expect(header(answer, 'cache-control')).toBe('no-store');
    expect(header(answer, 'content-length')).toBe(String(Buffer.byteLength(answer.body)));
  });

  it('each failed check gets its documented status and a sentence', () => {
    const cases: [IngressOutcome, number, string][] = [
      [{ kind: 'unauthorized', id: 'a', reason: 'X-Hub-Signature-256 does not match' }, 401, 'UNAUTHORIZED'],
      [{ kind: 'disabled', id: 'a' }, 403, 'ENDPOINT_DISABLED'],
      [{ kind: 'not-found' }, 404, 'NOT_FOUND'],
      [{ kind: 'too-large', id: 'a', size: 6_000_000, limit: 5_242_880 }, 413, 'BODY_TOO_LARGE'],
      [{ kind: 'invalid-body', id: 'a', message: 'Unexpected end of JSON input', position: 12 }, 400, 'INVALID_BODY'],
      [{ kind: 'store-failed', code: 'STORE_FULL', message: 'The database is full.' }, 500, 'STORE_FULL'],
    ];
    for (const [outcome, status, code] of cases) {
      const answer = decideAnswer({ outcome, rule: null, upstream: null });
      const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
      expect({ status: answer.status, code: body.error.code }).toEqual({ status, code });
      expect(body.error.message.length).toBeGreaterThan(10);
    }
  });

  it('a response rule wins over the local app and the default, with a Content-Length that matches its body', () => {
    const rule = RuleAction.parse({ kind: 'respond', status: 500, body: 'nope', headers: [['X-Why', 'rule'], ['Content-Length', '999']] });
    const answer = decideAnswer({ outcome: received, rule, upstream });
    expect(answer).toEqual({ kind: 'send', status: 500, headers: [['X-Why', 'rule'], ['Content-Length', '4']], body: 'nope' });
  });

  it('a drop rule answers nothing at all', () => {
    const rule = RuleAction.parse({ kind: 'drop' });
    expect(decideAnswer({ outcome: received, rule, upstream })).toEqual({ kind: 'drop', status: 0, headers: [], body: '' });
  });

  it('pass-through: the local app’s answer, as it gave it', () => {
    expect(decideAnswer({ outcome: received, rule: null, upstream })).toEqual({ kind: 'send', ...upstream });
  });
});
