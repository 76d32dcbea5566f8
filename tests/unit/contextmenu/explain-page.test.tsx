import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExplainPage, type ExplainPageDeps } from '@/components/panel/ExplainPage';
import type { Diagnosis } from '@/utils/diagnosis/types';
import { diagnosisFor, exhaustedSummary, modelResult } from '../platform/summaries';

let container: HTMLElement;

async function mount(node: ComponentChild): Promise<HTMLElement> {
  container = document.createElement('div');
  document.body.append(container);
  await act(async () => render(node, container));
  return container;
}

afterEach(() => {
  render(null, container);
  container.remove();
});

const MODEL_TEXT = 'The model `gpt-4o` does not exist or you do not have access to it.';

function deps(
  overrides: Partial<ExplainPageDeps> = {},
): ExplainPageDeps & { explain: ReturnType<typeof vi.fn> } {
  const explain = vi.fn(async (text: string): Promise<Diagnosis | null> => {
    if (text.includes('quota')) return diagnosisFor('insufficient_quota', { probe: 'quota' });
    if (text.includes('gpt-4o')) {
      return diagnosisFor('model_access_denied', { probe: 'model', fields: { model: 'gpt-4o' } });
    }
    return null;
  });
  return {
    loadSelection: async () => MODEL_TEXT,
    explain,
    checkModel: vi.fn(async (model: string) => ({
      state: 'ready' as const,
      result: modelResult(model, 'ok'),
    })),
    checkKey: vi.fn(async () => ({ state: 'ready' as const, summary: exhaustedSummary() })),
    openPopup: vi.fn(async () => ({ ok: true })),
    ...overrides,
  } as ExplainPageDeps & { explain: ReturnType<typeof vi.fn> };
}

/** Lets the page's debounce and promises run. */
async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 260));
  });
}

const result = (root: HTMLElement) => root.querySelector('[data-explain-result]');

describe('the explain page', () => {
  it('explains the selection it was opened with, and checks the named model with the key', async () => {
    const pageDeps = deps();
    const root = await mount(<ExplainPage deps={pageDeps} />);
    await settle();
    expect(root.querySelector('textarea')?.value).toBe(MODEL_TEXT);
    expect(root.querySelector('label')?.textContent).toBe('Error text');
    expect(result(root)?.getAttribute('data-category')).toBe('model_access_denied');
    expect(root.textContent).toContain('From your selection');

    const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes('with my key'));
    expect(button?.textContent?.trim()).toBe('Check gpt-4o with my key');
    await act(async () => button?.click());
    await settle();
    expect(pageDeps.checkModel).toHaveBeenCalledWith('gpt-4o');
    const check = root.querySelector('[data-check-result]');
    expect(check?.getAttribute('data-status')).toBe('ok');
    expect(check?.getAttribute('data-model')).toBe('gpt-4o');
  });

  it('checks the key itself for a quota error', async () => {
    const pageDeps = deps({ loadSelection: async () => 'You exceeded your current quota' });
    const root = await mount(<ExplainPage deps={pageDeps} />);
    await settle();
    expect(result(root)?.getAttribute('data-category')).toBe('insufficient_quota');
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes('Check my key'));
    await act(async () => button?.click());
    await settle();
    expect(pageDeps.checkKey).toHaveBeenCalledTimes(1);
    expect(root.querySelector('[data-check-result]')?.getAttribute('data-category')).toBe(
      'insufficient_quota',
    );
  });

  it('says "none" for text without an OpenAI error, and re-explains as the user types', async () => {
    const pageDeps = deps({ loadSelection: async () => 'hello world' });
    const root = await mount(<ExplainPage deps={pageDeps} />);
    await settle();
    expect(result(root)?.getAttribute('data-category')).toBe('none');
    expect(root.textContent).toContain('No OpenAI error found');
    const textarea = root.querySelector('textarea');
    await act(async () => {
      if (textarea === null) return;
      textarea.value = 'Error: You exceeded your current quota';
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect(result(root)?.getAttribute('data-category')).toBe('insufficient_quota');
    expect(root.textContent).not.toContain('From your selection');
  });

  it('with no key saved, offers to open the extension', async () => {
    const pageDeps = deps({ checkModel: vi.fn(async () => ({ state: 'no-key' as const })) });
    const root = await mount(<ExplainPage deps={pageDeps} />);
    await settle();
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes('with my key'));
    await act(async () => button?.click());
    await settle();
    expect(root.querySelector('[data-check-result]')?.getAttribute('data-status')).toBe('no-key');
    const open = [...root.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Open Model Access Doctor'),
    );
    await act(async () => open?.click());
    expect(pageDeps.openPopup).toHaveBeenCalledTimes(1);
  });

  it('shows an empty box with guidance when opened without a selection', async () => {
    const root = await mount(<ExplainPage deps={deps({ loadSelection: async () => null })} />);
    await settle();
    expect(root.querySelector('textarea')?.value).toBe('');
    expect(result(root)?.getAttribute('data-state')).toBe('empty');
    expect(root.textContent).toContain('Explain this OpenAI error');
  });

  it('reports a failed check instead of hanging', async () => {
    const pageDeps = deps({
      checkModel: vi.fn(async () => {
        throw new Error('The background did not answer');
      }),
    });
    const root = await mount(<ExplainPage deps={pageDeps} />);
    await settle();
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes('with my key'));
    await act(async () => button?.click());
    await settle();
    expect(root.querySelector('[data-check-result]')?.getAttribute('data-status')).toBe('failed');
    expect(root.textContent).toContain('The background did not answer');
  });
});
