/**
 * `npm run bench:platform` — what the platform script costs (issue 7). Figures are printed, not asserted.
 *
 * 1. Content-script size: `content-scripts/platform.js` (and its CSS) of the Chrome build, raw and gzip -9.
 * 2. Time on a platform page the script does not serve (the docs): the main-thread time Chromium attributes to
 *    our content script — compiling and evaluating the bundle, running `main`, and any callback of ours until
 *    the page has been idle for a while — read from a DevTools trace, median of N fresh page loads.
 *    The target (≤ 1 ms) is for the script's own work; the evaluation of the bundle is printed next to it.
 * 3. For contrast, the same on a served page (billing), where the panel mounts.
 *
 * Uses the build in .output/chrome-mv3 (built first when missing, or always with MAD_BENCH_BUILD=1);
 * MAD_BENCH_EXTENSION_DIR points it at another build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { CHROME_BUILD_DIR, launchExtension, ROOT, servePages } from '../e2e/harness';
import { renderPlatformFixture } from '../fixtures/platform/app';

const RUNS = Number(process.env.MAD_BENCH_RUNS ?? 10);
const extensionDir = process.env.MAD_BENCH_EXTENSION_DIR ?? CHROME_BUILD_DIR;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string; stackTrace?: { url?: string }[] } };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function collectTrace(client: CDPSession, work: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  client.on('Tracing.dataCollected', (message) => {
    events.push(...(message.value as unknown as TraceEvent[]));
  });
  await client.send('Tracing.start', {
    categories: 'devtools.timeline,v8,v8.execute,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await work();
  const done = new Promise<void>((resolve) => client.once('Tracing.tracingComplete', () => resolve()));
  await client.send('Tracing.end');
  await done;
  return events;
}

/**
 * Main-thread time of our script: top-level trace events (evaluation, function calls, timers, compiles) whose
 * script URL is the content script. Nested events are inside their parent's duration, so only the outermost
 * matching event of each stretch is counted.
 */
function scriptTime(events: TraceEvent[], scriptUrl: string): { totalMs: number; evaluateMs: number } {
  const ours = events
    .filter((event) => event.ph === 'X' && event.dur !== undefined)
    .filter((event) => {
      const url = event.args?.data?.url ?? event.args?.data?.stackTrace?.[0]?.url;
      return url?.startsWith(scriptUrl) === true;
    })
    .sort((a, b) => a.ts - b.ts);
  let totalUs = 0;
  let evaluateUs = 0;
  let coveredUntil = -1;
  for (const event of ours) {
    const end = event.ts + (event.dur ?? 0);
    if (event.name === 'EvaluateScript') evaluateUs += event.dur ?? 0;
    if (event.ts >= coveredUntil) {
      totalUs += event.dur ?? 0;
      coveredUntil = end;
    } else if (end > coveredUntil) {
      totalUs += end - coveredUntil;
      coveredUntil = end;
    }
  }
  return { totalMs: totalUs / 1000, evaluateMs: evaluateUs / 1000 };
}

async function measure(page: Page, url: string, scriptUrl: string, settleMs: number) {
  const client = await page.context().newCDPSession(page);
  const events = await collectTrace(client, async () => {
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.madScript === 'platform');
    // Anything the script schedules (timers, a UI) happens within this window.
    await page.waitForTimeout(settleMs);
  });
  await client.detach();
  return scriptTime(events, scriptUrl);
}

async function main(): Promise<void> {
  if (process.env.MAD_BENCH_BUILD === '1' || !existsSync(path.join(extensionDir, 'manifest.json'))) {
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const scriptFile = path.join(extensionDir, 'content-scripts/platform.js');
  const cssFile = path.join(extensionDir, 'content-scripts/platform.css');
  const js = readFileSync(scriptFile);
  const css = existsSync(cssFile) ? readFileSync(cssFile) : Buffer.alloc(0);

  const session = await launchExtension({ extensionDir });
  try {
    await servePages(session.context, 'https://platform.openai.com', (url) => renderPlatformFixture(url));
    const scriptUrl = `chrome-extension://${session.extensionId}/content-scripts/platform.js`;
    const idle: { totalMs: number; evaluateMs: number }[] = [];
    const served: { totalMs: number; evaluateMs: number }[] = [];
    // One warm-up load each: the first load compiles the extension's service worker and fills caches.
    for (let run = -1; run < RUNS; run++) {
      const page = await session.context.newPage();
      const result = await measure(page, 'https://platform.openai.com/docs/overview', scriptUrl, 300);
      if (run >= 0) idle.push(result);
      await page.close();
    }
    for (let run = -1; run < Math.min(RUNS, 5); run++) {
      const page = await session.context.newPage();
      const result = await measure(
        page,
        'https://platform.openai.com/settings/organization/billing/overview',
        scriptUrl,
        600,
      );
      if (run >= 0) served.push(result);
      await page.close();
    }

    const idleTotal = median(idle.map((r) => r.totalMs));
    const idleEvaluate = median(idle.map((r) => r.evaluateMs));
    const servedTotal = median(served.map((r) => r.totalMs));
    console.log('Platform content script (issue 7)');
    console.log(
      `  size: ${kb(js.length)} raw, ${kb(gzipSync(js, { level: 9 }).length)} gzip (JS); CSS ${kb(css.length)} raw, ${kb(gzipSync(css, { level: 9 }).length)} gzip`,
    );
    console.log(
      `  non-matching page (/docs/overview), median of ${idle.length}: ${idleTotal.toFixed(2)} ms of script time` +
        ` (of which evaluating the bundle incl. main(): ${idleEvaluate.toFixed(2)} ms) — target ≤ 1 ms`,
    );
    console.log(`    runs: ${idle.map((r) => r.totalMs.toFixed(2)).join(', ')}`);
    console.log(
      `  served page (billing, panel mounted), median of ${served.length}: ${servedTotal.toFixed(2)} ms of script time`,
    );
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
