import { defineConfig } from 'vitest/config';

// The tests that exercise src/checks/ on literal evidence, fast enough to run once per mutant.
export default defineConfig({
  test: {
    include: ['test/checks.test.ts', 'test/check-rules.test.ts', 'test/check-rules-*.test.ts', 'test/messages.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
