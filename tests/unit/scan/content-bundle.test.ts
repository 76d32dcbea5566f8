// @vitest-environment node
/**
 * The content scripts stay thin (issues 6 and 7). Each content entrypoint and its lazily loaded modules are
 * bundled here exactly as the build does (utils/build/content-bundle.ts) and their inputs and text are checked:
 * - the diagnosis engine (error catalogue, parser, classifier, model catalogue) and the openai SDK run in the
 *   background only: neither the scripts nor their lazy modules carry them;
 * - what every page loads (the classic script) leaves the UI (Preact, Floating UI, the card, the panel) to the
 *   lazy modules, and the platform script, which runs on every platform page, carries no scanner either;
 * - the lazy modules use the loading script's `browser`: no second webextension-polyfill.
 */
import { describe, expect, it } from 'vitest';
import { bundleContentScript, bundleLazyModules, LAZY_ENTRIES } from '@/utils/build/content-bundle';
import { CATALOGUE } from '@/utils/diagnosis/catalogue';
import { MODEL_CATALOGUE } from '@/utils/diagnosis/models';

/** Modules of the engine a content script must not carry. */
const ENGINE = /utils\/diagnosis\/(catalogue|classify|parse|spans|extract|needle|models|model-data)\.ts$/;
/** The UI's code (its stylesheets are imported by the entrypoints on purpose, and the category colours are data). */
const UI =
  /node_modules\/(preact|@floating-ui)\/|components\/(diagnosis|panel)\/\w+\.tsx$|components\/tooltip\/(controller|TooltipContent)/;

async function bundles(entrypoint: keyof typeof LAZY_ENTRIES) {
  const eager = await bundleContentScript(`entrypoints/${entrypoint}.content/index.ts`, entrypoint);
  const lazy = await bundleLazyModules(entrypoint);
  return {
    eagerInputs: Object.keys(eager.metafile.inputs),
    lazyInputs: Object.keys(lazy.metafile.inputs),
    lazyFiles: (lazy.outputFiles ?? []).map((file) => file.path.split('/').pop() ?? ''),
    text: [eager, lazy].flatMap((result) => (result.outputFiles ?? []).map((file) => file.text)).join('\n'),
  };
}

describe.each(['community', 'platform'] as const)('%s content script', (entrypoint) => {
  it('carries the local pre-check and key finder, not the engine or the openai SDK', async () => {
    const { eagerInputs, lazyInputs, text } = await bundles(entrypoint);
    const inputs = [...eagerInputs, ...lazyInputs];
    expect(inputs.some((input) => input.endsWith('utils/diagnosis/precheck.ts'))).toBe(true);
    expect(inputs.some((input) => input.endsWith('utils/diagnosis/redact.ts'))).toBe(true);
    expect(inputs.filter((input) => ENGINE.test(input) || input.includes('node_modules/openai/'))).toEqual(
      [],
    );
    // And none of their text: every catalogue explanation, every dated model id.
    const needles = [
      ...CATALOGUE.map((entry) => entry.explanation.slice(0, 48)),
      ...MODEL_CATALOGUE.map((info) => info.id).filter((id) => /-\d{4}-\d{2}-\d{2}$/.test(id)),
    ];
    expect(needles.length).toBeGreaterThan(50);
    expect(needles.filter((needle) => text.includes(needle))).toEqual([]);
  }, 30_000);

  it('leaves the UI to lazy modules that share the script’s browser object', async () => {
    const { eagerInputs, lazyInputs, lazyFiles } = await bundles(entrypoint);
    expect(eagerInputs.filter((input) => UI.test(input))).toEqual([]);
    expect(lazyInputs.some((input) => input.includes('node_modules/preact/'))).toBe(true);
    expect(lazyInputs.some((input) => input.includes('node_modules/@floating-ui/dom/'))).toBe(true);
    expect(lazyInputs.filter((input) => input.includes('webextension-polyfill'))).toEqual([]);
    expect(eagerInputs.some((input) => input.includes('webextension-polyfill'))).toBe(true);
    for (const name of Object.keys(LAZY_ENTRIES[entrypoint])) expect(lazyFiles).toContain(`${name}.js`);
    // The lazy build leaves CSS out: every stylesheet its components import must come with the entrypoint, or
    // the shadow root (which loads content-scripts/<entrypoint>.css) would go without it.
    const css = (inputs: string[]) => inputs.filter((input) => input.endsWith('.css'));
    expect(css(lazyInputs).length).toBeGreaterThan(0);
    expect(css(lazyInputs).filter((input) => !css(eagerInputs).includes(input))).toEqual([]);
  }, 30_000);
});

it('runs no scanner on platform pages until one is served', async () => {
  const { eagerInputs } = await bundles('platform');
  expect(eagerInputs.filter((input) => /utils\/scan\/|utils\/diagnosis\//.test(input))).toEqual([]);
}, 30_000);
