import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/.work/**', 'node_modules/**'],
    // The verification tests install the generated projects' dependencies once and synthesize
    // CloudFormation; they need far more than vitest's 5 s default.
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
