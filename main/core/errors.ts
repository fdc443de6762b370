// Errors as values: a stable code a program can branch on and a sentence a person can act on.
// The mapping from codes to HTTP statuses lives here, in one place, for both servers.

export const errorCodes = [
  'INVALID_INPUT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PORT_IN_USE',
  'DATA_DIR_LOCKED',
  'DATA_DIR_UNUSABLE',
  'DB_TOO_NEW',
  'DB_CORRUPT',
  'STORE_FULL',
  'STORE_BUSY',
  'STORE_READONLY',
  'STORE_IO',
  'STORE_FAILED',
  'TUNNEL_AUTHTOKEN_MISSING',
  'TUNNEL_AUTHTOKEN_INVALID',
  'TUNNEL_DOMAIN_REFUSED',
  'TUNNEL_SESSION_LIMIT',
  'TUNNEL_NETWORK',
  'TUNNEL_DISCONNECTED',
  'TUNNEL_FAILED',
  'SECRET_STORE_FAILED',
  'UNSUPPORTED',
  'ENGINE_UNREACHABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One field an input was refused for: its path in the input ("auth.secret", "rules.0.match") and why. */
export interface InvalidField {
  path: string;
  message: string;
}

/** The fields an INVALID_INPUT error names (its details), so a form can show each message at its field. */
export function invalidFields(error: HookbridgeError): InvalidField[] | undefined {
  const details = error.details as { fields?: unknown } | undefined;
  return error.code === 'INVALID_INPUT' && Array.isArray(details?.fields) ? (details.fields as InvalidField[]) : undefined;
}

export class HookbridgeError extends Error {
  override readonly name = 'HookbridgeError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toJSON(): { code: ErrorCode; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

const httpStatusByCode: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PORT_IN_USE: 500,
  DATA_DIR_LOCKED: 500,
  DATA_DIR_UNUSABLE: 500,
  DB_TOO_NEW: 500,
  DB_CORRUPT: 500,
  STORE_FULL: 500,
  STORE_BUSY: 500,
  STORE_READONLY: 500,
  STORE_IO: 500,
  STORE_FAILED: 500,
  TUNNEL_AUTHTOKEN_MISSING: 409,
  TUNNEL_AUTHTOKEN_INVALID: 502,
  TUNNEL_DOMAIN_REFUSED: 502,
  TUNNEL_SESSION_LIMIT: 502,
  TUNNEL_NETWORK: 502,
  TUNNEL_DISCONNECTED: 502,
  TUNNEL_FAILED: 502,
  SECRET_STORE_FAILED: 500,
  UNSUPPORTED: 409,
  ENGINE_UNREACHABLE: 502,
  INTERNAL: 500,
};

export function httpStatusFor(code: ErrorCode): number {
  return httpStatusByCode[code];
}

/** Wraps anything thrown into a HookbridgeError without losing an existing code. */
export function asHookbridgeError(error: unknown): HookbridgeError {
  if (error instanceof HookbridgeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new HookbridgeError('INTERNAL', `Unexpected error: ${message}`);
}
