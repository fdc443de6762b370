// The shapes of Hookbridge's data, written once as zod schemas; TypeScript types are inferred from them.
import { z } from 'zod';
import { patternProblem } from './pattern';
import { handshakeIds, handshakeProviders } from './handshake-names';

/** How a provider pack's id is written (lowercase, digits, dashes): lox24, soyio, github, stripe, … */
export const providerIdPattern = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * The provider pack that described an event (`generic` when none claimed it). Open, not a closed list: a stored
 * row keeps its id even if that pack is gone (it still shows, and is described generically when re-described).
 */
export const ProviderId = z.string().regex(providerIdPattern, 'must be a provider id such as github or stripe');
export type ProviderId = string;

/** What an endpoint expects: a provider pack's id, or `auto` to let the packs detect themselves (the API checks the pack exists). */
export const EndpointProvider = ProviderId;
export type EndpointProvider = string;

/** Severity, one meaning each: failed = the provider reports a failure; error = the request itself is wrong. */
export const Severity = z.enum(['failed', 'error', 'ok', 'info']);
export type Severity = z.infer<typeof Severity>;

const headerName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a valid HTTP header name');

/** What happens to a request that fails its endpoint's check: answered 401, or answered as usual and flagged. */
export const AuthEnforce = z.enum(['reject', 'flag']);

const authSecret = z.string().min(8, 'must be at least 8 characters').max(500);
const tolerance = z.number().int().min(1).max(86_400).default(300);

/** A Standard Webhooks secret: "whsec_" and the base64 of the key (as Svix shows it). */
const standardSecret = z
  .string()
  .trim()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be the secret as your provider shows it: whsec_ followed by base64')
  .refine((s) => atob(s.slice(6)).length >= 16, 'the key after whsec_ is shorter than 16 bytes');

/**
 * How an endpoint checks who is calling: a static token header (LOX24 style), HTTP Basic, or a signature over
 * the raw body — X-Hub-Signature-256 (GitHub, Soyio), Stripe, Standard Webhooks (Svix). One file per scheme
 * in signatures/.
 */
export const EndpointAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('header'), header: headerName, value: authSecret, enforce: AuthEnforce.default('reject') }),
  z.object({
    kind: z.literal('basic'),
    username: z.string().min(1).max(200).regex(/^[^:]*$/, 'must not contain ":"'),
    password: z.string().min(1).max(500),
    enforce: AuthEnforce.default('reject'),
  }),
  z.object({ kind: z.literal('hub-signature-256'), secret: authSecret, enforce: AuthEnforce.default('reject') }),
  z.object({ kind: z.literal('stripe'), secret: authSecret, toleranceSeconds: tolerance, enforce: AuthEnforce.default('reject') }),
  z.object({ kind: z.literal('standard-webhooks'), secret: standardSecret, toleranceSeconds: tolerance, enforce: AuthEnforce.default('reject') }),
  /** Slack's signing secret: X-Slack-Signature "v0=" HMAC over "v0:<X-Slack-Request-Timestamp>:<body>". */
  z.object({ kind: z.literal('slack'), secret: authSecret, toleranceSeconds: tolerance, enforce: AuthEnforce.default('reject') }),
  /** Zoom's secret token: x-zm-signature "v0=" HMAC over "v0:<x-zm-request-timestamp>:<body>" (it also answers Zoom's URL validation). */
  z.object({ kind: z.literal('zoom'), secret: authSecret, toleranceSeconds: tolerance, enforce: AuthEnforce.default('reject') }),
  /** Shopify's client secret: X-Shopify-Hmac-Sha256, the base64 HMAC-SHA256 of the body. */
  z.object({ kind: z.literal('shopify'), secret: authSecret, enforce: AuthEnforce.default('reject') }),
  /** Twilio's auth token: X-Twilio-Signature, HMAC-SHA1 over the URL Twilio called and the sorted form parameters. */
  z.object({ kind: z.literal('twilio'), secret: authSecret, enforce: AuthEnforce.default('reject') }),
  /** Paddle Billing's secret key: Paddle-Signature ts=…;h1=<hex HMAC over "ts:body">. */
  z.object({ kind: z.literal('paddle'), secret: authSecret, toleranceSeconds: tolerance, enforce: AuthEnforce.default('reject') }),
  /** Mailgun's webhook signing key: the body's signature object, HMAC over timestamp + token. */
  z.object({ kind: z.literal('mailgun'), secret: authSecret, toleranceSeconds: tolerance, enforce: AuthEnforce.default('reject') }),
  /** SendGrid's Signed Event Webhook: its verification key (an EC public key, base64), not a secret. */
  z.object({
    kind: z.literal('sendgrid'),
    publicKey: z.string().trim().min(40, 'paste the verification key as SendGrid shows it').max(2000).regex(/^[A-Za-z0-9+/=\s-]+$/, 'must be base64, as SendGrid shows the verification key'),
    toleranceSeconds: tolerance,
    enforce: AuthEnforce.default('reject'),
  }),
]);
export type EndpointAuth = z.infer<typeof EndpointAuth>;
export type AuthKind = EndpointAuth['kind'];

