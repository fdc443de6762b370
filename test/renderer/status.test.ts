import { describe, expect, it } from 'vitest';
import type { Status } from '../../main/core/model';
import { newerStatus } from '../../renderer/src/status';

const status = (sequence: number, state: Status['tunnel']['state']): Status => ({ sequence, tunnel: { state, url: null, error: null } }) as Status;

describe('the status the page shows', () => {
  it('keeps the later snapshot whichever arrives last', () => {
    const started = status(7, 'needs-token');
    const staleAnswer = status(6, 'off');
    expect(newerStatus(started, staleAnswer)).toBe(started);
    expect(newerStatus(staleAnswer, started)).toBe(started);
  });

  it('takes the first one, and a fresh read of the same moment', () => {
    expect(newerStatus(null, status(1, 'off')).sequence).toBe(1);
    const again = status(3, 'off');
    expect(newerStatus(status(3, 'off'), again)).toBe(again);
  });
});
