// The fields of an endpoint's auth or signature check, shared by the new-endpoint form and a row's "Change
// check…" editor. Secrets are typed here and sent once; afterwards only the API's masked hints are shown.
import type { InputOf } from '../../../main/core/api/contract';
import type { PublicEndpoint } from '../client';
import { visible } from '../format';
import { fieldInvalid, type Problem } from '../problem';
import { FieldError, invalidProps } from './FieldError';

type PublicAuth = PublicEndpoint['auth'];
export type AuthKind = PublicAuth['kind'];

export interface AuthDraft {
  kind: AuthKind;
  header: string;
  value: string;
  username: string;
  password: string;
  secret: string;
  toleranceSeconds: string;
  enforce: 'reject' | 'flag';
}

export const emptyAuthDraft: AuthDraft = {
  kind: 'none',
  header: 'X-LOX24-Token',
  value: '',
  username: '',
  password: '',
  secret: '',
  toleranceSeconds: '300',
  enforce: 'reject',
};

const kinds: readonly { value: AuthKind; label: string }[] = [
  { value: 'none', label: 'None: anyone with the URL can post' },
  { value: 'header', label: 'Static token header (LOX24: X-LOX24-Token)' },
  { value: 'hub-signature-256', label: 'X-Hub-Signature-256 (Soyio, GitHub)' },
  { value: 'stripe', label: 'Stripe-Signature' },
  { value: 'standard-webhooks', label: 'Standard Webhooks / Svix' },
  { value: 'slack', label: 'Slack signing secret (X-Slack-Signature)' },
  { value: 'zoom', label: 'Zoom secret token (x-zm-signature)' },
  { value: 'shopify', label: 'Shopify (X-Shopify-Hmac-Sha256)' },
  { value: 'twilio', label: 'Twilio auth token (X-Twilio-Signature)' },
  { value: 'sendgrid', label: 'SendGrid signed events (verification key)' },
  { value: 'paddle', label: 'Paddle-Signature' },
  { value: 'mailgun', label: 'Mailgun webhook signing key' },
  { value: 'basic', label: 'HTTP Basic' },
];

/** The contract's `auth` input of createEndpoint and updateEndpoint. */
export type AuthInput = NonNullable<InputOf<'updateEndpoint'>['auth']>;

export function authInput(draft: AuthDraft): AuthInput {
  const enforce = draft.enforce;
  const tolerance = (): number => {
    const n = Number(draft.toleranceSeconds.trim());
    if (draft.toleranceSeconds.trim() === '' || !Number.isInteger(n)) throw fieldInvalid('auth.toleranceSeconds', 'Enter the timestamp tolerance as whole seconds, e.g. 300.');
    return n;
  };
  switch (draft.kind) {
    case 'none':
      return { kind: 'none' };
    case 'header':
      return { kind: 'header', header: draft.header.trim(), value: draft.value, enforce };
    case 'basic':
      return { kind: 'basic', username: draft.username, password: draft.password, enforce };
    case 'hub-signature-256':
    case 'shopify':
    case 'twilio':
      return { kind: draft.kind, secret: draft.secret, enforce };
    case 'stripe':
    case 'standard-webhooks':
    case 'slack':
    case 'zoom':
    case 'paddle':
    case 'mailgun':
      return { kind: draft.kind, secret: draft.secret.trim(), toleranceSeconds: tolerance(), enforce };
    case 'sendgrid':
      return { kind: 'sendgrid', publicKey: draft.secret.trim(), toleranceSeconds: tolerance(), enforce };
  }
}

/** One line saying what the endpoint checks, with masked hints only. */
export function describeAuth(auth: PublicAuth): string {
  const onFailure = auth.kind !== 'none' && auth.enforce === 'flag' ? ' — failures are accepted and flagged' : ' — failures are answered 401';
  switch (auth.kind) {
    case 'none':
      return 'No auth check: anyone with the URL can post.';
    case 'header':
      return `Header check: ${visible(auth.header)} = ${auth.valueHint}${auth.enforce === 'flag' ? onFailure : ''}`;
    case 'basic':
      return `HTTP Basic: ${visible(auth.username)} / ${auth.passwordHint}${onFailure}`;
    case 'hub-signature-256':
      return `Signature: X-Hub-Signature-256, secret ${auth.secretHint}${onFailure}`;
    case 'stripe':
      return `Signature: Stripe-Signature, secret ${auth.secretHint}, ±${auth.toleranceSeconds} s${onFailure}`;
    case 'standard-webhooks':
      return `Signature: Standard Webhooks, secret ${auth.secretHint}, ±${auth.toleranceSeconds} s${onFailure}`;
    case 'slack':
      return `Signature: X-Slack-Signature, signing secret ${auth.secretHint}, ±${auth.toleranceSeconds} s${onFailure}`;
    case 'zoom':
      return `Signature: x-zm-signature, secret token ${auth.secretHint}, ±${auth.toleranceSeconds} s${onFailure}`;
    case 'shopify':
      return `Signature: X-Shopify-Hmac-Sha256, secret ${auth.secretHint}${onFailure}`;
    case 'twilio':
      return `Signature: X-Twilio-Signature, auth token ${auth.secretHint}${onFailure}`;
    case 'paddle':
      return `Signature: Paddle-Signature, secret ${auth.secretHint}, ±${auth.toleranceSeconds} s${onFailure}`;
    case 'mailgun':
      return `Signature: Mailgun (in the body), signing key ${auth.secretHint}, ±${auth.toleranceSeconds} s${onFailure}`;
    case 'sendgrid':
      return `Signature: SendGrid signed events, key ${auth.publicKeyHint}, ±${auth.toleranceSeconds} s${onFailure}`;
  }
}