/** The auth settings as the UI may see them: never the secret itself, only a masked hint. */
export const PublicEndpointAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('header'), header: z.string(), valueHint: z.string(), enforce: AuthEnforce }),
  z.object({ kind: z.literal('basic'), username: z.string(), passwordHint: z.string(), enforce: AuthEnforce }),
  z.object({ kind: z.literal('hub-signature-256'), secretHint: z.string(), enforce: AuthEnforce }),
  z.object({ kind: z.literal('stripe'), secretHint: z.string(), toleranceSeconds: z.number(), enforce: AuthEnforce }),
  z.object({ kind: z.literal('standard-webhooks'), secretHint: z.string(), toleranceSeconds: z.number(), enforce: AuthEnforce }),
  z.object({ kind: z.literal('slack'), secretHint: z.string(), toleranceSeconds: z.number(), enforce: AuthEnforce }),
  z.object({ kind: z.literal('zoom'), secretHint: z.string(), toleranceSeconds: z.number(), enforce: AuthEnforce }),
  z.object({ kind: z.literal('shopify'), secretHint: z.string(), enforce: AuthEnforce }),
  z.object({ kind: z.literal('twilio'), secretHint: z.string(), enforce: AuthEnforce }),
  z.object({ kind: z.literal('sendgrid'), publicKeyHint: z.string(), toleranceSeconds: z.number(), enforce: AuthEnforce }),
  z.object({ kind: z.literal('paddle'), secretHint: z.string(), toleranceSeconds: z.number(), enforce: AuthEnforce }),
  z.object({ kind: z.literal('mailgun'), secretHint: z.string(), toleranceSeconds: z.number(), enforce: AuthEnforce }),
]);
export type PublicEndpointAuth = z.infer<typeof PublicEndpointAuth>;

/** What the endpoint's check said about one request, stored with it. */
export const AuthCheck = z.object({
  scheme: z.enum(['header', 'basic', 'hub-signature-256', 'stripe', 'standard-webhooks', 'slack', 'zoom', 'shopify', 'twilio', 'sendgrid', 'paddle', 'mailgun']),
  result: z.enum(['valid', 'invalid', 'missing']),
  /** Why, in words: "header missing", "timestamp 412 s outside the 300 s tolerance", … */
  reason: z.string(),
  /** Whether a failed check rejected the request (401) or only flagged it. */
  enforced: z.boolean(),
});
export type AuthCheck = z.infer<typeof AuthCheck>;

export const HeaderPair = z.tuple([z.string(), z.string()]);
export type HeaderPair = z.infer<typeof HeaderPair>;

/** A JSON path such as $.data.status or $.errors_array[0].code. */
export const JsonPathText = z
  .string()
  .trim()
  .max(300)
  .regex(/^\$(\.[A-Za-z_$][\w$-]*|\[\d+\])*$/, 'must be a JSON path such as $.data.status or $.errors_array[0].code');

/** Which requests a response rule answers; every field given must match. */
export const RuleMatch = z
  .object({
    /** Event name glob: * matches any run of characters, dots included (verify_code.* matches verify_code.channel.failed). */
    event: z.string().trim().min(1).max(200).optional(),
    provider: ProviderId.optional(),
    method: z.string().trim().toUpperCase().regex(/^[A-Z]{1,20}$/, 'must be an HTTP method such as POST').optional(),
    json: z
      .object({
        path: JsonPathText,
        /**
         * equals: the value at the path equals `value` (JSON); exists / missing: the path is there or not;
         * matches: the value (as text) matches `pattern`, an RE2 pattern (linear time, whatever the body).
         */
        op: z.enum(['equals', 'exists', 'missing', 'matches']).default('equals'),
        value: z.unknown().optional(),
        pattern: z
          .string()
          .min(1)
          .max(200)
          .superRefine((pattern, ctx) => {
            const problem = patternProblem(pattern);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          })
          .optional(),
      })
      .strict()
      .refine((json) => json.op !== 'matches' || json.pattern !== undefined, { message: 'give the pattern to match', path: ['pattern'] })
      .optional(),
  })
  .strict();
