// The providers' documented examples (test/fixtures/seeds), and variations of them tests need.
import fs from 'node:fs';
import path from 'node:path';

export const seedText = (file: string): string => fs.readFileSync(path.resolve('test/fixtures/seeds', file), 'utf8');

const lox24Failed = JSON.parse(seedText('lox24.verify_code.channel.failed.json')) as {
  id: string;
  notification_task_id: string;
  data: { id: string; channel: { error: string } };
};

/**
 * LOX24's failed-channel example as verification `n` of its own (new ids), so it is news to the alert policy,
 * not a redelivery of the last one; `channelError` replaces the channel's error text, which reaches the alert.
 */
export function lox24Failure(n: number, channelError = lox24Failed.data.channel.error): string {
  const hex = n.toString(16).padStart(12, '0');
  return JSON.stringify({
    ...lox24Failed,
    id: `e5f6a7b8-9c0d-4e1f-2a3b-${hex}`,
    notification_task_id: `77dcf296-fc00-4fc0-9b6d-${hex}`,
    data: { ...lox24Failed.data, id: `a1b2c3d4-e5f6-7890-abcd-${hex}`, channel: { ...lox24Failed.data.channel, error: channelError } },
  });
}
