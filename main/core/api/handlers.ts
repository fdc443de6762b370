// The contract's implementation: one handler per method, over the running services. No transport concerns here.
import { HookbridgeError } from '../errors';
import { maskSecret } from '../mask';
import { replay } from '../replay/replay';
import { confirmSns } from '../replay/confirm-sns';
import { providerLabel, providerList, providersNow } from '../providers';
import { isMultipart, multipartPartBytes } from '../bodies';
import { meaningOf } from '../store/rows';
import { sampleNames, trigger } from '../replay/trigger';
import { newUlid } from '../ids';
import { explained } from './explain';
import type { AlertRule, Endpoint, EndpointAuth, EventDetail, HandshakeSettings, PublicEndpoint, PublicEndpointAuth, PublicHandshakeSettings, ResponseRule } from '../model';
import type { Store } from '../store/store';
import type { Handlers } from './contract';
import type { EndpointUrls, Services } from './services';

/** An endpoint as the UI may see it: its URLs, and hints instead of secrets. */
export function toPublicEndpoint(endpoint: Endpoint, urls: EndpointUrls): PublicEndpoint {
  const { auth, handshakes, ...rest } = endpoint;
  const publicUrl = urls.public(endpoint.token);
  return {
    ...rest,
    url: urls.local(endpoint.token),
    ...(publicUrl ? { publicUrl } : {}),
    auth: publicAuth(auth),
    handshakes: publicHandshakes(handshakes),
  };
}

/** The handshake settings as the UI may see them: each secret only as a masked hint. */
export function publicHandshakes({ mode, provider, verifyToken, zoomSecretToken, xConsumerSecret }: HandshakeSettings): PublicHandshakeSettings {
  const hint = (secret: string | null): string | null => (secret === null ? null : maskSecret(secret));
  return { mode, provider, verifyTokenHint: hint(verifyToken), zoomSecretTokenHint: hint(zoomSecretToken), xConsumerSecretHint: hint(xConsumerSecret) };
}

/** The endpoint's check as the UI may see it: every secret replaced by a masked hint. */
export function publicAuth(auth: EndpointAuth): PublicEndpointAuth {
  switch (auth.kind) {
    case 'none':
      return auth;
    case 'header':
      return { kind: 'header', header: auth.header, valueHint: maskSecret(auth.value), enforce: auth.enforce };
    case 'basic':
      return { kind: 'basic', username: auth.username, passwordHint: maskSecret(auth.password), enforce: auth.enforce };
    case 'hub-signature-256':
    case 'shopify':
    case 'twilio':
      return { kind: auth.kind, secretHint: maskSecret(auth.secret), enforce: auth.enforce };
    case 'sendgrid':
      return { kind: auth.kind, publicKeyHint: `${auth.publicKey.slice(0, 12)}… (${auth.publicKey.length} characters)`, toleranceSeconds: auth.toleranceSeconds, enforce: auth.enforce };
    case 'stripe':
    case 'standard-webhooks':
    case 'slack':
    case 'zoom':
    case 'paddle':
    case 'mailgun':
      return { kind: auth.kind, secretHint: maskSecret(auth.secret), toleranceSeconds: auth.toleranceSeconds, enforce: auth.enforce };
  }
}

/**
 * A provider that passes a static token or Basic check sends the endpoint's secret itself: the stored request
 * keeps it (replays need it), but the UI sees only a hint.
 */
function withSecretsMasked(event: EventDetail, store: Store): EventDetail {
  const endpoint = store.endpoints.list().find((e) => e.id === event.endpointId);
  const auth = endpoint?.auth;
  const secretHeader = auth?.kind === 'header' ? auth.header.toLowerCase() : auth?.kind === 'basic' ? 'authorization' : null;
  if (!secretHeader) return event;
  return { ...event, headers: event.headers.map(([name, value]): [string, string] => (name.toLowerCase() === secretHeader ? [name, maskSecret(value)] : [name, value])) };
}

/** `auto`, or a provider Hookbridge has; else the refusal names the ones it has. */
function knownProvider(provider: string | undefined): true {
  if (provider === undefined || provider === 'auto' || providerLabel(provider) !== undefined) return true;
  const message = `There is no provider “${provider}”. Known: auto, ${providersNow().map((p) => p.id).join(', ')}.`;
  throw new HookbridgeError('INVALID_INPUT', message, { fields: [{ path: 'provider', message }] });
}

/** New rules get an id; the rest keep theirs (and their counters, as sent). */
function withIds<R extends { id: string }>(rules: readonly (Omit<R, 'id'> & { id?: string | undefined })[]): R[] {
  return rules.map((rule) => ({ ...rule, id: rule.id ?? newUlid() }) as R);
}

