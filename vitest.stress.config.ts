import { defineConfig } from 'vitest/config';

/** `npm run test:stress`: the long load tests, apart from `npm test` (whose settings these repeat). */
export default defineConfig({
  test: {
    include: ['test/stress/**/*.test.ts'],
    setupFiles: ['test/setup/fail-on-console.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
