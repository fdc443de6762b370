// What went wrong with the tunnel, as a value: a stable code, a sentence that says what to do, and whether
// retrying by itself can help. Every message that leaves here has the authtoken (and anything like one) redacted.
import type { ErrorCode } from '../errors';

export type TunnelErrorCode = Extract<ErrorCode, `TUNNEL_${string}`>;

export interface TunnelError {
  code: TunnelErrorCode;
  message: string;
  /** True when waiting and trying again can fix it (network, a dropped session); false when the user must act. */
  retryable: boolean;
}

/** The shape of the errors @ngrok/ngrok throws: an Error whose `errorCode` is filled from "error_code: ERR_NGROK_…". */
interface NgrokErrorLike {
  message?: unknown;
  errorCode?: unknown;
}

const redacted = '[redacted]';

/**
 * Removes the authtoken and anything that looks like a credential (a long run of letters, digits, '_' or '-'
 * mixing letters and digits, as ngrok authtokens and API keys do) from a text meant for people.
 */
export function redactSecrets(text: string, secret?: string): string {
  let out = text;
  if (secret && secret.length > 0) out = out.split(secret).join(redacted);
  return out.replace(/[A-Za-z0-9_-]{20,}/g, (run) => (/[A-Za-z]/.test(run) && /\d/.test(run) ? redacted : run));
}

export const tunnelErrors = {
  missingToken: (): TunnelError => ({
    code: 'TUNNEL_AUTHTOKEN_MISSING',
    message:
      'No ngrok authtoken is configured, so the tunnel was not started. Copy yours from https://dashboard.ngrok.com/get-started/your-authtoken and paste it in Settings → Tunnel, or pass it in NGROK_AUTHTOKEN or with --ngrok-authtoken-file.',
    retryable: false,
  }),
  closed: (): TunnelError => ({
    code: 'TUNNEL_DISCONNECTED',
    message: 'The tunnel to ngrok closed unexpectedly; Hookbridge is reconnecting. Webhooks sent meanwhile may fail at the provider, which usually retries.',
    retryable: true,
  }),
};

const byNgrokCode: Record<string, (detail: string) => TunnelError> = {
  ERR_NGROK_4018: () => ({
    code: 'TUNNEL_AUTHTOKEN_INVALID',
    message:
      'ngrok requires a verified account and an authtoken (ERR_NGROK_4018). Sign up at https://dashboard.ngrok.com/signup, then pass your authtoken in NGROK_AUTHTOKEN or with --ngrok-authtoken-file.',
    retryable: false,
  }),
  ERR_NGROK_105: () => ({
    code: 'TUNNEL_AUTHTOKEN_INVALID',
    message:
      'ngrok rejected the authtoken (ERR_NGROK_105): it is not a valid token. Copy it again from https://dashboard.ngrok.com/get-started/your-authtoken.',
    retryable: false,
  }),
  ERR_NGROK_107: () => ({
    code: 'TUNNEL_AUTHTOKEN_INVALID',
    message:
      'ngrok rejected the authtoken (ERR_NGROK_107): it was revoked or belongs to a removed account. Create a new one at https://dashboard.ngrok.com/tunnels/authtokens.',
    retryable: false,
  }),
  ERR_NGROK_326: () => ({
    code: 'TUNNEL_DOMAIN_REFUSED',
    message:
      'ngrok refused the domain (ERR_NGROK_326): it is not reserved on your ngrok account. Reserve it at https://dashboard.ngrok.com/domains, or start without --ngrok-domain to get a random URL.',
    retryable: false,
  }),
  ERR_NGROK_108: () => ({
    code: 'TUNNEL_SESSION_LIMIT',
    message:
      'ngrok refused a second session for this account (ERR_NGROK_108): another ngrok agent is already running with this authtoken. Stop it (see https://dashboard.ngrok.com/agents), then start the tunnel again.',
    retryable: false,
  }),
};

/** Maps whatever @ngrok/ngrok threw to a TunnelError; `authtoken` is redacted from any text that is kept. */
export function mapNgrokError(error: unknown, authtoken?: string): TunnelError {
  const like: NgrokErrorLike = typeof error === 'object' && error !== null ? (error as NgrokErrorLike) : { message: String(error) };
  const rawMessage = typeof like.message === 'string' ? like.message : String(error);
  const detail = redactSecrets(rawMessage, authtoken).trim();
  const code = typeof like.errorCode === 'string' ? like.errorCode : /error_code: (ERR_NGROK_\d+)/.exec(rawMessage)?.[1];
  const known = code ? byNgrokCode[code] : undefined;
  if (known) return known(detail);
  if (!code && /failed to (connect session|establish tcp connection)|dns|timed? ?out|connection (refused|reset)/i.test(rawMessage)) {
    return {
      code: 'TUNNEL_NETWORK',
      message: `Hookbridge could not reach ngrok (${detail || 'no connection'}). Check your internet connection, proxy or firewall; it keeps retrying, and the local ingress keeps working.`,
      retryable: true,
    };
  }
  return {
    code: 'TUNNEL_FAILED',
    message: `The ngrok tunnel failed: ${detail || 'no details given'}. Hookbridge retries; if it keeps failing, check https://status.ngrok.com and your ngrok dashboard.`,
    retryable: true,
  };
}
