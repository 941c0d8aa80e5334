import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/hostile/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Two cores on this workplace's machines: more workers only thrash.
    maxWorkers: 2,
  },
});
