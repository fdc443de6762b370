// `hookbridge trigger <provider> <event-name>`: posts a realistic sample to an endpoint of a running
// Hookbridge, signed the way the endpoint checks. The endpoint (token, secret) is read from the data folder
// without taking it from the running serve or app.
import { resolveDataDir } from '../core/data-dir';
import { HookbridgeError } from '../core/errors';
import { trigger } from '../core/replay/trigger';
import { Store } from '../core/store/store';

export async function triggerCommand(provider: string, name: string, options: { endpoint?: string; ingress: string; dataDir?: string }): Promise<void> {
  const dataDir = resolveDataDir(options.dataDir);
  const store = Store.openReadOnly(dataDir);
  let endpoints;
  try {
    endpoints = store.endpoints.list();
  } finally {
    store.close();
  }
  const endpoint = options.endpoint ? endpoints.find((e) => e.name === options.endpoint) : endpoints[0];
  if (!endpoint) {
    throw new HookbridgeError('NOT_FOUND', options.endpoint ? `There is no endpoint named “${options.endpoint}”. Endpoints: ${endpoints.map((e) => e.name).join(', ') || 'none'}.` : `${dataDir} has no endpoints yet.`);
  }
  const result = await trigger(provider, name, endpoint, options.ingress);
  if (!result.response) {
    throw new HookbridgeError('NOT_FOUND', `${result.error} Start hookbridge serve (or the app) first, or pass --ingress.`);
  }
  console.log(`${provider} ${name} → ${endpoint.name}: ${result.response.status} ${result.response.body.slice(0, 300)}`);
  if (result.response.status >= 300) process.exitCode = 1;
}
