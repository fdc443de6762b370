// Validates a call against the contract and runs its handler: the one code path both transports use.
import { z } from 'zod';
import { asHookbridgeError, HookbridgeError } from '../errors';
import { contract, isMethodName, methodNames, type Api, type Handlers, type MethodName, type OutputOf } from './contract';

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/** Parses raw (untrusted) input with the method's schema, then calls the handler. Throws HookbridgeError only. */
export async function callMethod(handlers: Handlers, name: string, rawInput: unknown): Promise<unknown> {
  if (!isMethodName(name)) {
    throw new HookbridgeError('NOT_FOUND', `There is no API method "${name}". Known methods: ${methodNames.join(', ')}.`);
  }
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    throw new HookbridgeError('INVALID_INPUT', `Invalid input for ${name}: ${describeIssues(parsed.error)}.`, parsed.error.issues);
  }
  const handler = handlers[name] as (input: unknown) => unknown;
  try {
    return await handler(parsed.data);
  } catch (error) {
    throw asHookbridgeError(error);
  }
}

/** An in-process Api over the handlers, with the same validation as the transports. */
export function createLocalApi(handlers: Handlers): Api {
  const api = {} as Record<MethodName, (input?: unknown) => Promise<unknown>>;
  for (const name of methodNames) api[name] = (input) => callMethod(handlers, name, input);
  return api as Api;
}

export type { OutputOf };
