import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Generous: many suites talk to real servers (a MongoDB-protocol server, Redis, Chromium) on a shared 2-core machine, and
    // no test may fail because the machine is slow; tests wait for outcomes, not clocks.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
