import { describe, expect, it } from 'vitest';
import { contract } from '../../main/core/api/contract';
import { channelFor, ipcMethodNames, streamChannel } from '../../main/electron/channels';

describe('IPC channel names', () => {
  it("list exactly the contract's methods, in its order", () => {
    expect([...ipcMethodNames]).toEqual(Object.keys(contract));
  });

  it('are one hookbridge: channel per method, none of them the stream channel', () => {
    const channels = ipcMethodNames.map(channelFor);
    expect(new Set(channels).size).toBe(ipcMethodNames.length);
    expect(channels).toContain('hookbridge:getStatus');
    expect(channels).not.toContain(streamChannel);
  });
});
