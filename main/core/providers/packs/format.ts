// A provider pack: how one webhook sender is recognised and described, as data. One JSON file per provider in
// this folder, validated by `Pack` when it loads (a mistake names the file and the path). README "Provider
// packs" documents the format; a pack that needs something data cannot say gets a small code hook (hooks.ts).
import { z } from 'zod';
import { handshakeIds } from '../../handshake-names';
import { providerIdPattern } from '../../model';

const JsonPath = z.string().regex(/^\$(\.[A-Za-z_$][\w$-]*|\[\d+\])*$/, 'must be a JSON path such as $.data.object.id');
const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP header name');

/** One condition on the request: a JSON path or a header, compared with a value, a list of values, or present. */
const Condition = z
  .object({
    path: JsonPath.optional(),
    header: HeaderName.optional(),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
    exists: z.boolean().optional(),
  })
  .strict()
  .refine((c) => (c.path === undefined) !== (c.header === undefined), 'give either a path or a header')
  .refine((c) => [c.equals, c.in, c.exists].filter((v) => v !== undefined).length === 1, 'give exactly one of equals, in, exists');
export type Condition = z.infer<typeof Condition>;

/**
 * A sentence with placeholders: {{event}}, {{$.json.path}}, {{header:Name}}; `{{$.To|phone}}` masks a phone
 * number ("+49 ••• 678"). A template is used only when every placeholder has a value; otherwise the next one
 * is tried.
 */
const Template = z.string().min(1).max(300);

export const Pack = z
  .object({
    id: z.string().regex(providerIdPattern, 'must be lowercase letters, digits and dashes'),
    /** As people write it: "GitHub". */
    name: z.string().min(1).max(60),
    /** Where the facts in this file come from. */
    docs: z.string().url(),
    /** Headers first (any one present claims the request), then the envelope (every condition holds). */
    detect: z
      .object({
        headers: z.array(HeaderName).default([]),
        envelope: z.array(Condition).default([]),
      })
      .strict()
      .refine((d) => d.headers.length > 0 || d.envelope.length > 0, 'say how the pack is detected: headers or envelope conditions'),
    /**
     * The event name: a header's value, else the first of `fields` present (a field may carry a `prefix`:
     * Twilio's MessageStatus "undelivered" → "message.undelivered"); `suffix` is appended after a dot when
     * present (GitHub's action).
     */
    event: z
      .object({
        header: HeaderName.optional(),
        fields: z.array(z.union([JsonPath, z.object({ path: JsonPath, prefix: z.string().min(1).max(40) }).strict()])).default([]),
        suffix: JsonPath.optional(),
      })
      .strict(),
    /** The first rule that matches decides the severity, with its reason; none: `defaultSeverity`. */
    severity: z
      .array(
        z
          .object({
            /** Event-name glob: * is any run of characters. */
            event: z.string().min(1).max(200),
            when: z.array(Condition).default([]),
            severity: z.enum(['failed', 'error', 'ok', 'info']),
            /** Why, in words: the first template whose placeholders all have values. */
            reason: z.union([Template, z.array(Template).min(1)]).optional(),
          })
          .strict(),
      )
      .default([]),
    defaultSeverity: z.enum(['ok', 'info']).default('info'),
    /** Summary templates, first usable one wins; `event` narrows one to some events. */
    summary: z.array(z.object({ event: z.string().min(1).max(200).optional(), text: Template }).strict()).min(1),
    /** Correlation keys: "<prefix>:<value>" from a JSON path or a header; `phone` keys are normalised to E.164 (the same key LOX24 uses). */
    keys: z
      .array(z.object({ prefix: z.string().regex(/^[a-z][a-z0-9_-]*$/), path: JsonPath.optional(), header: HeaderName.optional(), phone: z.boolean().default(false) }).strict())
      .default([]),
    /** A provider code explained in words (cause and next step), read from a JSON path: the inspector shows it like LOX24's statuses. */
    explain: z
      .object({
        path: JsonPath,
        /** Catalogue keys are "<pack id>.<name>.<code>". */
        name: z.string().regex(/^[a-z][a-z0-9_]*$/),
        codes: z.record(z.string(), z.object({ title: z.string().min(1).max(80), cause: z.string().min(1).max(500), nextStep: z.string().min(1).max(500) }).strict()),
      })
      .strict()
      .optional(),
    /** The delivery's own id, for telling a redelivery from a new event. */
    delivery: z.object({ header: HeaderName.optional(), path: JsonPath.optional() }).strict().optional(),
    /** The signature check an endpoint set to this provider starts with. */
    signature: z.enum(['hub-signature-256', 'stripe', 'standard-webhooks', 'slack', 'zoom', 'shopify', 'twilio', 'sendgrid', 'paddle', 'mailgun', 'header']).nullable().default(null),
    /** Its registration handshake (a module of handshakes/, by id). */
    handshake: z.enum(handshakeIds).nullable().default(null),
    /** The documented examples `Send sample` and `hookbridge trigger` offer (files in examples/); each names its source. */
    examples: z
      .array(
        z
          .object({
            name: z.string().min(1).max(200),
            file: z.string().regex(/^[\w.-]+\.json$/),
            /** Headers the provider sends with it (the signature is added when sent). */
            headers: z.array(z.tuple([HeaderName, z.string()])).default([]),
            source: z.string().min(1).max(500),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type Pack = z.infer<typeof Pack>;

/** A pack file parsed, or a sentence naming the file and the path of each mistake. */
export function loadPack(file: string, content: unknown): Pack {
  const parsed = Pack.safeParse(content);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(the file)'}: ${issue.message}`);
  throw new Error(`Provider pack ${file} is not valid: ${problems.join('; ')}.`);
}
