// The renderer's Client over an engine running in this process: the same contract calls (validated like every
// transport's) and the bus's messages as the stream. Lets renderer logic be tested against the real engine.
import type { Api } from '../../main/core/api/contract';
import type { App } from '../../main/core/app';
import type { Client } from '../../renderer/src/client/client';

export function localClient(app: App, api: Api = app.api): Client {
  return {
    api,
    subscribe: (listener) => app.bus.subscribe(listener),
    onConnection: (listener) => {
      listener('live');
      return () => undefined;
    },
  };
}
