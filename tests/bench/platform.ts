/**
 * `npm run bench:platform` — what the platform content script costs (issue 7). Figures are printed, not asserted.
 *
 * 1. Size: `content-scripts/platform.js` (and its CSS) of the Chrome build, raw and gzip -9.
 * 2. A platform page the script does not serve (`/docs/overview` of the fixture app), in real headless Chromium:
 *    the main-thread CPU time (trace `tdur`, so a busy machine does not inflate it) Chromium's trace attributes to
 *    the script — compiling and evaluating the bundle, `main`, and any callback of ours until the page has been
 *    quiet for 300 ms — median of N fresh loads; and the CPU time inside `main` alone, from a sampling profile
 *    (20 µs). Both are measured, in the same run and alternating page by page, for a reference extension whose
 *    content script is bare WXT (same polyfill module, a `main` that only sets the marker and listens for
 *    navigation): the floor any WXT content script that follows the app's navigation pays. "Added" figures are
 *    medians of the paired differences.
 *    The page is also checked to hold nothing of ours.
 * 3. For contrast, a served page (billing, where the panel mounts and the scanner starts).
 *
 * Uses the build in .output/chrome-mv3 (built first when missing, or always with MAD_BENCH_BUILD=1);
 * MAD_BENCH_EXTENSION_DIR points it at another build; MAD_BENCH_RUNS sets N (default 15).
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { CHROME_BUILD_DIR, type ExtensionSession, launchExtension, ROOT, servePages } from '../e2e/harness';
import { renderPlatformFixture } from '../fixtures/platform/app';

const RUNS = Number(process.env.MAD_BENCH_RUNS ?? 15);
const extensionDir = process.env.MAD_BENCH_EXTENSION_DIR ?? CHROME_BUILD_DIR;
const NOT_SERVED = 'https://platform.openai.com/docs/overview';
const SERVED = 'https://platform.openai.com/settings/organization/billing/overview';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: unlike `dur`, not inflated when the machine is busy and the thread waits. */
  tdur?: number;
  args?: { data?: { url?: string; stackTrace?: { url?: string }[] } };
}

