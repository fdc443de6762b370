// The renderer's Client over an engine running in this process: the same contract calls (validated like every
// transport's) and the bus's messages as the stream. Lets renderer logic be tested against the real engine.
import type { Api } from '../../main/core/api/contract';
import type { App } from '../../main/core/app';
import type { Client } from '../../renderer/src/client/client';

export function localClient(app: App, api: Api = app.api): Client {
  return {
    transport: 'in-process',
    api,
    subscribe: (listener) => app.bus.subscribe(listener),
    // The bus is in this process: it never disconnects, so there is never a connection change to report.
    onConnection: () => () => undefined,
  };
}

/**
 * `real` with one method's `call`-th answer read at once but delivered only on release(): the store read it
 * before whatever happens next, and the answer lands late, as over a slow network.
 */
export function holding(real: Api, method: keyof Api, call = 1): { api: Api; release(): void } {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const slow = async (input?: unknown): Promise<unknown> => {
    const answer = await (real[method] as (input?: unknown) => Promise<unknown>)(input);
    if (++calls === call) await held;
    return answer;
  };
  return { api: { ...real, [method]: slow } as Api, release };
}
