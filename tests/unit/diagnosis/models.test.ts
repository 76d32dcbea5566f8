import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import {
  closestUsableModel,
  defaultProbeModels,
  effectiveStatus,
  fineTuneBase,
  isOtherProviderModel,
  isPublishedModel,
  lookupModel,
  MODEL_CATALOGUE,
  MODEL_CATALOGUE_REVIEWED,
  MODEL_ID_PATTERNS,
  type ModelInfo,
  suggestModelId,
} from '@/utils/diagnosis/models';

describe('the catalogue as data', () => {
  it('has a review date and unique ids', () => {
    expect(MODEL_CATALOGUE_REVIEWED).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const ids = MODEL_CATALOGUE.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every entry sources, endpoints and consistent lifecycle facts', () => {
    for (const model of MODEL_CATALOGUE) {
      expect(model.sources.length, model.id).toBeGreaterThan(0);
      for (const source of model.sources) expect(source, model.id).toMatch(/^https:\/\//);
      expect(model.endpoints.length, model.id).toBeGreaterThan(0);
      if (model.status !== 'current') expect(model.shutdownDate, model.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (model.status === 'retired')
        expect(model.shutdownDate! <= MODEL_CATALOGUE_REVIEWED, model.id).toBe(true);
      if (model.status === 'deprecated')
        expect(model.shutdownDate! > MODEL_CATALOGUE_REVIEWED, model.id).toBe(true);
      if (model.probe === 'chat') expect(model.endpoints, model.id).toContain('chat');
      if (model.probe === 'responses') expect(model.endpoints, model.id).toContain('responses');
      if (model.reasoning) expect(model.tokenParam, model.id).toBe('max_completion_tokens');
      if (model.defaultProbe) {
        expect(model.status, model.id).toBe('current');
        expect(model.probe, model.id).not.toBeNull();
      }
    }
  });

  it('points every replacement at a catalogued model', () => {
    for (const model of MODEL_CATALOGUE) {
      if (model.replacement !== undefined)
        expect(lookupModel(model.replacement), `${model.id} → ${model.replacement}`).toBeDefined();
    }
  });

  it('has no two ids that normalise to the same form', () => {
    const seen = new Map<string, string>();
    for (const { id } of MODEL_CATALOGUE) {
      const norm = id.toLowerCase().replace(/[\s_-]+/g, '');
      expect(seen.get(norm), `${id} vs ${seen.get(norm)}`).toBeUndefined();
      seen.set(norm, id);
    }
  });
});

describe('the catalogue’s facts', () => {
  const info = (id: string): ModelInfo => {
    const found = lookupModel(id);
    if (!found) throw new Error(`${id} is not catalogued`);
    return found;
  };

  it('sends responses-only models to the Responses probe', () => {
    for (const id of [
      'o1-pro',
      'o3-pro',
      'gpt-5-pro',
      'gpt-5.5-pro',
      'gpt-5.3-codex',
      'computer-use-preview',
      'o3-deep-research',
      'codex-mini-latest',
    ]) {
      expect(info(id).endpoints, id).toEqual(['responses']);
      expect(info(id).probe, id).toBe('responses');
    }
  });

  it('keeps legacy completions models off the chat probe', () => {
    for (const id of [
      'gpt-3.5-turbo-instruct',
      'davinci-002',
      'babbage-002',
      'text-davinci-003',
      'code-davinci-002',
    ]) {
      expect(info(id).endpoints, id).toEqual(['completions']);
      expect(info(id).probe, id).toBeNull();
    }
  });

  it('does not probe embeddings, images, audio or moderation models', () => {
    for (const id of [
      'text-embedding-3-small',
      'text-embedding-ada-002',
      'gpt-image-1',
      'dall-e-3',
      'whisper-1',
      'tts-1',
      'omni-moderation-latest',
      'gpt-realtime',
      'sora-2',
    ]) {
      expect(info(id).probe, id).toBeNull();
      expect(info(id).endpoints, id).not.toContain('chat');
    }
  });

  it('uses max_completion_tokens for reasoning models and max_tokens for the older chat models', () => {
    for (const id of [
      'o1',
      'o3',
      'o3-mini',
      'o4-mini',
      'gpt-5',
      'gpt-5-mini',
      'gpt-5.1',
      'gpt-5.5',
      'gpt-5.6-sol',
      'gpt-6-luna',
      'gpt-6.1-sol',
    ]) {
      expect(info(id).tokenParam, id).toBe('max_completion_tokens');
    }
    for (const id of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4-turbo', 'gpt-3.5-turbo']) {
      expect(info(id).tokenParam, id).toBe('max_tokens');
    }
  });

  it('records the verification requirements the sources show', () => {
    expect(info('o3').verification).toBe('streaming');
    expect(info('gpt-5').verification).toBe('streaming');
    expect(info('gpt-5-mini').verification).toBe('streaming');
    expect(info('gpt-image-1').verification).toBe('always');
    expect(info('gpt-image-1.5').verification).toBe('always');
    expect(info('o3-pro').verification).toBe('always');
    expect(info('gpt-4o').verification).toBeUndefined();
    expect(info('gpt-4.1-mini').verification).toBeUndefined();
  });

  it('knows the retired ids people still paste, with a replacement', () => {
    for (const id of [
      'text-davinci-003',
      'code-davinci-002',
      'gpt-4-32k',
      'gpt-4-vision-preview',
      'gpt-3.5-turbo-0301',
      'gpt-3.5-turbo-0613',
      'gpt-3.5-turbo-16k',
      'gpt-4.5-preview',
      'o1-preview',
      'o1-mini',
      'chatgpt-4o-latest',
      'gpt-3.5-turbo',
      'gpt-4',
      'dall-e-3',
      'text-moderation-latest',
    ]) {
      expect(info(id).status, id).toBe('retired');
      expect(info(id).replacement, id).toBeDefined();
    }
  });

  it('follows every replacement chain to a model that still works', () => {
    for (const model of MODEL_CATALOGUE) {
      const seen = new Set<string>([model.id]);
      let current: ModelInfo = model;
      while (current.replacement !== undefined && current.status === 'retired') {
        expect(seen.has(current.replacement), `cycle from ${model.id}`).toBe(false);
        seen.add(current.replacement);
        current = info(current.replacement);
      }
      if (model.replacement !== undefined)
        expect(current.status, `${model.id} → … → ${current.id}`).not.toBe('retired');
    }
  });

  it('lists the late-2026 generations', () => {
    for (const id of [
      'gpt-6-astra',
      'gpt-6.1-sol',
      'gpt-6.1-terra',
      'gpt-6-luna',
      'gpt-5.6-sol',
      'gpt-5.6-terra',
      'gpt-5.6-luna',
      'gpt-5.5',
      'gpt-5.4-mini',
    ]) {
      expect(info(id).status, id).toBe('current');
    }
    for (const id of [
      'gpt-5',
      'gpt-5-mini',
      'gpt-5-nano',
      'o3',
      'gpt-4o',
      'gpt-4o-mini',
      'gpt-4.1',
      'gpt-4.1-mini',
      'gpt-5.1',
    ]) {
      expect(info(id).status, id).toBe('deprecated');
    }
    expect(info('gpt-4o').replacement).toBe('gpt-6-luna');
    expect(info('gpt-4o').shutdownDate).toBe('2027-01-14');
  });
});

describe('lookupModel / isPublishedModel', () => {
  it('finds current, deprecated and retired ids', () => {
    expect(lookupModel('gpt-4o')?.family).toBe('gpt-4o');
    expect(lookupModel('text-davinci-003')?.status).toBe('retired');
    expect(lookupModel('text-davinci-003')?.replacement).toBe('gpt-3.5-turbo-instruct');
    expect(lookupModel('gpt-3.5-turbo-16k')?.status).toBe('retired');
    expect(isPublishedModel('gpt-4-32k')).toBe(true);
    expect(isPublishedModel('code-davinci-002')).toBe(true);
  });

  it('is exact about case and spelling', () => {
    expect(lookupModel('GPT-4o')).toBeUndefined();
    expect(isPublishedModel('gpt4o')).toBe(false);
    expect(isPublishedModel('gpt-4o ')).toBe(false);
  });

  it('accepts -MMDD snapshots only for the families that had them', () => {
    expect(lookupModel('gpt-4-0314')?.id).toBe('gpt-4-0314');
    expect(lookupModel('gpt-4-0125')?.id).toBe('gpt-4');
    expect(lookupModel('gpt-4o-0806')).toBeUndefined();
    expect(lookupModel('gpt-4-1399')).toBeUndefined();
  });

  it('resolves unlisted dated snapshots with a plausible date to their base model', () => {
    expect(lookupModel('gpt-6-luna-2026-10-01')?.id).toBe('gpt-6-luna');
    expect(lookupModel(`gpt-6-luna-2099-10-01`)).toBeUndefined();
    expect(lookupModel('gpt-4o-2024-08-06')?.id).toBe('gpt-4o-2024-08-06');
    expect(lookupModel('gpt-4o-2025-01-15')?.id).toBe('gpt-4o');
    expect(lookupModel('gpt-4o-2024-13-01')).toBeUndefined();
    expect(lookupModel('gpt-4o-2099-01-01')).toBeUndefined();
    expect(lookupModel('gpt-4o-2022-01-01')).toBeUndefined();
    expect(lookupModel('made-up-2024-08-06')).toBeUndefined();
  });

  it('does not count fine-tunes as published, but finds their base', () => {
    expect(isPublishedModel('ft:gpt-4o-mini-2024-07-18:acme::9abcDEF')).toBe(false);
    expect(fineTuneBase('ft:gpt-4o-mini-2024-07-18:acme::9abcDEF')).toBe('gpt-4o-mini-2024-07-18');
    expect(fineTuneBase('ft:gpt-3.5-turbo-0613:personal::abc')).toBe('gpt-3.5-turbo-0613');
    expect(fineTuneBase('curie:ft-acme-2023-01-01-00-00-00')).toBe('curie');
    expect(fineTuneBase('gpt-4o')).toBeUndefined();
  });
});

describe('effectiveStatus', () => {
  it('retires a deprecated model once its shutdown date has passed', () => {
    const gpt4o = lookupModel('gpt-4o')!;
    expect(effectiveStatus(gpt4o, '2026-11-24')).toBe(gpt4o.status);
    if (gpt4o.shutdownDate) expect(effectiveStatus(gpt4o, gpt4o.shutdownDate)).toBe('retired');
    expect(effectiveStatus(lookupModel('gpt-image-1.5')!, '2026-11-30')).toBe('deprecated');
    expect(effectiveStatus(lookupModel('gpt-image-1.5')!, '2026-12-01')).toBe('retired');
    expect(effectiveStatus(lookupModel('gpt-6-luna')!, '2030-01-01')).toBe('current');
    expect(effectiveStatus(lookupModel('text-davinci-003')!, '2020-01-01')).toBe('retired');
  });
});

describe('suggestModelId', () => {
  it.each([
    ['GPT-4o', 'gpt-4o'],
    ['gpt4o', 'gpt-4o'],
    ['gpt-4-o', 'gpt-4o'],
    ['gpt-4 o', 'gpt-4o'],
    ['Gpt 4o Mini', 'gpt-4o-mini'],
    ['gpt4o-mini', 'gpt-4o-mini'],
    ['gpt-4omini', 'gpt-4o-mini'],
    ['gpt-4o-mnii', 'gpt-4o-mini'],
    ['gpt-4o-mni', 'gpt-4o-mini'],
    ['gpt-40-mini', 'gpt-4o-mini'],
    ['gtp-4o-mini', 'gpt-4o-mini'],
    ['o3mini', 'o3-mini'],
    ['O3-Mini', 'o3-mini'],
    ['gpt4', 'gpt-4'],
    ['GPT-4', 'gpt-4'],
    ['gpt4-turbo', 'gpt-4-turbo'],
    ['gpt-4.1mini', 'gpt-4.1-mini'],
    ['gpt-35-turbo', 'gpt-3.5-turbo'],
    ['gpt3.5', 'gpt-3.5-turbo'],
    ['chatgpt-4o', 'gpt-4o'],
    ['ChatGPT-4', 'gpt-4'],
    ['openai/gpt-4o', 'gpt-4o'],
    ['4o', 'gpt-4o'],
    ['4o-mini', 'gpt-4o-mini'],
    ['text-davinci-03', 'text-davinci-003'],
    ['text-embeding-3-small', 'text-embedding-3-small'],
    ['dalle-3', 'dall-e-3'],
    ['gpt6-luna', 'gpt-6-luna'],
    ['GPT-5.6 Sol', 'gpt-5.6-sol'],
    ['gpt-5.6-sun', 'gpt-5.6-sol'],
    ['GPT-6.1-Terra', 'gpt-6.1-terra'],
    ['5.4-mini', 'gpt-5.4-mini'],
    ['sora2', 'sora-2'],
    ['gpt-image1', 'gpt-image-1'],
    ['whisper', 'whisper-1'],
    ['o1preview', 'o1-preview'],
    ['gpt-4-vision', 'gpt-4-vision-preview'],
    ['chatgpt', 'gpt-3.5-turbo'],
  ])('%s → %s', (typed, expected) => {
    expect(suggestModelId(typed)).toBe(expected);
  });

  it('returns undefined for published ids, including retired ones', () => {
    expect(suggestModelId('gpt-4o')).toBeUndefined();
    expect(suggestModelId('gpt-3.5-turbo-16k')).toBeUndefined();
    expect(suggestModelId('text-davinci-003')).toBeUndefined();
  });

  it('returns undefined when nothing is close', () => {
    for (const typed of [
      'claude-3-opus',
      'llama3',
      'my-deployment',
      'o5',
      'x',
      '',
      'completely-unrelated-model-name',
    ]) {
      expect(suggestModelId(typed), typed).toBeUndefined();
    }
  });

  it('trims surrounding whitespace', () => {
    expect(suggestModelId(' gpt-4o ')).toBe('gpt-4o');
  });

  it('is fast enough to run on every model id a page shows', () => {
    const typos = [
      'gpt-4o-mnii',
      'gtp-5.6-sol',
      'claude-3-opus-20240229',
      'text-embeding-3-small',
      'gpt-4.1-nanoo',
    ];
    const started = performance.now();
    for (let i = 0; i < 2000; i++) suggestModelId(typos[i % typos.length]!);
    const perCall = (performance.now() - started) / 2000;
    expect(perCall).toBeLessThan(1);
  });
});

describe('defaultProbeModels', () => {
  it('lists 8–12 current text models the probe can reach', () => {
    const defaults = defaultProbeModels();
    expect(defaults.length).toBeGreaterThanOrEqual(8);
    expect(defaults.length).toBeLessThanOrEqual(12);
    for (const id of defaults) {
      const info = lookupModel(id)!;
      expect(info.status).toBe('current');
      expect(info.probe).not.toBeNull();
    }
  });
});

describe('closestUsableModel', () => {
  it('prefers the same family, same tier first', () => {
    expect(closestUsableModel('gpt-4o', ['gpt-6.1-sol', 'gpt-4o-mini'])).toBe('gpt-4o-mini');
    expect(closestUsableModel('gpt-4o-mini', ['gpt-4o', 'gpt-4o-mini-2024-07-18'])).toBe(
      'gpt-4o-mini-2024-07-18',
    );
  });

  it('follows the replacement chain when no sibling is usable', () => {
    const o1preview = lookupModel('o1-preview')!;
    expect(closestUsableModel('o1-preview', ['gpt-4o-mini', o1preview.replacement!])).toBe(
      o1preview.replacement,
    );
  });

  it('falls back to a model of the same tier', () => {
    expect(closestUsableModel('o4-mini', ['gpt-6.1-sol', 'gpt-4o-mini'])).toBe('gpt-4o-mini');
    // mini ↔ mini before other small models…
    expect(closestUsableModel('gpt-4o-mini', ['gpt-6.1-sol', 'gpt-5.6-luna', 'gpt-5.4-mini'])).toBe(
      'gpt-5.4-mini',
    );
    // …then the newest small model (luna stands in for nano, as OpenAI's own replacements do).
    expect(closestUsableModel('gpt-5-nano', ['gpt-5.4-mini', 'gpt-5.6-luna'])).toBe('gpt-5.6-luna');
    expect(closestUsableModel('gpt-6.1-sol', ['gpt-5.6-luna', 'gpt-5.5'])).toBe('gpt-5.5');
  });

  it('takes OpenAI’s replacement when it is usable', () => {
    expect(closestUsableModel('gpt-4o', ['gpt-5.4-mini', 'gpt-6-luna'])).toBe('gpt-6-luna');
    expect(closestUsableModel('gpt-5', ['gpt-5.5', 'gpt-6.1-sol'])).toBe('gpt-6.1-sol');
  });

  it('stays on the same kind of endpoint', () => {
    expect(closestUsableModel('text-embedding-ada-002', ['gpt-4o', 'text-embedding-3-small'])).toBe(
      'text-embedding-3-small',
    );
  });

  it('never suggests the model itself, and gives up when nothing fits', () => {
    expect(closestUsableModel('gpt-4o', ['gpt-4o'])).toBeUndefined();
    expect(closestUsableModel('gpt-4o', [])).toBeUndefined();
    expect(closestUsableModel('some-unknown-model', ['gpt-4o'])).toBeUndefined();
    expect(closestUsableModel('text-embedding-3-small', ['gpt-4o'])).toBeUndefined();
  });

  it('handles fine-tunes through their base model', () => {
    expect(closestUsableModel('ft:gpt-4o-mini-2024-07-18:acme::x1', ['gpt-4.1', 'gpt-4o-mini'])).toBe(
      'gpt-4o-mini',
    );
  });
});

describe('isOtherProviderModel', () => {
  it.each([
    'claude-3-5-sonnet-20241022',
    'claude-sonnet-4-5',
    'gemini-1.5-pro',
    'gemini-2.5-flash',
    'llama3-70b-8192',
    'meta-llama/Llama-3-70b-chat-hf',
    'mistral-large-latest',
    'mixtral-8x7b-32768',
    'deepseek-chat',
    'deepseek-reasoner',
    'qwen2.5-72b-instruct',
    'grok-2',
    'command-r-plus',
    'anthropic/claude-3-opus',
    '@cf/meta/llama-3-8b-instruct',
    'llama3:8b',
    'gpt-35-turbo',
    'my-gpt4-deployment',
    'gpt-oss-120b',
  ])('%s', (id) => {
    expect(isOtherProviderModel(id)).toBe(true);
  });

  it.each([
    'gpt-4o',
    'o3-mini',
    'text-davinci-003',
    'gpt4o',
    'ft:gpt-4o-mini-2024-07-18:acme::x1',
    'openai/gpt-4o',
    '',
  ])('not %s', (id) => {
    expect(isOtherProviderModel(id)).toBe(false);
  });
});

describe('pattern safety', () => {
  it('runs only patterns a ReDoS checker finds safe', () => {
    for (const pattern of MODEL_ID_PATTERNS) {
      const result = checkSync(pattern.source, pattern.flags);
      expect(result.status, pattern.source).toBe('safe');
    }
  }, 60_000);

  it('answers quickly on hostile ids', () => {
    const hostile = [
      'gpt-'.repeat(20_000),
      `${'a-'.repeat(20_000)}2024`,
      `${'x'.repeat(50_000)}:`,
      '-'.repeat(60_000),
    ];
    for (const id of hostile) {
      const started = performance.now();
      lookupModel(id);
      suggestModelId(id);
      isOtherProviderModel(id);
      closestUsableModel(id, ['gpt-4o']);
      expect(performance.now() - started, id.slice(0, 10)).toBeLessThan(500);
    }
  });
});
