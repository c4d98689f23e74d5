import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WxtVitest ignores vite.plugins from wxt.config (STACK-NOTES #4), so preact is added again here.
  plugins: [WxtVitest(), preact()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/server/**/*.test.ts'],
    // zustand imports `react`; the react → preact/compat alias is skipped for external deps (STACK-NOTES #5).
    server: { deps: { inline: ['zustand'] } },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