export type RuleMatch = z.infer<typeof RuleMatch>;

export const RuleAction = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('respond'),
      status: z.number().int().min(200, 'must be 200–599').max(599, 'must be 200–599'),
      headers: z.array(z.tuple([headerName, z.string().max(2000).regex(/^[^\r\n]*$/, 'must be one line')])).max(50).default([]),
      body: z.string().max(64 * 1024).default(''),
      /** Wait this long before answering (after the request is committed), to watch the provider's timeout. */
      delayMs: z.number().int().min(0).max(60_000, 'at most 60 s').default(0),
    })
    .strict(),
  z
    .object({
      /** Close the connection without any answer (after the request is committed). */
      kind: z.literal('drop'),
      delayMs: z.number().int().min(0).max(60_000, 'at most 60 s').default(0),
    })
    .strict(),
]);
export type RuleAction = z.infer<typeof RuleAction>;

/** One response rule of an endpoint: rules are tried in order, and the first that matches answers. */
export const ResponseRule = z
  .object({
    id: z.string().min(1).max(40),
    name: z.string().trim().max(100).default(''),
    enabled: z.boolean().default(true),
    match: RuleMatch.default({}),
    action: RuleAction,
    /** Answer only the next N matching deliveries, then stand aside; null: every time. */
    remaining: z.number().int().min(0).max(1_000_000).nullable().default(null),
  })
  .strict();
export type ResponseRule = z.infer<typeof ResponseRule>;

/** A rule as the API takes it: the id may be left out for a new rule. */
export const ResponseRuleInput = ResponseRule.extend({ id: ResponseRule.shape.id.optional() });

/**
 * An alert rule of an endpoint: what counts as a failure beyond what the provider says. The first enabled rule
 * that matches decides: `notify` alerts as a failure, `never` keeps the event quiet even when it failed.
 */
export const AlertRule = z
  .object({
    id: z.string().min(1).max(40),
    name: z.string().trim().max(100).default(''),
    enabled: z.boolean().default(true),
    match: RuleMatch.default({}),
    action: z.enum(['notify', 'never']),
  })
  .strict();
export type AlertRule = z.infer<typeof AlertRule>;
export const AlertRuleInput = AlertRule.extend({ id: AlertRule.shape.id.optional() });

/** The alert rule that matched a request, kept with it for the alert policy and the inspector. */
export const AlertRuleHit = z.object({ ruleId: z.string(), name: z.string(), action: z.enum(['notify', 'never']) });
export type AlertRuleHit = z.infer<typeof AlertRuleHit>;

/** Which rule answered a request, kept with it. */
export const AnsweredBy = z.object({ ruleId: z.string(), name: z.string(), delayMs: z.number(), dropped: z.boolean() });
export type AnsweredBy = z.infer<typeof AnsweredBy>;

/** Where a replay or forward may go: an http(s) URL, usually your app on localhost. */
export const TargetUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((text) => URL.canParse(text), 'must be a full URL such as http://localhost:3000/webhooks')
  .refine((text) => !URL.canParse(text) || ['http:', 'https:'].includes(new URL(text).protocol), 'must start with http:// or https://');

/** Forward-to: every request this endpoint receives is also sent live to your local app. */
export const ForwardConfig = z
  .object({
    enabled: z.boolean().default(true),
    /** Where requests go when no route matches; null: only routed events are forwarded. */
    url: TargetUrl.nullable().default(null),
    /** pass-through: the provider gets your app's answer (502 when it is down); acknowledge: the provider gets Hookbridge's. */
    mode: z.enum(['pass-through', 'acknowledge']).default('acknowledge'),
    /** By event name, first match wins: verify_code.* → http://localhost:3000/webhooks/lox24. */
    routes: z.array(z.object({ event: z.string().trim().min(1).max(200), url: TargetUrl }).strict()).max(50).default([]),
    /** Alert when your app refuses, times out or answers 5xx to a forward (coalesced like every alert). */
    alertOnFailure: z.boolean().default(true),
  })
  .strict()
  .refine((f) => f.url !== null || f.routes.length > 0, { message: 'give a URL, or at least one route', path: ['url'] });
export type ForwardConfig = z.infer<typeof ForwardConfig>;

