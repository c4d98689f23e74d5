import { defineConfig } from 'vitest/config';

// End-to-end tests drive real Chromium with the built extension against a real backend process.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
