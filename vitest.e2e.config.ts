import path from 'node:path';
import { defineConfig } from 'vitest/config';

// End-to-end tests: Node drives real headless Chromium with the built extension (tests/e2e/harness.ts).
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file launches its own browser; two at once suit a 2-core machine.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