/** A stored request sent again (replay) or live (forward) to a URL, and what that URL answered. */
export const Delivery = z.object({
  id: z.string(),
  requestId: z.string(),
  /** confirm: an AWS SNS SubscribeURL called on the person's click. */
  kind: z.enum(['replay', 'forward', 'confirm']),
  url: z.string(),
  sentAt: z.number(),
  /** The body or headers were edited before sending. */
  edited: z.boolean(),
  /** Signed again with the endpoint's secret and a fresh timestamp. */
  resigned: z.boolean(),
  request: z.object({ method: z.string(), headers: z.array(HeaderPair), bodySize: z.number() }),
  response: z.object({ status: z.number(), headers: z.array(HeaderPair), body: z.string(), bodyTruncated: z.boolean() }).nullable(),
  durationMs: z.number(),
  /** Why there is no response: connection refused, timeout, … */
  error: z.string().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

/**
 * The registration handshakes the ingress answers, one module each in ingress/handshakes/: a provider sends one
 * before it sends any webhook, and refuses the URL unless it is answered its documented way.
 */
export { handshakeIds, handshakeProviders };
export const HandshakeId = z.enum(handshakeIds);
export type HandshakeId = z.infer<typeof HandshakeId>;


const handshakeSecret = z.string().trim().min(1, 'must not be empty').max(500);

/**
 * What an endpoint answers of the handshakes: every documented one (the default), only one provider's (Strava
 * instead of Meta for the same query), or none (every request is answered as a webhook). The secrets some
 * handshakes need are kept like signature secrets: never logged or exported, only a hint in the UI.
 */
export const HandshakeSettings = z
  .object({
    mode: z.enum(['documented', 'provider', 'off']).default('documented'),
    provider: HandshakeId.nullable().default(null),
    /** Meta / Strava hub.verify_token; null: any token is accepted, and the event says so. */
    verifyToken: handshakeSecret.nullable().default(null),
    /** Zoom's secret token: endpoint.url_validation is answered with an HMAC under it. */
    zoomSecretToken: handshakeSecret.nullable().default(null),
    /** X (Twitter) consumer secret: the CRC check is answered with an HMAC under it. */
    xConsumerSecret: handshakeSecret.nullable().default(null),
  })
  .strict()
  .refine((h) => h.mode !== 'provider' || h.provider !== null, { message: 'choose the provider whose handshake to answer', path: ['provider'] });
export type HandshakeSettings = z.infer<typeof HandshakeSettings>;
export const defaultHandshakeSettings: HandshakeSettings = { mode: 'documented', provider: null, verifyToken: null, zoomSecretToken: null, xConsumerSecret: null };

/** Changes to the handshake settings: a secret left out stays as it is, null removes it. */
export const HandshakeSettingsInput = z
  .object({
    mode: z.enum(['documented', 'provider', 'off']).optional(),
    provider: HandshakeId.nullable().optional(),
    verifyToken: handshakeSecret.nullable().optional(),
    zoomSecretToken: handshakeSecret.nullable().optional(),
    xConsumerSecret: handshakeSecret.nullable().optional(),
  })
  .strict();
export type HandshakeSettingsInput = z.infer<typeof HandshakeSettingsInput>;

/** The handshake settings as the UI may see them: each secret only as a masked hint, null when not set. */
export const PublicHandshakeSettings = z.object({
  mode: z.enum(['documented', 'provider', 'off']),
  provider: HandshakeId.nullable(),
  verifyTokenHint: z.string().nullable(),
  zoomSecretTokenHint: z.string().nullable(),
  xConsumerSecretHint: z.string().nullable(),
});
export type PublicHandshakeSettings = z.infer<typeof PublicHandshakeSettings>;

/** A request the ingress recognised as a registration handshake, and what came of it. */
export const HandshakeHit = z.object({
  id: HandshakeId,
  /** answered: the documented answer; refused: a verify token that does not match; needs-secret: the endpoint lacks what the answer is computed with; echo-too-long: over 1 KiB, answered as a webhook; awaiting-confirmation / confirmed: AWS SNS, confirmed only on a click. */
  outcome: z.enum(['answered', 'refused', 'needs-secret', 'echo-too-long', 'awaiting-confirmation', 'confirmed']),
  /** What the person should know, e.g. "any hub.verify_token was accepted: set one to check it". */
  note: z.string().nullable(),
});
export type HandshakeHit = z.infer<typeof HandshakeHit>;

export const Endpoint = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string(),
  provider: EndpointProvider,
  enabled: z.boolean(),
  /** Whether failures on this endpoint raise desktop notifications (muted endpoints still count in the tray). */
  notify: z.boolean(),
  auth: EndpointAuth,
  /** Tried in order before the default answer (200) and the forward mode. */
  rules: z.array(ResponseRule),
  alertRules: z.array(AlertRule).default([]),
  forward: ForwardConfig.nullable(),
  handshakes: HandshakeSettings.default(defaultHandshakeSettings),
  createdAt: z.number(),
});
export type Endpoint = z.infer<typeof Endpoint>;

