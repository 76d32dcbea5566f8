// @vitest-environment node
/**
 * The content scripts stay thin (issues 6 and 7): the diagnosis engine — error catalogue, parser, classifier,
 * model catalogue — and the openai SDK run in the background only. Each content entrypoint is bundled here
 * with esbuild (the same import graph the WXT build follows) and its inputs and output are checked; the bench
 * (`npm run bench:scan`) checks the built files too.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@/utils/diagnosis/catalogue';
import { MODEL_CATALOGUE } from '@/utils/diagnosis/models';
import { bundleContentScript } from '../../tools/content-bundle';

/** Modules of the engine a content script must not carry. */
const ENGINE = /utils\/diagnosis\/(catalogue|classify|parse|spans|extract|needle|models|model-data)\.ts$/;

async function bundle(entry: string) {
  const result = await bundleContentScript(entry, 'content');
  return {
    inputs: Object.keys(result.metafile.inputs),
    text: result.outputFiles[0]?.text ?? '',
  };
}

describe.each([
  'entrypoints/community.content/index.ts',
  'entrypoints/platform.content/index.ts',
])('%s', (entry) => {
  it('carries the local pre-check and key finder, not the engine or the openai SDK', async () => {
    const { inputs, text } = await bundle(entry);
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
});
