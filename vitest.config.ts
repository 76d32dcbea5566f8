import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// WxtVitest() does not apply the Vite plugins of wxt.config.ts (DESIGN §5): add Preact here too.
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/setup.ts'],
    restoreMocks: true,
    // Property and ReDoS tests do real work; on a loaded 2-core machine 5 s (the default) is too tight.
    testTimeout: 30_000,
  },
});