export const PublicEndpoint = Endpoint.omit({ auth: true, handshakes: true }).extend({
  auth: PublicEndpointAuth,
  handshakes: PublicHandshakeSettings,
  /** Local ingress URL, ready to paste into curl. */
  url: z.string(),
  /** The public URL through the tunnel (`<tunnel url>/h/<token>`), only while the tunnel is online. */
  publicUrl: z.string().optional(),
});
export type PublicEndpoint = z.infer<typeof PublicEndpoint>;


export const SchemaIssue = z.object({
  path: z.string(),
  expected: z.string(),
  received: z.string(),
  message: z.string(),
});
export type SchemaIssue = z.infer<typeof SchemaIssue>;

/** What a provider module says about one request; computed at ingest and stored. */
export const Description = z.object({
  provider: ProviderId,
  name: z.string().nullable(),
  title: z.string(),
  severity: Severity,
  summary: z.string(),
  correlationKeys: z.array(z.string()),
  issues: z.array(SchemaIssue),
  /** Key into the explanation catalogue (providers/explanations.ts), resolved in the user's language on read. */
  explanation: z.string().nullable(),
  attempt: z.object({ number: z.number(), total: z.number() }).nullable(),
  /** Same key and same body as an earlier request = a duplicate delivery of it. */
  deliveryKey: z.string().nullable(),
  /** Requests of one group with a later attempt are retries of the group's first. */
  retryGroup: z.string().nullable(),
  /** Why this provider described it: "this endpoint is set to GitHub", "the X-GitHub-Event header"; absent: the fallback. */
  claim: z.string().nullable().optional(),
  /** Why it has its severity, when the provider says more than the name: "inferred from the event name", a Stripe decline message. */
  severityReason: z.string().nullable().optional(),
});
export type Description = z.infer<typeof Description>;

/** Why the ingress did not answer 2xx (or, for auth_unverified, what it let through), kept with the request. */
/** auth_unverified: the check failed on an endpoint set to accept and flag, so it was answered as usual. */
/** decoded_too_large: its Content-Encoding inflates past the body limit; encoding_unsupported / encoding_corrupt: it could not be decoded. */
export const RequestFlag = z.enum(['parse_error', 'auth_failed', 'auth_unverified', 'endpoint_disabled', 'body_too_large', 'decoded_too_large', 'encoding_unsupported', 'encoding_corrupt']);
export type RequestFlag = z.infer<typeof RequestFlag>;

export const ParseError = z.object({
  message: z.string(),
  /** Byte offset into the body where parsing failed, when known. */
  position: z.number().nullable(),
});
export type ParseError = z.infer<typeof ParseError>;

/** One row of the feed. */
export const EventSummary = z.object({
  id: z.string(),
  seq: z.number(),
  endpointId: z.string(),
  receivedAt: z.number(),
  method: z.string(),
  path: z.string(),
  contentType: z.string().nullable(),
  bodySize: z.number(),
  status: z.number(),
  provider: ProviderId,
  name: z.string().nullable(),
  title: z.string(),
  severity: Severity,
  summary: z.string(),
  attempt: z.object({ number: z.number(), total: z.number() }).nullable(),
  flags: z.array(RequestFlag),
  duplicateOf: z.string().nullable(),
  retryOf: z.string().nullable(),
  pinned: z.boolean(),
  /** The endpoint's auth or signature check, when it has one. */
  authCheck: AuthCheck.nullable(),
  /** The response rule that answered, or null for the default answer. */
  answeredBy: AnsweredBy.nullable(),
  /** The endpoint's alert rule that matched, or null. */
  alertRule: AlertRuleHit.nullable(),
  /** The registration handshake this request was, or null for a webhook. */
  handshake: HandshakeHit.nullable(),
});
export type EventSummary = z.infer<typeof EventSummary>;

/**
 * What the alert policy decided about an event, stored with it: why it is an alert (the provider reported a
 * failure, the endpoint's auth check failed, the local app failed a forward of it) or why a failure stayed
 * quiet (a redelivery of one already told), and what came of it: alerted on its own, folded into a burst's
 * summary, kept quiet by a pause or the endpoint's mute, or quiet by nature.
 */
