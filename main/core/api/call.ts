// Validates a call against the contract and runs its handler: the one code path both transports use.
import { z } from 'zod';
import { asHookbridgeError, HookbridgeError, type InvalidField } from '../errors';
import { contract, isMethodName, methodNames, type Api, type Handlers, type MethodName, type OutputOf } from './contract';

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/** A field's message as a sentence of its own, shown under the field: "Name the endpoint." */
function asSentence(message: string): string {
  const capital = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Parses raw (untrusted) input with the method's schema, then calls the handler. Throws HookbridgeError only. */
export async function callMethod(handlers: Handlers, name: string, rawInput: unknown): Promise<unknown> {
  if (!isMethodName(name)) {
    throw new HookbridgeError('NOT_FOUND', `There is no API method "${name}". Known methods: ${methodNames.join(', ')}.`);
  }
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const fields: InvalidField[] = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: asSentence(issue.message) }));
    throw new HookbridgeError('INVALID_INPUT', `Invalid input for ${name}: ${describeIssues(parsed.error)}.`, { fields });
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
