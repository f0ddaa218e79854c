import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/global.ts'],
    reporters: ['default', './test/setup/summary-reporter.ts'],
    setupFiles: ['test/setup/fast-check.ts'],
    env: { PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false', NO_COLOR: '1' },
    // Many tests wait on child processes (the CLI, the Pact verifier): more workers than cores pays.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'properties/**/*.test.ts', 'suites/**/*.test.ts'] },
      },
      {
        // Several files writing one pact file in parallel lose interactions: contracts run one file at a time.
        extends: true,
        test: { name: 'contracts', include: ['contracts/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});