export const AlertDecision = z.object({
  outcome: z.enum(['alerted', 'summarized', 'paused', 'muted', 'quiet']),
  reason: z.enum(['failed', 'auth', 'forward', 'redelivery', 'rule']),
  /** The alert rule that decided, when one did. */
  rule: z.string().optional(),
});
export type AlertDecision = z.infer<typeof AlertDecision>;

/** One node of an XML body's tree: an element, or text, CDATA or a comment inside one. */
export type XmlNode =
  | { kind: 'element'; name: string; attributes: [string, string][]; children: XmlNode[] }
  | { kind: 'text'; text: string }
  | { kind: 'cdata'; text: string }
  | { kind: 'comment'; text: string };
export const XmlNode: z.ZodType<XmlNode> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('element'), name: z.string(), attributes: z.array(z.tuple([z.string(), z.string()])), children: z.array(XmlNode) }),
    z.object({ kind: z.literal('text'), text: z.string() }),
    z.object({ kind: z.literal('cdata'), text: z.string() }),
    z.object({ kind: z.literal('comment'), text: z.string() }),
  ]),
);

/** One part of a multipart/form-data body: a text field (its text), or a file (name, type, size; downloaded, never shown). */
export const BodyPart = z.object({
  index: z.number(),
  name: z.string(),
  filename: z.string().nullable(),
  contentType: z.string().nullable(),
  size: z.number(),
  text: z.string().nullable(),
});
export type BodyPart = z.infer<typeof BodyPart>;

/** A body a person can read besides JSON: form fields, multipart parts, or an XML tree with its indented text. */
export const ReadableBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('form'), fields: z.array(z.tuple([z.string(), z.string()])) }),
  z.object({ kind: z.literal('multipart'), parts: z.array(BodyPart), problem: z.string().nullable() }),
  z.object({ kind: z.literal('xml'), pretty: z.string().nullable(), tree: z.array(XmlNode).nullable(), problem: z.string().nullable() }),
]);
export type ReadableBody = z.infer<typeof ReadableBody>;

/** Everything stored about one request. */
/** One labelled fact about an event, such as ["Status", "failed (20)"]. */
export const EventFact = z.tuple([z.string(), z.string()]);
export type EventFact = z.infer<typeof EventFact>;

export const EventDetail = EventSummary.extend({
  query: z.string(),
  headers: z.array(HeaderPair),
  /** The body as UTF-8 text when it decodes cleanly, else base64 — decoded from its Content-Encoding when it was sent with one. */
  body: z.string(),
  bodyEncoding: z.enum(['utf8', 'base64']),
  bodyTruncated: z.boolean(),
  /** The Content-Encoding it was sent with and decoded from (e.g. "gzip"); null when sent as is or not decodable. */
  contentEncoding: z.string().nullable(),
  /** The bytes exactly as received, base64, when `body` was decoded from them; null when `body` is those bytes. */
  rawBody: z.string().nullable(),
  /** Form fields, multipart parts or an XML tree, when the body is one of those; else null. */
  readable: ReadableBody.nullable(),
  remoteAddress: z.string(),
  forwardedFor: z.string().nullable(),
  parseError: ParseError.nullable(),
  response: z.object({
    status: z.number(),
    headers: z.array(HeaderPair),
    body: z.string(),
    durationMs: z.number(),
  }),
  correlationKeys: z.array(z.string()),
  /** The provider's own schema issues, then those of the check against an imported OpenAPI description. */
  issues: z.array(SchemaIssue),
  /**
   * The check against the provider's imported OpenAPI description: `pending` until the background check ran
   * (its issues then join `issues`); null when the provider has no imported description.
   */
  schemaCheck: z.object({ state: z.enum(['pending', 'checked']), spec: z.string().nullable(), webhook: z.string().nullable() }).nullable(),
  /** The provider's code explained in the settings' language. */
  explanation: z.object({ key: z.string(), title: z.string(), text: z.string() }).nullable(),
  /** What a developer of this provider looks for first, read from the body (LOX24: channel, status, error, cost, DLR). */
  facts: z.array(EventFact),
  /** What the alert policy decided about this event, in order (its arrival, then a failed forward of it); empty when it was no alert. */
  alerts: z.array(AlertDecision),
  /** Why its provider described it (which header, field or endpoint setting); null for the fallback. */
  claim: z.string().nullable(),
  /** Why it has its severity, when there is more to say than its name; else null. */
  severityReason: z.string().nullable(),
});
export type EventDetail = z.infer<typeof EventDetail>;

