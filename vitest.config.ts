// Test tiers: unit (pure code, beside it), integration (databases, servers, ffmpeg), e2e (Chromium), and alone
// (integration tests that load the machine on purpose, run after the others). Unit and integration run together,
// then e2e, then alone.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'apps/*/src/**/*.test.ts',
            'apps/*/web/src/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
          ],
          environment: 'node',
          // Property tests and scrypt run beside the integration tier on two cores: 5 s was too tight there.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.int.test.ts'],
          exclude: ['tests/integration/**/*.alone.int.test.ts'],
          environment: 'node',
          // Generous: the slowest tests (20,000 socket joins, a sitting on PGlite) took just over 60 s on a loaded machine.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Tests that load the machine on purpose (CPU starvation) run after every other tier, alone.
        test: {
          name: 'alone',
          include: ['tests/integration/**/*.alone.int.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // Chromium after the integration tier, not beside it: on two cores the two together starved the browsers.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
