import { describe, expect, it } from 'vitest';
import { mapNgrokError, redactSecrets } from '../../../main/core/tunnel/errors';

const token = '2abcTESTtokenXYZ_0123456789';

/** Errors shaped like @ngrok/ngrok's: an Error whose message ends in "error_code: …" and an `errorCode` field. */
function sdkError(message: string, errorCode?: string): Error & { errorCode?: string; code: string } {
  const error = new Error(message) as Error & { errorCode?: string; code: string };
  error.code = 'GenericFailure';
  if (errorCode) error.errorCode = errorCode;
  return error;
}

describe('mapping @ngrok/ngrok errors to a code and a sentence', () => {
  const table: { name: string; error: unknown; code: string; says: RegExp; retryable: boolean }[] = [
    {
      name: 'ERR_NGROK_4018 (no authtoken / unverified account)',
      error: sdkError('failed to start tunnel: authentication failed: Usage of ngrok requires a verified account and authtoken.\n\nerror_code: ERR_NGROK_4018', 'ERR_NGROK_4018'),
      code: 'TUNNEL_AUTHTOKEN_INVALID',
      says: /verified account and an authtoken.*NGROK_AUTHTOKEN/,
      retryable: false,
    },
    {
      name: 'ERR_NGROK_105 (invalid token)',
      error: sdkError(`authentication failed: The authtoken you specified does not look like a proper ngrok tunnel authtoken. Your authtoken: ${token}\n\nerror_code: ERR_NGROK_105`, 'ERR_NGROK_105'),
      code: 'TUNNEL_AUTHTOKEN_INVALID',
      says: /rejected the authtoken.*not a valid token/,
      retryable: false,
    },
    {
      name: 'ERR_NGROK_107 (revoked token)',
      error: sdkError('authentication failed: The authtoken you specified is properly formed, but it is invalid.\n\nerror_code: ERR_NGROK_107', 'ERR_NGROK_107'),
      code: 'TUNNEL_AUTHTOKEN_INVALID',
      says: /revoked.*Create a new one/,
      retryable: false,
    },
    {
      name: 'ERR_NGROK_326 (domain not reserved)',
      error: sdkError('failed to start listener: The domain is not reserved on your account.\n\nerror_code: ERR_NGROK_326', 'ERR_NGROK_326'),
      code: 'TUNNEL_DOMAIN_REFUSED',
      says: /refused the domain.*without --ngrok-domain/,
      retryable: false,
    },
    {
      name: 'ERR_NGROK_108 (another agent session)',
      error: sdkError('authentication failed: Your account is limited to 1 simultaneous ngrok agent sessions.\n\nerror_code: ERR_NGROK_108', 'ERR_NGROK_108'),
      code: 'TUNNEL_SESSION_LIMIT',
      says: /another ngrok agent is already running/,
      retryable: false,
    },
    {
      name: 'the errorCode only in the message',
      error: sdkError('authentication failed\n\nerror_code: ERR_NGROK_105'),
      code: 'TUNNEL_AUTHTOKEN_INVALID',
      says: /ERR_NGROK_105/,
      retryable: false,
    },
    {
      name: 'no network (no errorCode)',
      error: sdkError('failed to connect session: failed to establish tcp connection'),
      code: 'TUNNEL_NETWORK',
      says: /could not reach ngrok.*internet connection/,
      retryable: true,
    },
    {
      name: 'an unknown failure',
      error: sdkError(`something new happened for ${token} and key abcdEFGH1234ijklMNOP5678`, 'ERR_NGROK_9999'),
      code: 'TUNNEL_FAILED',
      says: /The ngrok tunnel failed: something new happened for \[redacted\] and key \[redacted\]/,
      retryable: true,
    },
    { name: 'a thrown string', error: 'boom', code: 'TUNNEL_FAILED', says: /failed: boom/, retryable: true },
  ];

  for (const row of table) {
    it(`${row.name} → ${row.code}, a sentence saying what to do, never the token`, () => {
      const mapped = mapNgrokError(row.error, token);
      expect(mapped.code).toBe(row.code);
      expect(mapped.message).toMatch(row.says);
      expect(mapped.message).toMatch(/\.$/);
      expect(mapped.retryable).toBe(row.retryable);
      expect(mapped.message).not.toContain(token);
    });
  }

  it('redacts the configured token and token-looking runs, but keeps ordinary words and URLs readable', () => {
    expect(redactSecrets(`token=${token}; see https://dashboard.ngrok.com/get-started/your-authtoken`, token)).toBe(
      'token=[redacted]; see https://dashboard.ngrok.com/get-started/your-authtoken',
    );
    expect(redactSecrets('shortsecret but an unknown 3xYzAbCdEfGhIjKlMnOpQr9 token')).toBe('shortsecret but an unknown [redacted] token');
  });
});