/** An http(s) origin with an optional path prefix, stored without a trailing slash. */
export const PublicBaseUrl = z
  .string()
  .trim()
  .max(500)
  .refine((text) => URL.canParse(text), 'must be a full URL such as https://hooks.example.com')
  .transform((text) => new URL(text))
  .refine((url) => url.protocol === 'https:' || url.protocol === 'http:', 'must start with https:// (or http://)')
  .refine((url) => url.search === '' && url.hash === '', 'must not have a query (?…) or fragment (#…): endpoints add /h/<token> to it')
  .refine((url) => url.username === '' && url.password === '', 'must not carry a user name or password')
  .transform((url) => `${url.origin}${url.pathname}`.replace(/\/+$/, ''));

/** A host name such as hooks.example.ngrok.app. */
export const NgrokDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name such as hooks.example.ngrok.app, without https:// or a path');

export const Settings = z.object({
  retention: z.object({
    /** Oldest unpinned events beyond this count are pruned. */
    maxEvents: z.number().int().min(100).max(50_000_000),
    /** Oldest unpinned events are pruned while the database holds more than this. */
    maxDatabaseBytes: z.number().int().min(10 * 1024 * 1024),
  }),
  /** Language of explanations. */
  language: z.enum(['en', 'es']),
  /** The UI's colours; `system` follows the OS preference. */
  theme: z.enum(['system', 'light', 'dark']),
  /** Largest accepted webhook body; null: the --body-limit the engine started with (default 5 MiB). */
  bodyLimitBytes: z.number().int().min(1024).max(1024 * 1024 * 1024).nullable(),
  /** Calling code for national phone numbers ("0151 …") when correlating, e.g. "49"; null: only international forms. */
  defaultCountryCode: z.string().regex(/^[1-9]\d{0,2}$/, 'a country calling code such as 49').nullable(),
  /** For users who run their own tunnel or reverse proxy: the public URL that reaches the ingress; null: none. */
  publicBaseUrl: PublicBaseUrl.nullable(),
  /** A domain reserved on the user's ngrok account; null: ngrok picks the URL. `--ngrok-domain` overrides it for a run. */
  ngrokDomain: NgrokDomain.nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = {
  retention: { maxEvents: 200_000, maxDatabaseBytes: 2 * 1024 * 1024 * 1024 },
  language: 'en',
  theme: 'system',
  bodyLimitBytes: null,
  defaultCountryCode: null,
  publicBaseUrl: null,
  ngrokDomain: null,
};

/** A change to some settings; the rest stay. */
export const SettingsPatch = z
  .object({
    retention: Settings.shape.retention.partial().strict().optional(),
    language: Settings.shape.language.optional(),
    defaultCountryCode: Settings.shape.defaultCountryCode.optional(),
    theme: Settings.shape.theme.optional(),
    bodyLimitBytes: Settings.shape.bodyLimitBytes.optional(),
    publicBaseUrl: Settings.shape.publicBaseUrl.optional(),
    ngrokDomain: Settings.shape.ngrokDomain.optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const StoreHealth = z.object({
  ok: z.boolean(),
  /** The last write failure, until a later write succeeds. */
  lastError: z.object({ code: z.string(), message: z.string(), at: z.number() }).nullable(),
  failedWrites: z.number(),
});

export const TunnelSetup = z.object({
  authtoken: z
    .object({
      /** startup: NGROK_AUTHTOKEN or --ngrok-authtoken-file; saved: kept encrypted by the app; session: entered, kept until Hookbridge stops. */
      source: z.enum(['startup', 'saved', 'session']),
      /** A masked hint, e.g. "2a•••••• (49 characters)". */
      hint: z.string(),
    })
    .nullable(),
  /** Whether an entered token can be remembered across restarts, and where or why not, in words. */
  remember: z.object({ available: z.boolean(), note: z.string() }),
  domain: z.object({ value: z.string(), source: z.enum(['startup', 'settings']) }).nullable(),
});
export type TunnelSetup = z.infer<typeof TunnelSetup>;

/** How long alerts stay silent: a timed pause ends by itself. */
export const AlertPause = z.enum(['15m', '1h', 'until-resumed']);
export type AlertPause = z.infer<typeof AlertPause>;

/** The alert policy's state, the same for the tray, the UI and the terminal. */
export const AlertState = z.object({
  /** Null while alerts are on; else the pause chosen and when it ends (null: until resumed). */
  paused: z.object({ choice: AlertPause, until: z.number().nullable() }).nullable(),
  /** Failures alerted (or silenced by a pause) that nobody has opened yet. */
  unseen: z.number(),
  /** Failures within this window are told one by one up to a few, then folded into one summary. */
  windowMs: z.number(),
  /**
   * The operating system shows the alerts (`hookbridge serve --notify` reached its notification service): a
   * browser tab then stays quiet, so each alert is shown once per machine.
   */
  osNotifications: z.boolean(),
});
export type AlertState = z.infer<typeof AlertState>;

/** What a click on an alert opens: the event itself, the feed narrowed to failures, or the capture status. */
export const AlertTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), id: z.string() }),
  z.object({ kind: z.literal('feed'), filter: z.object({ severity: z.tuple([z.literal('failed')]).optional(), name: z.string().optional() }) }),
  z.object({ kind: z.literal('status') }),
]);
export type AlertTarget = z.infer<typeof AlertTarget>;

