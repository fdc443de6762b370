import { afterEach, describe, expect, it, vi } from 'vitest';
import { Bus, type BusMessage } from '../../main/core/bus';

afterEach(() => vi.restoreAllMocks());

describe('the bus', () => {
  it('hands every listener each message as one { type, data } value, in the order emitted', () => {
    const bus = new Bus();
    const first: BusMessage[] = [];
    const second: string[] = [];
    bus.subscribe((message) => first.push(message));
    bus.subscribe((message) => {
      // The union narrows by its type: no casts.
      switch (message.type) {
        case 'events.seen':
          second.push('all' in message.data ? 'all' : message.data.ids.join(','));
          break;
        case 'endpoint.changed':
          second.push('deletedId' in message.data ? `deleted ${message.data.deletedId}` : message.data.endpoint.name);
          break;
        default:
          second.push(message.type);
      }
    });
    bus.emit('events.seen', { ids: ['a', 'b'] });
    bus.emit('endpoint.changed', { deletedId: 'e1' });
    bus.emit('events.seen', { all: true });
    expect(first).toEqual([
      { type: 'events.seen', data: { ids: ['a', 'b'] } },
      { type: 'endpoint.changed', data: { deletedId: 'e1' } },
      { type: 'events.seen', data: { all: true } },
    ]);
    expect(second).toEqual(['a,b', 'deleted e1', 'all']);
  });

  it('a listener that throws is reported and does not keep the message from the others', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bus = new Bus();
    const reached: string[] = [];
    bus.subscribe(() => {
      throw new Error('broken listener');
    });
    bus.subscribe((message) => reached.push(message.type));
    expect(() => bus.emit('events.seen', { all: true })).not.toThrow();
    expect(reached).toEqual(['events.seen']);
    expect(errors).toHaveBeenCalledWith('hookbridge: a events.seen listener failed:', expect.objectContaining({ message: 'broken listener' }));
  });

  it('stops delivering to a listener once it unsubscribes', () => {
    const bus = new Bus();
    const reached: string[] = [];
    const unsubscribe = bus.subscribe((message) => reached.push(message.type));
    bus.emit('events.seen', { all: true });
    unsubscribe();
    bus.emit('events.seen', { all: true });
    expect(reached).toEqual(['events.seen']);
  });
});
