// THE API contract: every operation once, with its zod input schema and its output type. The Electron IPC
// adapter and the headless HTTP server are both generated from this object; adding a method is one entry here.
import { z } from 'zod';
import type { BusMessage } from '../bus';
import {
  AlertPause,
  AlertRuleInput,
  type AlertState,
  EndpointAuth,
  EndpointProvider,
  ProviderId,
  EventFilter,
  type EventDetail,
  type EventSummary,
  type Page,
  type PublicEndpoint,
  ForwardConfig,
  HandshakeSettingsInput,
  HeaderPair,
  ResponseRuleInput,
  TargetUrl,
  type Delivery,
  SettingsPatch,
  type Settings,
  type Status,
  type TunnelSetup,
  type OpenApiSpecState,
  type OpenApiSpecSummary,
} from '../model';

/** A method's runtime part is its input schema; its output type rides along for the type checker only. */
export interface Method<I extends z.ZodType, O> {
  readonly input: I;
  readonly description: string;
  /** The largest request body the HTTP door reads for it; absent: 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Phantom: never set at runtime. */
  readonly output?: O;
}

function method<I extends z.ZodType>(input: I, description: string, options: { maxBodyBytes?: number } = {}) {
  return { returns: <O>(): Method<I, O> => ({ input, description, ...options }) };
}

const NoInput = z.object({}).strict().default({});
const Id = z.string().min(1).max(200);
const EndpointName = z.string().trim().min(1, 'Name the endpoint').max(100);
const Rules = z
  .array(ResponseRuleInput)
  .max(50, 'at most 50 rules per endpoint')
  .refine((rules) => new Set(rules.flatMap((r) => (r.id ? [r.id] : []))).size === rules.filter((r) => r.id).length, 'two rules have the same id');

const AlertRules = z
  .array(AlertRuleInput)
  .max(50, 'at most 50 alert rules per endpoint')
  .refine((rules) => new Set(rules.flatMap((r) => (r.id ? [r.id] : []))).size === rules.filter((r) => r.id).length, 'two alert rules have the same id');

/** GitHub's webhooks description is about 5 MB; a document is refused beyond 64 MiB. */
const maxOpenApiChars = 64 * 1024 * 1024;

