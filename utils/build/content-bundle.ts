/**
 * Build-time only (Node): esbuild options shared by the lazily loaded content-script modules, the content-bundle
 * unit test and the scan bench, so that what is measured is built the way it ships.
 *
 * Why lazy modules: WXT bundles each content script into one classic script (no code splitting), so every forum
 * and platform page would parse Preact, Floating UI and the panel even where nothing of ours is shown. The UI
 * parts are therefore built here as ES modules (with shared chunks) under `content-scripts/lazy-<entrypoint>/`,
 * listed as web-accessible for that entrypoint's origin only, and loaded with `import()` by the content script
 * the first time they are needed (utils/lazy-modules.ts). CSS stays with WXT: each entrypoint imports the
 * stylesheets its lazy modules use, so `content-scripts/<entrypoint>.css` is what `createShadowRootUi` loads.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** The lazily loaded modules of each content script: output name → source (typed for callers in utils/lazy-modules.ts). */
export const LAZY_ENTRIES = {
  community: { tooltip: 'utils/scan/tooltip-mount.ts' },
  platform: { panel: 'utils/platform/panel-mount.tsx', scan: 'utils/platform/scan-mount.ts' },
} as const satisfies Record<string, Record<string, string>>;

export type LazyEntrypoint = keyof typeof LAZY_ENTRIES;

/** Where an entrypoint's lazy modules go, relative to the extension's root (also the web-accessible pattern). */
export const lazyDir = (entrypoint: string) => `content-scripts/lazy-${entrypoint}`;

/** What the WXT build does to a content script's imports, for esbuild. */
function sharedOptions(entrypointName: string): BuildOptions {
  return {
    bundle: true,
    minify: true,
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // CSS is bundled by WXT into the entrypoint's stylesheet (see above).
    loader: { '.css': 'empty' },
    // As @wxt-dev/webextension-polyfill does for the WXT build: one promise-based `browser` on both browsers.
    alias: { 'wxt/browser': '@wxt-dev/webextension-polyfill/browser' },
    define: {
      'import.meta.env.ENTRYPOINT': JSON.stringify(entrypointName),
      'import.meta.env.MODE': JSON.stringify('production'),
    },
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
  };
}

/** A content-script entrypoint as one classic script (its eager part: lazy modules are loaded by URL). */
export function bundleContentScript(entry: string, entrypointName: string) {
  return build({
    ...sharedOptions(entrypointName),
    metafile: true,
    write: false,
    entryPoints: [path.join(ROOT, entry)],
    format: 'iife',
  });
}

const LAZY_BROWSER = path.join(ROOT, 'utils/build/lazy-browser.ts');

/**
 * An entrypoint's lazy modules as ES modules with shared chunks, in memory. Each module also exports
 * `provideBrowser`: its `wxt/browser` is the loading content script's (utils/build/lazy-browser.ts).
 */
export function bundleLazyModules(entrypoint: LazyEntrypoint) {
  const entries: Record<string, string> = LAZY_ENTRIES[entrypoint];
  const options = sharedOptions(entrypoint);
  return build({
    ...options,
    metafile: true,
    write: false,
    alias: { ...options.alias, 'wxt/browser': LAZY_BROWSER },
    entryPoints: Object.keys(entries).map((out) => ({ in: `lazy-entry:${out}`, out })),
    plugins: [
      {
        name: 'lazy-entries',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /^lazy-entry:/ }, (args) => ({
            path: args.path,
            namespace: 'lazy-entry',
          }));
          pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-entry' }, (args) => {
            const source = path.join(ROOT, entries[args.path.slice('lazy-entry:'.length)] ?? '');
            return {
              contents: `export * from ${JSON.stringify(source)};\nexport { provideBrowser } from ${JSON.stringify(LAZY_BROWSER)};`,
              resolveDir: ROOT,
              loader: 'ts',
            };
          });
        },
      },
    ],
    format: 'esm',
    splitting: true,
    outdir: path.join(ROOT, '.lazy-out'),
    chunkNames: 'chunk-[hash]',
  });
}

/** Builds and writes every entrypoint's lazy modules into a built extension directory. */
export async function writeLazyModules(extensionDir: string): Promise<void> {
  for (const entrypoint of Object.keys(LAZY_ENTRIES) as LazyEntrypoint[]) {
    const result = await bundleLazyModules(entrypoint);
    const dir = path.join(extensionDir, lazyDir(entrypoint));
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    for (const file of result.outputFiles ?? [])
      await writeFile(path.join(dir, path.basename(file.path)), file.contents);
  }
}
