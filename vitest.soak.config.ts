import { defineConfig } from 'vitest/config';

// Soak tests: minutes-scale, bounded in count and time; `npm run test:soak` (and .ci/run) runs them.
export default defineConfig({
  test: {
    include: ['test/soak/**/*.soak.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/build-once.ts'],
    testTimeout: 240_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The heap test forces garbage collection to read a settled heap.
    execArgv: ['--expose-gc'],
  },
});