export interface AuthFieldsProps {
  id: string;
  draft: AuthDraft;
  onChange(draft: AuthDraft): void;
  /** The last refusal: each field's message is shown under it (the input's paths are auth.<field>). */
  problem?: Problem | null;
}

export function AuthFields({ id, draft, onChange, problem = null }: AuthFieldsProps) {
  const set = (patch: Partial<AuthDraft>): void => onChange({ ...draft, ...patch });
  /** aria props and the message of one field. */
  const checked = (field: keyof AuthDraft) => ({ aria: invalidProps(problem, `auth.${field}`, `${id}-${field}`), error: <FieldError problem={problem} path={`auth.${field}`} id={`${id}-${field}`} /> });
  const secretField = (label: string, field: 'value' | 'password' | 'secret', placeholder = '') => {
    const { aria, error } = checked(field);
    return (
      <div class="field">
        <label for={`${id}-${field}`}>{label}</label>
        <input
          id={`${id}-${field}`}
          type="password"
          value={draft[field]}
          placeholder={placeholder}
          autocomplete="new-password"
          spellcheck={false}
          {...aria}
          onInput={(e) => set({ [field]: e.currentTarget.value })}
        />
        {error}
      </div>
    );
  };
  const header = checked('header');
  const username = checked('username');
  const tolerance = checked('toleranceSeconds');
  return (
    <>
      <div class="field">
        <label for={`${id}-kind`}>Auth check</label>
        <select id={`${id}-kind`} value={draft.kind} onChange={(e) => set({ kind: e.currentTarget.value as AuthKind })}>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      {draft.kind === 'header' && (
        <>
          <div class="field">
            <label for={`${id}-header`}>Header name</label>
            <input id={`${id}-header`} type="text" value={draft.header} autocomplete="off" spellcheck={false} {...header.aria} onInput={(e) => set({ header: e.currentTarget.value })} />
            {header.error}
          </div>
          {secretField('Secret (8+ characters)', 'value')}
        </>
      )}
      {draft.kind === 'basic' && (
        <>
          <div class="field">
            <label for={`${id}-username`}>User name</label>
            <input id={`${id}-username`} type="text" value={draft.username} autocomplete="off" spellcheck={false} {...username.aria} onInput={(e) => set({ username: e.currentTarget.value })} />
            {username.error}
          </div>
          {secretField('Password', 'password')}
        </>
      )}
      {(draft.kind === 'hub-signature-256' || draft.kind === 'stripe' || draft.kind === 'standard-webhooks' || draft.kind === 'slack' || draft.kind === 'zoom' || draft.kind === 'shopify' || draft.kind === 'twilio' || draft.kind === 'sendgrid' || draft.kind === 'paddle' || draft.kind === 'mailgun') &&
        secretField(draft.kind === 'zoom' ? 'Secret token' : draft.kind === 'twilio' ? 'Auth token' : draft.kind === 'sendgrid' ? 'Verification key (public, base64)' : 'Signing secret', 'secret', draft.kind === 'stripe' || draft.kind === 'standard-webhooks' ? 'whsec_…' : '8+ characters')}
      {(draft.kind === 'stripe' || draft.kind === 'standard-webhooks' || draft.kind === 'slack' || draft.kind === 'zoom' || draft.kind === 'sendgrid' || draft.kind === 'paddle' || draft.kind === 'mailgun') && (
        <div class="field">
          <label for={`${id}-tolerance`}>Timestamp tolerance (s)</label>
          <input
            id={`${id}-tolerance`}
            type="number"
            min={1}
            step={1}
            value={draft.toleranceSeconds}
            {...tolerance.aria}
            onInput={(e) => set({ toleranceSeconds: e.currentTarget.value })}
          />
          {tolerance.error}
        </div>
      )}
      {draft.kind !== 'none' && (
        <div class="field">
          <label for={`${id}-enforce`}>When the check fails</label>
          <select id={`${id}-enforce`} value={draft.enforce} onChange={(e) => set({ enforce: e.currentTarget.value as AuthDraft['enforce'] })}>
            <option value="reject">Answer 401 (the provider sees the failure)</option>
            <option value="flag">Accept and flag (answer as usual)</option>
          </select>
        </div>
      )}
    </>
  );
}
