// Three projects (DESIGN §9). Run them through `npm test` (tests/run.ts): it checks the system
// tools, runs vitest inside a private network namespace (loopback only) and prints the summary.
// Projects run one group after another (sequence.groupOrder) because integration and e2e
// suites start servers on fixed ports (Kamailio 5060/8088, SIPp 5090…).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // `.only` would silently skip everything else: fail instead.
    allowOnly: false,
    passWithNoTests: false,
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
          testTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
