// The two IPC channels, shared by main and preload. Plain data on purpose: the sandboxed preload bundle imports
// this file and must not pull in zod or the contract's schemas.
//
// There is no list of methods here: every call travels on one channel with its method name, and main checks
// that name against the contract itself (callMethod). A method added to the contract is callable over IPC at
// once, and a name that is not in the contract is refused in main, where the trust decision is made.

/** renderer → main: `invoke(callChannel, method, input)`, answered with an IpcReply. */
export const callChannel = 'hookbridge:call';

/** main → renderer: every stream message. */
export const streamChannel = 'hookbridge:stream';

import type { InvalidField } from '../core/errors';

/**
 * What the call channel answers: a result, or an error as a value, so its sentence, code and fields survive IPC
 * and the context bridge (which copies only a thrown Error's message).
 */
export type IpcReply = { result: unknown } | { error: { code: string; message: string; fields?: InvalidField[] } };