/** One alert the policy decided to raise: shown as it is (already masked) by every place that shows alerts. */
export const Alert = z.object({
  id: z.string(),
  at: z.number(),
  title: z.string(),
  body: z.string(),
  /** failed: a provider reported a failure or a check failed; error: Hookbridge itself cannot capture. */
  severity: z.enum(['failed', 'error']),
  target: AlertTarget,
});
export type Alert = z.infer<typeof Alert>;


export const Status = z.object({
  /**
   * Grows with every status taken: an answer to getStatus and a status.changed message can arrive in either
   * order, and a client keeps the one with the higher number (the later snapshot).
   */
  sequence: z.number(),
  version: z.string(),
  startedAt: z.number(),
  dataDir: z.string(),
  ingress: z.object({ url: z.string().nullable(), port: z.number().nullable() }),
  store: StoreHealth,
  counters: z.object({
    received: z.number(),
    stored: z.number(),
    notFound: z.number(),
    rejected: z.number(),
  }),
  retention: z.object({
    events: z.number(),
    databaseBytes: z.number(),
    lastPrunedAt: z.number().nullable(),
    lastPrunedCount: z.number(),
    totalPruned: z.number(),
  }),
  tunnel: z.object({
    /** off: not started; needs-token: no ngrok authtoken configured (ngrok was not contacted); connecting → online | error. */
    state: z.enum(['off', 'needs-token', 'connecting', 'online', 'error']),
    url: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
  /** The ngrok authtoken and domain in use, for the settings page: never the token itself. */
  tunnelSetup: TunnelSetup,
  /** The desktop app's own settings (open at login); null in headless mode, which has none. */
  desktop: z.object({ openAtLogin: z.boolean().nullable(), note: z.string().nullable() }).nullable(),
  /** The public base URL endpoints are reachable at: the tunnel's while it is online, else the configured one, else null. */
  publicUrl: z.string().nullable(),
  alerts: AlertState,
  warnings: z.array(z.string()),
});
export type Status = z.infer<typeof Status>;

/** The feed's filters; every field narrows the result. */
export const EventFilter = z
  .object({
    endpointId: z.string().optional(),
    provider: ProviderId.optional(),
    name: z.string().max(200).optional(),
    severity: z.array(Severity).min(1).optional(),
    /** Full-text search over event name, summary and body. */
    text: z.string().max(500).optional(),
    correlationKey: z.string().max(500).optional(),
    /** Inclusive range of received time, ms since the epoch. */
    from: z.number().int().optional(),
    to: z.number().int().optional(),
  })
  .strict();
export type EventFilter = z.infer<typeof EventFilter>;

/** One page of the feed, newest first. */
export interface Page {
  events: EventSummary[];
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: number | null;
}

/** An export started from the UI: how far it got, and how it ended (the stream's `export.progress`). */
export interface ExportProgress {
  exportId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  /** When done: how many were exported, and where (a folder in the app, a download in headless mode). */
  result: { count: number; deduplicated: number; notes: string[]; folder: string | null; download: string | null } | null;
  error: string | null;
}

/** An OpenAPI description imported for a provider, without its schemas (schemas/spec.ts keeps those). */
export interface OpenApiSpecSummary {
  provider: string;
  title: string;
  version: string;
  /** The document's `openapi` field, e.g. "3.1.0". */
  openapi: string;
  /** The file it was imported from (its name only). */
  source: string;
  importedAt: number;
  /** How many webhooks it describes with a payload schema. */
  webhooks: number;
  /** A few of the event names it matches, for the person to recognise. */
  names: string[];
  /** What the import could not use, in sentences. */
  warnings: string[];
}

/** The imported descriptions, and the files in their folder that could not be read. */
export interface OpenApiSpecState {
  folder: string;
  specs: OpenApiSpecSummary[];
  errors: { file: string; message: string }[];
}
