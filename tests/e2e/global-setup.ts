import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROME_BUILD_DIR, CHROMIUM_PATH, ROOT } from './harness';

/**
 * Builds the Chrome extension once for the whole e2e run. `npm test` has just built it and sets
 * MAD_E2E_SKIP_BUILD=1; a direct `vitest --config vitest.e2e.config.ts` builds here.
 */
export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium or set MAD_CHROMIUM`);
  }
  if (process.env.MAD_E2E_SKIP_BUILD === '1' && existsSync(CHROME_BUILD_DIR)) return;
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
