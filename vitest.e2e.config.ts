import { defineConfig } from 'vitest/config';

// The Chromium suite: a real `hookbridge serve` on a temp folder, driven by playwright-core and Debian's chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    // A page waits on a real server and a real browser: on a busy 2-core CI machine a second is not always enough.
    expect: { poll: { timeout: 10_000 } },
  },
});
