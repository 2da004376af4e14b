import { defineConfig } from 'vitest/config';

// Tests use real servers on 127.0.0.1 and a real Chromium: generous timeouts, two workers (CI has 2 cores).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The compiled command the spawning tests run (dist/, rebuilt where the sources changed), a listener
    // on a forbidden address that must see no connection during the whole run, and one throw-away
    // PostgreSQL for the files that need it, stopped when the run ends.
    globalSetup: ['test/support/build-setup.ts', 'test/support/canary-setup.ts', 'test/support/postgres-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ['default'],
  },
});
