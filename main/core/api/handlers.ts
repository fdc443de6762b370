// The contract's implementation over the store and the bus. No transport concerns here.
import type { Bus } from '../bus';
import type { ExportJobs } from '../export/jobs';
import { maskSecret } from '../mask';
import { replay } from '../replay/replay';
import { trigger } from '../replay/trigger';
import { newUlid } from '../ids';
import { explained } from './explain';
import type { Endpoint, EndpointAuth, EventDetail, PublicEndpoint, PublicEndpointAuth, ResponseRule, Settings, Status, TunnelSetup } from '../model';
import type { Store } from '../store/store';
import type { Handlers } from './contract';

export interface HandlerContext {
  readonly store: Store;
  bus: Bus;
  status(): Status;
  /** The local ingress URL of an endpoint token. */
  endpointUrl(token: string): string;
  /** The endpoint's URL through the tunnel, or null while the tunnel is not online. */
  publicEndpointUrl(token: string): string | null;
  startTunnel(): Status['tunnel'];
  stopTunnel(): Promise<Status['tunnel']>;
  /** Uses the token from now on (and restarts a started tunnel); `remember` keeps it encrypted where the app can. */
  setTunnelAuthtoken(token: string, remember: boolean): Promise<TunnelSetup>;
  forgetTunnelAuthtoken(): Promise<TunnelSetup>;
  /** The desktop app opens (or stops opening) at login; refused in headless mode. */
  setOpenAtLogin(enabled: boolean): Status['desktop'];
  /** Exports started from the UI. */
  exports: ExportJobs;
  /** The ingress's own URL (http://127.0.0.1:<port>), for samples posted to it. */
  ingressUrl(): string;
  /** After settings changed: the tunnel picks up a new domain. */
  settingsChanged(settings: Settings): Promise<void>;
  /** Called after any endpoint change so the ingress sees it at once. */
  endpointsChanged(): void;
}

export function toPublicEndpoint(endpoint: Endpoint, url: string, publicUrl: string | null = null): PublicEndpoint {
  const { auth, ...rest } = endpoint;
  return {
    ...rest,
    url,
    ...(publicUrl ? { publicUrl } : {}),
    auth: publicAuth(auth),
  };
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
      return { kind: auth.kind, secretHint: maskSecret(auth.secret), enforce: auth.enforce };
    case 'stripe':
    case 'standard-webhooks':
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

/** New rules get an id; the rest keep theirs (and their counters, as sent). */
function withIds(rules: readonly (Omit<ResponseRule, 'id'> & { id?: string | undefined })[]): ResponseRule[] {
  return rules.map((rule) => ({ ...rule, id: rule.id ?? newUlid() }));
}

export function createHandlers(ctx: HandlerContext): Handlers {
  const { bus } = ctx;
  // The store is read on each call: it opens when the app starts, after the handlers exist.
  const publish = (endpoint: Endpoint): PublicEndpoint => {
    const view = toPublicEndpoint(endpoint, ctx.endpointUrl(endpoint.token), ctx.publicEndpointUrl(endpoint.token));
    ctx.endpointsChanged();
    bus.emit('endpoint.changed', { endpoint: view });
    return view;
  };

  return {
    getStatus: () => ctx.status(),
    listEndpoints: () => ctx.store.endpoints.list().map((e) => toPublicEndpoint(e, ctx.endpointUrl(e.token), ctx.publicEndpointUrl(e.token))),
    createEndpoint: ({ rules, ...input }) => publish(ctx.store.endpoints.create({ ...input, ...(rules ? { rules: withIds(rules) } : {}) })),
    updateEndpoint: ({ id, rules, ...changes }) => publish(ctx.store.endpoints.update(id, { ...changes, ...(rules ? { rules: withIds(rules) } : {}) })),
    deleteEndpoint: ({ id }) => {
      ctx.store.endpoints.delete(id);
      ctx.endpointsChanged();
      bus.emit('endpoint.changed', { deletedId: id });
      return { deleted: true };
    },
    listEvents: ({ filter, cursor, limit, direction }) =>
      ctx.store.requests.list(filter, cursor, limit, ctx.store.getSettings().defaultCountryCode, direction),
    countEvents: ({ filter }) => ctx.store.requests.count(filter, ctx.store.getSettings().defaultCountryCode),
    getActivity: ({ filter, from, to, bucket }) =>
      ctx.store.requests.activity({ ...filter, from, to }, bucket, ctx.store.getSettings().defaultCountryCode),
    getEvent: ({ id }) => withSecretsMasked(explained(ctx.store.requests.get(id), ctx.store.getSettings().language), ctx.store),
    getTimeline: ({ key, limit }) => ({ key, events: ctx.store.requests.timeline(key, limit, ctx.store.getSettings().defaultCountryCode) }),
    pinEvent: ({ id, pinned }) => {
      ctx.store.requests.pin(id, pinned);
      return { id, pinned };
    },
    deleteEvents: ({ ids }) => ({ deleted: ctx.store.deleteRequests(ids) }),
    replayEvent: async (input) => {
      const delivery = await replay(ctx.store, input);
      ctx.store.deliveries.insert(delivery);
      bus.emit('delivery.created', delivery);
      return delivery;
    },
    sendSample: async ({ endpointId, provider, name }) => {
      const result = await trigger(provider, name, ctx.store.endpoints.get(endpointId), ctx.ingressUrl());
      let eventId: string | null = null;
      try {
        eventId = (JSON.parse(result.response?.body ?? 'null') as { id?: string } | null)?.id ?? null;
      } catch {
        // A rule may answer anything: then the sample's event id is not in the answer.
      }
      return { status: result.response?.status ?? null, error: result.error, eventId };
    },
    exportEvents: (request) => ctx.exports.start(request),
    cancelExport: ({ exportId }) => ctx.exports.cancel(exportId),
    listDeliveries: ({ id, limit }) => ctx.store.deliveries.forRequest(id, limit),
    getSettings: () => ctx.store.getSettings(),
    updateSettings: async (patch) => {
      const settings = ctx.store.updateSettings(patch);
      ctx.store.prune(settings.retention);
      await ctx.settingsChanged(settings);
      bus.emit('status.changed', ctx.status());
      return settings;
    },
    startTunnel: () => ctx.startTunnel(),
    stopTunnel: () => ctx.stopTunnel(),
    setTunnelAuthtoken: ({ authtoken, remember }) => ctx.setTunnelAuthtoken(authtoken, remember),
    forgetTunnelAuthtoken: () => ctx.forgetTunnelAuthtoken(),
    setOpenAtLogin: ({ enabled }) => ctx.setOpenAtLogin(enabled),
    markSeen: ({ ids, all }) => {
      bus.emit('events.seen', all ? { all: true } : { ids: ids ?? [] });
      return { ok: true };
    },
  };
}