export const contract = {
  getStatus: method(NoInput, 'Health of the ingress, store, retention and tunnel.').returns<Status>(),
  listProviders: method(NoInput, 'The providers an endpoint can be set to (LOX24, Soyio, the built-in packs and your own), with the signature check each starts with, its handshake and its origin.').returns<
    { id: string; label: string; signature: string | null; handshake: string | null; origin: 'built-in' | 'user' }[]
  >(),
  listProviderPacks: method(NoInput, 'The user’s provider packs (<data folder>/providers/*.json): each pack with its file, and each file that could not be used with the reason (file and path).').returns<{
    folder: string;
    packs: { id: string; name: string; file: string }[];
    errors: { file: string; message: string }[];
  }>(),
  importProviderPack: method(
    z.object({ fileName: z.string().trim().min(1).max(200), content: z.string().min(2).max(256 * 1024) }).strict(),
    'Saves a provider pack file into <data folder>/providers/ after checking it (a broken pack is refused with the file and path), and loads it: stored events it claims are re-described in the background.',
  ).returns<{ folder: string; packs: { id: string; name: string; file: string }[]; errors: { file: string; message: string }[] }>(),
  listOpenApiSpecs: method(NoInput, 'The OpenAPI descriptions imported for providers (<data folder>/providers/openapi/): title, version, how many webhooks each describes, and what its import could not use.').returns<OpenApiSpecState>(),
  importOpenApi: method(
    z
      .object({
        fileName: z.string().trim().min(1).max(200),
        content: z.string().min(2).max(maxOpenApiChars, 'The document is larger than 64 MiB.'),
        provider: ProviderId.optional(),
      })
      .strict(),
    'Imports a provider’s OpenAPI 3.0/3.1 description (JSON or YAML): its webhooks are matched to event names and, from then on, captured payloads of that provider are checked against their schemas in the background (issues by JSON path, undocumented fields as drift). Without `provider`, the provider is recognised from the document’s title. Stored events of that provider are checked again.',
    { maxBodyBytes: maxOpenApiChars * 2 },
  ).returns<OpenApiSpecSummary>(),
  removeOpenApiSpec: method(z.object({ provider: ProviderId }).strict(), 'Removes a provider’s imported OpenAPI description: its events are no longer checked against it.').returns<OpenApiSpecState>(),
  listEndpoints: method(NoInput, 'Every endpoint with its local URL; secrets are masked.').returns<PublicEndpoint[]>(),
  createEndpoint: method(
    z
      .object({
        name: EndpointName,
        provider: EndpointProvider.default('auto'),
        enabled: z.boolean().default(true),
        notify: z.boolean().default(true),
        auth: EndpointAuth.optional(),
        rules: Rules.optional(),
        alertRules: AlertRules.optional(),
        forward: ForwardConfig.nullable().optional(),
        handshakes: HandshakeSettingsInput.optional(),
      })
      .strict(),
    'Creates an endpoint with a new unguessable token.',
  ).returns<PublicEndpoint>(),
  updateEndpoint: method(
    z
      .object({
        id: Id,
        name: EndpointName.optional(),
        provider: EndpointProvider.optional(),
        enabled: z.boolean().optional(),
        notify: z.boolean().optional(),
        auth: EndpointAuth.optional(),
        /** Replaces the endpoint's response rules, in this order; a rule without an id is new. */
        rules: Rules.optional(),
        alertRules: AlertRules.optional(),
        /** Forward-to: every request also goes to your local app; null turns it off. */
        forward: ForwardConfig.nullable().optional(),
        /** Which registration handshakes it answers, and their secrets: a secret left out stays, null removes it. */
        handshakes: HandshakeSettingsInput.optional(),
        rotateToken: z.boolean().optional(),
      })
      .strict(),
    'Renames, enables/disables, mutes/unmutes notifications, changes the provider, auth check, response rules or handshake settings, or rotates the token.',
  ).returns<PublicEndpoint>(),
  deleteEndpoint: method(z.object({ id: Id }).strict(), 'Deletes an endpoint; its captured events stay.').returns<{ deleted: true }>(),
  listEvents: method(
    z
      .object({
        filter: EventFilter.default({}),
        /** The `nextCursor` of the previous page; absent for the newest page. */
        cursor: z.number().int().positive().nullable().default(null),
        limit: z.number().int().min(1).max(500).default(100),
        /** `older` pages down from the cursor; `newer` returns the rows just above it. */
        direction: z.enum(['older', 'newer']).default('older'),
      })
      .strict(),
    'One page of the feed, newest first.',
  ).returns<Page>(),
  countEvents: method(
    z.object({ filter: EventFilter.default({}) }).strict(),
    'How many events match the filter, how many of them failed, and the newest event seq counted (live events above it are not in the count).',
  ).returns<{ events: number; failed: number; throughSeq: number }>(),
  getActivity: method(
    z
      .object({
        filter: EventFilter.default({}),
        /** Range of received time; the filter's own from/to are replaced by it. */
        from: z.number().int(),
        to: z.number().int(),
        bucket: z.enum(['minute', 'hour', 'day']).default('minute'),
      })
      .strict()
      .refine((a) => a.to > a.from, { message: 'to must be after from', path: ['to'] })
      .refine((a) => (a.to - a.from) / { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[a.bucket] <= 5_000, {
        message: 'too many buckets: pick a larger bucket for this range',
        path: ['bucket'],
      }),
    'Events and failures per time bucket over a range, counted by the store (the activity chart).',
  ).returns<{ bucketMs: number; buckets: { start: number; events: number; failed: number }[] }>(),
  getEvent: method(z.object({ id: Id }).strict(), 'Everything stored about one request, with its description.').returns<EventDetail>(),
  getTimeline: method(
    z.object({ key: z.string().min(1).max(500), limit: z.number().int().min(1).max(5000).default(1000) }).strict(),
    'Every event sharing a correlation key, oldest first.',
  ).returns<{ key: string; events: EventSummary[] }>(),
  pinEvent: method(z.object({ id: Id, pinned: z.boolean().default(true) }).strict(), 'Pinned events are never pruned.').returns<{ id: string; pinned: boolean }>(),
  deleteEvents: method(z.object({ ids: z.array(Id).min(1).max(10_000) }).strict(), 'Deletes events, pinned ones too.').returns<{ deleted: number }>(),
  replayEvent: method(
    z
      .object({
        id: Id,
        url: TargetUrl,
        /** Replaces the body (UTF-8); absent: the exact stored bytes. */
        body: z.string().max(10 * 1024 * 1024).optional(),
        /** Replaces the headers; absent: the stored ones (hop-by-hop headers are never sent). */
        headers: z.array(HeaderPair).max(500).optional(),
        /** Sign again with the endpoint's secret and a fresh timestamp. */
        resign: z.boolean().default(false),
      })
      .strict(),
    'Sends a stored request again to a URL and records what it answered.',
  ).returns<Delivery>(),
  getBodyPart: method(
    z.object({ id: Id, index: z.number().int().min(0).max(100_000) }).strict(),
    'The bytes of one part of a multipart/form-data body (base64), to download: a file part is never rendered.',
  ).returns<{ name: string; filename: string | null; contentType: string | null; size: number; base64: string }>(),
  confirmSubscription: method(
    z.object({ id: Id }).strict(),
    'Confirms the AWS SNS subscription a stored SubscriptionConfirmation asks for: calls its SubscribeURL (HTTPS to sns.<region>.amazonaws.com only) and records the answer. Nothing else ever calls a URL a sender gives.',
  ).returns<Delivery>(),
  listDeliveries: method(
    z.object({ id: Id, limit: z.number().int().min(1).max(500).default(50) }).strict(),
    'The replays and forwards of one request, newest first, with what each target answered.',
  ).returns<Delivery[]>(),
  listSamples: method(NoInput, 'The events sendSample can post, by provider: LOX24 and Soyio samples and every provider pack’s documented examples.').returns<{ provider: string; names: string[] }[]>(),
  sendSample: method(
    z.object({ endpointId: Id, provider: ProviderId, name: z.string().min(1).max(200) }).strict(),
    'Posts a realistic sample of one event (listSamples names them) to the endpoint, signed the way it checks (like stripe trigger).',
  ).returns<{ status: number | null; error: string | null; eventId: string | null }>(),
  exportEvents: method(
    z
      .object({
        format: z.enum(['json', 'ts', 'har', 'curl']).default('json'),
        /** The feed's filter; or `ids` to export exactly those. */
        filter: EventFilter.default({}),
        ids: z.array(Id).min(1).max(100_000).optional(),
        redact: z.boolean().default(true),
        dedupe: z.boolean().default(false),
      })
      .strict(),
    'Starts an export; export.progress messages follow. The app asks where to save; headless mode offers a zip download.',
  ).returns<{ exportId: string }>(),
  cancelExport: method(z.object({ exportId: Id }).strict(), 'Stops a running export; nothing of it is kept.').returns<{ cancelled: boolean }>(),
  getSettings: method(NoInput, 'The user settings (retention, language).').returns<Settings>(),
  updateSettings: method(SettingsPatch, 'Changes some settings; the rest stay.').returns<Settings>(),
  startTunnel: method(NoInput, 'Starts the ngrok tunnel to the ingress; the outcome arrives as status.changed.').returns<Status['tunnel']>(),
  stopTunnel: method(NoInput, 'Stops the ngrok tunnel and any pending reconnect; the local ingress keeps working.').returns<Status['tunnel']>(),
  setTunnelAuthtoken: method(
    z
      .object({
        authtoken: z
          .string()
          .trim()
          .min(1, 'Paste your ngrok authtoken')
          .max(512, 'That is longer than any ngrok authtoken: paste the token alone')
          .regex(/^\S+$/, 'Paste the authtoken alone, without spaces or line breaks'),
        /** Keep it (encrypted by the system keychain) across restarts, where the app can. */
        remember: z.boolean().default(true),
      })
      .strict(),
    'Uses this ngrok authtoken from now on (a started tunnel reconnects with it). Never returned, logged or shown again.',
  ).returns<TunnelSetup>(),
  forgetTunnelAuthtoken: method(NoInput, 'Removes the entered or saved authtoken; a startup one (NGROK_AUTHTOKEN) is used again.').returns<TunnelSetup>(),
  setOpenAtLogin: method(
    z.object({ enabled: z.boolean() }).strict(),
    'The desktop app opens at login (macOS, Windows), or no longer does; refused in headless mode.',
  ).returns<Status['desktop']>(),
  markSeen: method(
    z
      .object({ ids: z.array(Id).min(1).max(10_000).optional(), all: z.literal(true).optional() })
      .strict()
      .refine((input) => (input.ids === undefined) !== (input.all === undefined), { message: 'give either ids or all: true' }),
    'Failures the user has seen (opened in the UI, or "Mark all seen"): the tray stops counting them.',
  ).returns<{ ok: true }>(),
  getAlerts: method(NoInput, 'The alert policy: paused or not (and until when), unseen failures, the burst window.').returns<AlertState>(),
  pauseAlerts: method(
    z.object({ for: AlertPause }).strict(),
    'Silences alerts for 15 minutes, 1 hour or until resumed, wherever they are shown; events are still captured and counted as unseen.',
  ).returns<AlertState>(),
  resumeAlerts: method(NoInput, 'Alerts are raised again from the next failure on.').returns<AlertState>(),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const methodNames = Object.keys(contract) as MethodName[];

/** What a caller passes (defaults may be left out). */
export type InputOf<K extends MethodName> = z.input<Contract[K]['input']>;
/** What a handler receives (defaults filled in, validated). */
export type ParsedInputOf<K extends MethodName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends MethodName> = Contract[K] extends Method<z.ZodType, infer O> ? O : never;

/** The implementation side: one function per method. */
export type Handlers = { [K in MethodName]: (input: ParsedInputOf<K>) => OutputOf<K> | Promise<OutputOf<K>> };

/** The calling side, the same over IPC, HTTP or in-process. */
export type Api = { [K in MethodName]: (input?: InputOf<K>) => Promise<OutputOf<K>> };

/** Sent instead of missed messages when they cannot be replayed: the client reloads its views. */
export interface StreamResync {
  type: 'stream.resync';
  data: { reason: string };
}

/** One message of the event stream: exactly what the bus carries. */
export type StreamMessage = BusMessage;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