interface Measure {
  totalMs: number;
  compileMs: number;
  /** Lazy UI modules (content-scripts/lazy-platform/*) that ran during the load. */
  lazyModules: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;

/** A bare WXT extension: the floor. Built in a temporary folder with this project's node_modules. */
function buildFloorExtension(): { dir: string; cleanup(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'mad-bench-floor-'));
  mkdirSync(path.join(root, 'entrypoints'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  writeFileSync(
    path.join(root, 'package.json'),
    '{"name":"floor","version":"0.0.0","private":true,"type":"module"}',
  );
  writeFileSync(
    path.join(root, 'wxt.config.ts'),
    "import { defineConfig } from 'wxt';\nexport default defineConfig({ modules: ['@wxt-dev/webextension-polyfill'], manifest: { name: 'floor' } });\n",
  );
  writeFileSync(
    path.join(root, 'entrypoints/background.ts'),
    "import { defineBackground } from 'wxt/utils/define-background';\nexport default defineBackground(() => {});\n",
  );
  writeFileSync(
    path.join(root, 'entrypoints/platform.content.ts'),
    [
      "import { defineContentScript } from 'wxt/utils/define-content-script';",
      'export default defineContentScript({',
      "  matches: ['https://platform.openai.com/*'],",
      '  main(ctx) {',
      "    document.documentElement.dataset.madScript = 'platform';",
      "    ctx.addEventListener(window, 'wxt:locationchange', () => {});",
      '  },',
      '});',
      '',
    ].join('\n'),
  );
  execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' });
  return {
    dir: path.join(root, '.output/chrome-mv3'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Loads `url` in a fresh tab with tracing on; returns the script's main-thread time. */
async function measureLoad(
  session: ExtensionSession,
  url: string,
  settleMs: number,
): Promise<Measure & { page: Page }> {
  // The script and the UI modules it imports on served pages (utils/lazy-modules.ts).
  const scriptUrls = [
    `chrome-extension://${session.extensionId}/content-scripts/platform.js`,
    `chrome-extension://${session.extensionId}/content-scripts/lazy-platform/`,
  ];
  const page = await session.context.newPage();
  const client = await session.context.newCDPSession(page);
  const events: TraceEvent[] = [];
  client.on('Tracing.dataCollected', (message) => {
    events.push(...(message.value as unknown as TraceEvent[]));
  });
  await client.send('Tracing.start', { categories: 'devtools.timeline,v8', transferMode: 'ReportEvents' });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.madScript === 'platform');
  await page.waitForTimeout(settleMs);
  const done = new Promise<void>((resolve) => client.once('Tracing.tracingComplete', () => resolve()));
  await client.send('Tracing.end');
  await done;
  await client.detach();

  // Outermost events of our script only: nested ones are inside their parent's duration.
  const ours = events
    .filter((event) => event.ph === 'X' && event.dur !== undefined)
    .filter((event) => {
      const source = event.args?.data?.url ?? event.args?.data?.stackTrace?.[0]?.url;
      return scriptUrls.some((prefix) => source?.startsWith(prefix) === true);
    })
    .sort((a, b) => a.ts - b.ts);
  let totalUs = 0;
  let compileUs = 0;
  let coveredUntil = -1;
  const lazyModules = new Set(
    ours
      .map((event) => event.args?.data?.url ?? event.args?.data?.stackTrace?.[0]?.url ?? '')
      .filter((source) => source.startsWith(scriptUrls[1] as string)),
  ).size;
  for (const event of ours) {
    const cpu = event.tdur ?? event.dur ?? 0;
    if (event.name === 'v8.compile') compileUs += cpu;
    // Only outermost events count: nested ones are inside their parent's time.
    if (event.ts < coveredUntil) continue;
    totalUs += cpu;
    coveredUntil = event.ts + (event.dur ?? 0);
  }
  return { totalMs: totalUs / 1000, compileMs: compileUs / 1000, lazyModules, page };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/**
 * CPU time inside the content script's `main` (and what it calls), from a sampling profile of one page load.
 * WXT keeps the name `main` (an object method of defineContentScript), so the frame is found by name and URL.
 */
async function mainTimeMs(session: ExtensionSession, url: string): Promise<number> {
  const scriptUrl = `chrome-extension://${session.extensionId}/content-scripts/platform.js`;
  const page = await session.context.newPage();
  const client = await session.context.newCDPSession(page);
  await client.send('Profiler.enable');
  await client.send('Profiler.setSamplingInterval', { interval: 20 });
  await client.send('Profiler.start');
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.madScript === 'platform');
  await page.waitForTimeout(100);
  const { profile } = await client.send('Profiler.stop');
  await client.detach();
  await page.close();
  const nodes = new Map<number, ProfileNode>((profile.nodes as ProfileNode[]).map((node) => [node.id, node]));
  const inside = new Set<number>();
  const mark = (id: number) => {
    inside.add(id);
    for (const child of nodes.get(id)?.children ?? []) mark(child);
  };
  for (const node of nodes.values()) {
    if (node.callFrame.functionName === 'main' && node.callFrame.url.startsWith(scriptUrl)) mark(node.id);
  }
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let us = 0;
  samples.forEach((id, index) => {
    // A sample's time is the gap to the next sample.
    if (inside.has(id)) us += deltas[index + 1] ?? 0;
  });
  return us / 1000;
}

async function ourNodes(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      document.querySelectorAll(
        'mad-panel, mad-tooltip, mad-hl, [data-mad-ui], [data-mad-category], style#mad-page-styles',
      ).length,
  );
}

async function main(): Promise<void> {
  if (process.env.MAD_BENCH_BUILD === '1' || !existsSync(path.join(extensionDir, 'manifest.json'))) {
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const js = readFileSync(path.join(extensionDir, 'content-scripts/platform.js'));
  const cssFile = path.join(extensionDir, 'content-scripts/platform.css');
  const css = existsSync(cssFile) ? readFileSync(cssFile) : Buffer.alloc(0);

  const floor = buildFloorExtension();
  const ours = await launchExtension({ extensionDir });
  const bare = await launchExtension({ extensionDir: floor.dir });
  try {
    for (const session of [ours, bare]) {
      await servePages(session.context, 'https://platform.openai.com', (url) => renderPlatformFixture(url));
    }
    const oursIdle: Measure[] = [];
    const floorIdle: Measure[] = [];
    let leftovers = 0;
    let lazyOnIdle = 0;
    // One warm-up load each, then alternate so both see the same machine load.
    for (let run = -1; run < RUNS; run++) {
      const a = await measureLoad(ours, NOT_SERVED, 300);
      leftovers += await ourNodes(a.page);
      lazyOnIdle += a.lazyModules;
      await a.page.close();
      const b = await measureLoad(bare, NOT_SERVED, 300);
      await b.page.close();
      if (run < 0) continue;
      oursIdle.push(a);
      floorIdle.push(b);
    }
    const mainMs: number[] = [];
    const floorMainMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      mainMs.push(await mainTimeMs(ours, NOT_SERVED));
      floorMainMs.push(await mainTimeMs(bare, NOT_SERVED));
    }
    const served: Measure[] = [];
    for (let run = -1; run < Math.min(RUNS, 7); run++) {
      const a = await measureLoad(ours, SERVED, 800);
      await a.page.close();
      if (run >= 0) served.push(a);
    }

    const added = oursIdle.map((measure, index) => measure.totalMs - floorIdle[index]!.totalMs);
    console.log('Platform content script (issue 7)');
    console.log(
      `  size: ${kb(js.length)} raw, ${kb(gzipSync(js, { level: 9 }).length)} gzip (JS); ` +
        `CSS ${kb(css.length)} raw, ${kb(gzipSync(css, { level: 9 }).length)} gzip (shadow roots only)`,
    );
    console.log(`  page not served (${new URL(NOT_SERVED).pathname}), median of ${oursIdle.length} loads:`);
    console.log(
      `    our script: ${ms(median(oursIdle.map((m) => m.totalMs)))} main-thread CPU ` +
        `(compile ${ms(median(oursIdle.map((m) => m.compileMs)))})`,
    );
    console.log(
      `    bare WXT content script (floor): ${ms(median(floorIdle.map((m) => m.totalMs)))} ` +
        `(compile ${ms(median(floorIdle.map((m) => m.compileMs)))})`,
    );
    console.log(`    added by our script over the floor: ${ms(median(added))}`);
    console.log(
      `    inside main() (sampling profile): ours ${ms(median(mainMs))}, bare WXT ${ms(median(floorMainMs))}; ` +
        `ours minus bare ${ms(median(mainMs.map((value, index) => value - floorMainMs[index]!)))} — target ≤ 1 ms`,
    );
    console.log(`    our elements or styles left on the page: ${leftovers} (must be 0)`);
    console.log(`    lazy UI modules that ran: ${lazyOnIdle} (must be 0)`);
    console.log(
      `  served page (billing: panel and scanner start), median of ${served.length}: ` +
        `${ms(median(served.map((m) => m.totalMs)))} main-thread CPU, ` +
        `${median(served.map((m) => m.lazyModules))} lazy modules ran (the panel, the scanner, their shared chunk)`,
    );
    const lazyDir = path.join(extensionDir, 'content-scripts/lazy-platform');
    for (const name of readdirSync(lazyDir)) {
      const bytes = readFileSync(path.join(lazyDir, name));
      console.log(
        `  lazy-platform/${name}: ${kb(bytes.length)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip (served pages only)`,
      );
    }
  } finally {
    await ours.close();
    await bare.close();
    floor.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
