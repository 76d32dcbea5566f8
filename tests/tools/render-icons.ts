/**
 * Renders assets/icon.svg to the PNG icons WXT puts in the manifest (assets/public/icon-<size>.png),
 * with headless Chromium so the result matches what browsers draw. Run after editing the SVG:
 *   npx vite-node tests/tools/render-icons.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SIZES = [16, 32, 48, 128];

const svg = readFileSync(path.join(ROOT, 'assets/icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.MAD_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    const file = path.join(ROOT, `assets/public/icon-${size}.png`);
    await page.screenshot({
      path: file,
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    console.log(`wrote ${path.relative(ROOT, file)}`);
  }
} finally {
  await browser.close();
}
