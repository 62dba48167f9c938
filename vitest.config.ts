import { defineConfig } from 'vitest/config';

/**
 * Three layers (ARCHITECTURE.md "Test layers"): unit (pure code, NullEngine), integration (a real
 * server in-process on its own port + real colyseus.js clients + the real services), e2e (the built
 * test client in Debian's Chromium). E2E files run one at a time: SwiftShader renders on the CPU.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // A limit catches a hang, not slowness: with both cores busy a 500-arrival spawn check or 30
          // simulated minutes of a pump take longer than vitest's default 5 s.
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          // Limits catch hangs, not slowness: SwiftShader renders on the CPU, and with the cores shared a
          // page can take a minute to load. Tests wait on named states, so a slow machine only waits longer.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
