// The address of a view, as the desktop shell writes it and the renderer reads it (both use api/view-url.ts).
import { describe, expect, it } from 'vitest';
import { readViewQuery, viewQuery, type ViewState } from '../../../main/core/api/view-url';

describe('view URLs', () => {
  it('the plain feed has no query, and reads back as the plain feed', () => {
    expect(viewQuery({})).toBe('');
    expect(readViewQuery('')).toEqual({ filter: {}, selected: null, view: 'feed' });
  });

  it('what the shell opens: an event from a notification, the failed-only feed from the tray or a summary', () => {
    expect(viewQuery({ selected: '01JABCDEF' })).toBe('?event=01JABCDEF');
    expect(viewQuery({ filter: { severity: ['failed'] } })).toBe('?severity=failed');
    expect(viewQuery({ filter: { severity: ['failed'], name: 'verify_code.channel.failed' } })).toBe('?severity=failed&name=verify_code.channel.failed');
  });

  it('every field survives the trip through the address bar, including text that needs escaping', () => {
    const state: ViewState = {
      filter: {
        severity: ['failed', 'error'],
        provider: 'soyio',
        text: 'a&b=c #1 ünïcode',
        correlationKey: 'phone:+4915112345678',
        name: 'verify_code.*',
        endpointId: 'ep 1',
        from: 1_796_237_580_000,
        to: 1_796_241_179_999,
      },
      selected: '01J/../x?y',
      view: 'timeline',
    };
    expect(readViewQuery(viewQuery(state))).toEqual(state);
  });

  it('leaves out what it does not know instead of guessing', () => {
    expect(readViewQuery('?severity=failed,bogus,ok&provider=Not%20a%20pack&view=admin&from=-5&to=1e400&event=')).toEqual({
      filter: { severity: ['failed', 'ok'] },
      selected: null,
      view: 'feed',
    });
  });
});
