// The IPC channel names, shared by main and preload. Plain data on purpose: the sandboxed preload bundle
// imports this file and must not pull in zod or the contract's schemas (a test checks the list against them).
import type { MethodName } from '../core/api/contract';

/** Every contract method, in the contract's order. */
export const ipcMethodNames = [
  'getStatus',
  'listEndpoints',
  'createEndpoint',
  'updateEndpoint',
  'deleteEndpoint',
  'listEvents',
  'countEvents',
  'getActivity',
  'getEvent',
  'getTimeline',
  'pinEvent',
  'deleteEvents',
  'replayEvent',
  'listDeliveries',
  'sendSample',
  'exportEvents',
  'cancelExport',
  'getSettings',
  'updateSettings',
  'startTunnel',
  'stopTunnel',
  'setTunnelAuthtoken',
  'forgetTunnelAuthtoken',
  'setOpenAtLogin',
  'markSeen',
] as const satisfies readonly MethodName[];

export type IpcMethodName = (typeof ipcMethodNames)[number];

// A method added to the contract but not here is a type error, not a channel that silently never exists.
type Missing = Exclude<MethodName, IpcMethodName>;
const everyMethodListed: [Missing] extends [never] ? true : { missing: Missing } = true;
void everyMethodListed;

export const channelPrefix = 'hookbridge:';
export type MethodChannel = `${typeof channelPrefix}${IpcMethodName}`;

/** The one channel that carries stream messages (main → renderer). */
export const streamChannel = 'hookbridge:stream';

export function channelFor(method: IpcMethodName): MethodChannel {
  return `${channelPrefix}${method}`;
}

export function isIpcMethodName(name: string): name is IpcMethodName {
  return (ipcMethodNames as readonly string[]).includes(name);
}

/** What every method channel answers: a result, or an error as a value so the sentence survives IPC. */
export type IpcReply = { result: unknown } | { error: { code: string; message: string } };
