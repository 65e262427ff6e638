import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The long load tests run under `npm run test:stress` (vitest.stress.config.ts).
    exclude: ['test/stress/**', 'node_modules/**'],
    setupFiles: ['test/setup/fail-on-console.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
