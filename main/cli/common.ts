// What every hookbridge command shares: number options, and one way to fail with a sentence.
import { InvalidArgumentError } from 'commander';
import { HookbridgeError } from '../core/errors';

export function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

export function fail(error: unknown): never {
  const message = error instanceof HookbridgeError || error instanceof Error ? error.message : String(error);
  console.error(`hookbridge: ${message}`);
  process.exit(1);
}
