/**
 * The project's own rules, checked on the source tree (STYLE.md "Habits we keep" 9; DEVELOPERS.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const relative = path.join(dir, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) out.push(...sourceFiles(relative));
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(name)) out.push(relative);
  }
  return out;
}

const PRODUCT_SOURCES = ['entrypoints', 'components', 'utils'].flatMap(sourceFiles);
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

function offenders(pattern: RegExp, files = PRODUCT_SOURCES): string[] {
  return files.filter((file) => pattern.test(read(file)));
}

describe('project rules', () => {
  it('pins every dependency exactly (no ^ or ~ ranges)', () => {
    const pkg = JSON.parse(read('package.json')) as Record<string, Record<string, string> | undefined>;
    const ranges = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
      ([, version]) => !/^\d+\.\d+\.\d+$/.test(version),
    );
    expect(ranges).toEqual([]);
  });

  it('keeps entrypoints thin: one file, or one folder with index.* (and the popup page’s own module)', () => {
    const misplaced: string[] = [];
    for (const name of readdirSync(path.join(ROOT, 'entrypoints'))) {
      const full = path.join(ROOT, 'entrypoints', name);
      if (!statSync(full).isDirectory()) continue;
      const files = readdirSync(full);
      if (!files.some((file) => file.startsWith('index.'))) misplaced.push(`${name}/ has no index.*`);
      for (const file of files) {
        if (!/^(index\.(ts|tsx|html)|main\.tsx|style\.css)$/.test(file)) misplaced.push(`${name}/${file}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('imports browser only from wxt/browser, never the polyfill or chrome.*', () => {
    expect(offenders(/from ['"]webextension-polyfill['"]/)).toEqual([]);
    expect(offenders(/\bchrome\.(runtime|storage|tabs|action|permissions|contextMenus|scripting)\b/)).toEqual(
      [],
    );
  });

  it('never builds DOM from strings (no innerHTML, outerHTML, insertAdjacentHTML, dangerouslySetInnerHTML)', () => {
    expect(
      offenders(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write\(/),
    ).toEqual([]);
  });

  it('never uses sync storage', () => {
    expect(offenders(/[(,]\s*['"`]sync:|storage\.sync\b/)).toEqual([]);
  });

  it('has no exported mutable module state', () => {
    expect(offenders(/^export let /m)).toEqual([]);
  });

  it('keeps the utils/ logic free of browser APIs except in the files that wire them', () => {
    // Pure logic must be importable without a browser; only these folders talk to `wxt/browser`.
    const allowed =
      /^utils\/(messaging|background|storage\.ts|lazy-modules\.ts|build\/|platform\/wiring|scan\/wiring)/;
    const users = sourceFiles('utils').filter((file) => /from ['"]wxt\/browser['"]/.test(read(file)));
    expect(users.filter((file) => !allowed.test(file))).toEqual([]);
  });
});
