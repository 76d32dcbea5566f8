/**
 * Bundles a content-script entrypoint with esbuild the way the WXT build follows its imports (IIFE, Preact JSX,
 * CSS left out). The content-bundle unit test checks what goes in; the scan bench reports what it weighs.
 */
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function bundleContentScript(entry: string, entrypointName: string) {
  return build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    minify: true,
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.css': 'empty' },
    define: { 'import.meta.env.ENTRYPOINT': JSON.stringify(entrypointName) },
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
  });
}