export function createHandlers(services: Services): Handlers {
  const { bus, tunnel, urls } = services;
  // The store is read on each call (services.store): it opens when the app starts, after the handlers exist.
  const settings = () => services.store.getSettings();
  const statusChanged = () => {
    const now = services.status();
    bus.emit('status.changed', now);
    return now;
  };
  const publish = (endpoint: Endpoint): PublicEndpoint => {
    const view = toPublicEndpoint(endpoint, urls);
    services.endpointsChanged();
    bus.emit('endpoint.changed', { endpoint: view });
    return view;
  };

  return {
    getStatus: () => services.status(),
    listProviders: () => providerList(),
    listProviderPacks: () => services.userPacks.state(),
    importProviderPack: ({ fileName, content }) => {
      const state = services.userPacks.import(fileName, content);
      bus.emit('status.changed', services.status());
      return state;
    },
    listOpenApiSpecs: () => services.schemaChecks.list(),
    importOpenApi: ({ fileName, content, provider }) => {
      const known = providerList().map((p) => ({ id: p.id, label: p.label }));
      return services.schemaChecks.import({ fileName, content, provider, known });
    },
    removeOpenApiSpec: ({ provider }) => services.schemaChecks.remove(provider),
    listEndpoints: () => services.store.endpoints.list().map((e) => toPublicEndpoint(e, urls)),
    createEndpoint: ({ rules, alertRules, ...input }) =>
      knownProvider(input.provider) &&
      publish(services.store.endpoints.create({ ...input, ...(rules ? { rules: withIds<ResponseRule>(rules) } : {}), ...(alertRules ? { alertRules: withIds<AlertRule>(alertRules) } : {}) })),
    updateEndpoint: ({ id, rules, alertRules, ...changes }) =>
      knownProvider(changes.provider) &&
      publish(services.store.endpoints.update(id, { ...changes, ...(rules ? { rules: withIds<ResponseRule>(rules) } : {}), ...(alertRules ? { alertRules: withIds<AlertRule>(alertRules) } : {}) })),
    deleteEndpoint: ({ id }) => {
      services.store.endpoints.delete(id);
      services.endpointsChanged();
      bus.emit('endpoint.changed', { deletedId: id });
      return { deleted: true };
    },
    listEvents: ({ filter, cursor, limit, direction }) => services.store.requests.list(filter, cursor, limit, settings().defaultCountryCode, direction),
    countEvents: ({ filter }) => services.store.requests.count(filter, settings().defaultCountryCode),
    getActivity: ({ filter, from, to, bucket }) => services.store.requests.activity({ ...filter, from, to }, bucket, settings().defaultCountryCode),
    getEvent: ({ id }) => withSecretsMasked(explained(services.store.requests.get(id), settings().language), services.store),
    getTimeline: ({ key, limit }) => ({ key, events: services.store.requests.timeline(key, limit, settings().defaultCountryCode) }),
    pinEvent: ({ id, pinned }) => {
      services.store.requests.pin(id, pinned);
      return { id, pinned };
    },
    deleteEvents: ({ ids }) => ({ deleted: services.store.deleteRequests(ids) }),
    replayEvent: async (input) => {
      const delivery = await replay(services.store, input);
      services.store.deliveries.insert(delivery);
      bus.emit('delivery.created', delivery);
      return delivery;
    },
    listSamples: () => sampleNames(),
    sendSample: async ({ endpointId, provider, name }) => {
      const result = await trigger(provider, name, services.store.endpoints.get(endpointId), urls.ingress());
      let eventId: string | null = null;
      try {
        eventId = (JSON.parse(result.response?.body ?? 'null') as { id?: string } | null)?.id ?? null;
      } catch {
        // A rule may answer anything: then the sample's event id is not in the answer.
      }
      return { status: result.response?.status ?? null, error: result.error, eventId };
    },
    exportEvents: (request) => services.exports.start(request),
    cancelExport: ({ exportId }) => services.exports.cancel(exportId),
    getBodyPart: async ({ id, index }) => {
      const raw = services.store.requests.raw(id);
      const found = isMultipart(raw.contentType) && raw.contentType ? await multipartPartBytes(meaningOf(raw), raw.contentType, index) : null;
      if (!found) throw new HookbridgeError('NOT_FOUND', `Event ${id} has no multipart part ${index}.`);
      const { part, bytes } = found;
      return { name: part.name, filename: part.filename, contentType: part.contentType, size: bytes.length, base64: bytes.toString('base64') };
    },
    confirmSubscription: async ({ id }) => {
      const delivery = await confirmSns(services.store, id, services.fetch);
      bus.emit('delivery.created', delivery);
      return delivery;
    },
    listDeliveries: ({ id, limit }) => services.store.deliveries.forRequest(id, limit),
    getSettings: () => settings(),
    updateSettings: async (patch) => {
      const updated = services.store.updateSettings(patch);
      services.retentionChanged();
      // The ngrok domain may have changed: a running tunnel reconnects with it.
      await tunnel.settingsChanged();
      statusChanged();
      return updated;
    },
    startTunnel: () => {
      void services.store; // refused before the app started, like every other method
      return tunnel.start();
    },
    stopTunnel: () => tunnel.stop(),
    setTunnelAuthtoken: async ({ authtoken, remember }) => {
      await tunnel.setAuthtoken(authtoken, remember);
      return statusChanged().tunnelSetup;
    },
    forgetTunnelAuthtoken: async () => {
      await tunnel.forgetAuthtoken();
      return statusChanged().tunnelSetup;
    },
    setOpenAtLogin: ({ enabled }) => {
      const { desktop } = services;
      if (!desktop) throw new HookbridgeError('UNSUPPORTED', 'Open at login is a setting of the desktop app; headless mode (hookbridge serve) never starts by itself.');
      if (desktop.openAtLogin() === null) throw new HookbridgeError('UNSUPPORTED', desktop.note ?? 'This system offers no way to open Hookbridge at login.');
      desktop.setOpenAtLogin(enabled);
      return statusChanged().desktop;
    },
    markSeen: ({ ids, all }) => {
      bus.emit('events.seen', all ? { all: true } : { ids: ids ?? [] });
      return { ok: true };
    },
    getAlerts: () => services.alerts.state(),
    pauseAlerts: (input) => services.alerts.pause(input.for),
    resumeAlerts: () => services.alerts.resume(),
  };
}
