import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEY_CHECK_MODEL, modelToCheck, runCheck, type CheckState } from '@/components/tooltip/check';
import { createTooltipController } from '@/components/tooltip/controller';
import { applyLabelSetting, installPageStyles, pageStylesCss } from '@/components/tooltip/page-styles';
import { TooltipContent, type TooltipView } from '@/components/tooltip/TooltipContent';
import { CATEGORY_IDS } from '@/utils/diagnosis/types';
import type { ModelResult } from '@/utils/probes/types';
import { renderTopicPage } from '@/tests/fixtures/discourse/pages';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { createScanner } from '@/utils/scan/scanner';
import { cooked, loadPage } from './dom';
import { createFakeMatcher, fakeDiagnosis } from './fake-matcher';

const quota = fakeDiagnosis('insufficient_quota', 'No credit left');
const access = fakeDiagnosis('model_access_denied', 'No access to gpt-4o', 'gpt-4o');

function result(status: ModelResult['status'], category: ModelResult['category']): ModelResult {
  return {
    model: 'gpt-4o',
    status,
    category,
    confidence: 'confirmed',
    summary: 'Summary line',
    evidence: [],
    endpoint: 'chat',
    durationMs: 12,
  };
}

describe('which model "Check with my key" asks about', () => {
  it('uses the model the error names, or a small model for key-level errors, or none', async () => {
    expect(modelToCheck(access)).toBe('gpt-4o');
    expect(modelToCheck({ ...quota, probe: 'quota' })).toBe(KEY_CHECK_MODEL);
    expect(modelToCheck({ ...quota, probe: 'none' })).toBeNull();
  });

  it('turns every answer, failures included, into a state', async () => {
    expect(await runCheck(async () => ({ state: 'no-key' }), 'gpt-4o')).toEqual({ state: 'no-key' });
    const ready = result('ok', 'ok');
    expect(await runCheck(async () => ({ state: 'ready', result: ready }), 'gpt-4o')).toEqual({
      state: 'ready',
      result: ready,
    });
    expect(await runCheck(async () => Promise.reject(new Error('background gone')), 'gpt-4o')).toEqual({
      state: 'failed',
      message: 'background gone',
    });
  });
});

describe('TooltipContent', () => {
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => {
    render(null, host);
    host.remove();
  });

  const show = (
    view: TooltipView,
    checks: Map<string, CheckState> = new Map(),
    handlers: Partial<Record<'onCheck' | 'onOpenPopup' | 'onSelect', (value?: unknown) => void>> = {},
  ) =>
    render(
      <TooltipContent
        view={view}
        theme="dark"
        selected={0}
        onSelect={handlers.onSelect ?? (() => {})}
        checks={checks}
        onCheck={handlers.onCheck ?? (() => {})}
        onOpenPopup={handlers.onOpenPopup ?? (() => {})}
        onClose={() => {}}
      />,
      host,
    );

  it('shows the card and a check button naming the model', async () => {
    const onCheck = vi.fn();
    show({ diagnoses: [access], leakedKeys: 0, quoted: false }, new Map(), { onCheck });
    expect(host.querySelector('[data-mad-tooltip]')?.getAttribute('data-mad-theme')).toBe('dark');
    expect(host.querySelector('.mad-card__title')?.textContent).toBe('No access to gpt-4o');
    const button = host.querySelector('[data-mad-check]') as HTMLButtonElement;
    expect(button.getAttribute('data-mad-check')).toBe('gpt-4o');
    button.click();
    expect(onCheck).toHaveBeenCalledWith('gpt-4o');
  });

  it('says when a key cannot tell anything', async () => {
    show({ diagnoses: [{ ...quota, probe: 'none' }], leakedKeys: 0, quoted: false });
    expect(host.querySelector('[data-mad-check]')).toBeNull();
    expect(host.querySelector('[data-mad-no-check]')).not.toBeNull();
  });

  it('shows pending, no key (with the way to add one) and the result', async () => {
    show({ diagnoses: [access], leakedKeys: 0, quoted: false }, new Map([['gpt-4o', { state: 'pending' }]]));
    expect(host.querySelector('[data-mad-check]')?.hasAttribute('disabled')).toBe(true);

    const onOpenPopup = vi.fn();
    show({ diagnoses: [access], leakedKeys: 0, quoted: false }, new Map([['gpt-4o', { state: 'no-key' }]]), {
      onOpenPopup,
    });
    (host.querySelector('[data-mad-open-popup]') as HTMLButtonElement).click();
    expect(onOpenPopup).toHaveBeenCalled();

    show(
      { diagnoses: [access], leakedKeys: 0, quoted: false },
      new Map([['gpt-4o', { state: 'ready', result: result('denied', 'model_access_denied') }]]),
    );
    const shown = host.querySelector('[data-mad-result]');
    expect(shown?.getAttribute('data-status')).toBe('denied');
    expect(shown?.getAttribute('data-category')).toBe('model_access_denied');
    expect(shown?.textContent).toContain('Your key cannot use');

    show(
      { diagnoses: [access], leakedKeys: 0, quoted: false },
      new Map([['gpt-4o', { state: 'failed', message: 'No answer to content:checkModel' }]]),
    );
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('No answer');
  });

  it('warns about a leaked key with the revoke link, and marks quoted text', async () => {
    show({ diagnoses: [], leakedKeys: 1, quoted: false });
    const leak = host.querySelector('[data-mad-leak]');
    expect(leak?.textContent).toContain('This looks like a live API key — if it is yours, revoke it now');
    expect(leak?.querySelector('a')?.getAttribute('href')).toBe('https://platform.openai.com/api-keys');
    expect(host.querySelector('.mad-card')).toBeNull();

    show({ diagnoses: [quota], leakedKeys: 0, quoted: true });
    expect(host.querySelector('.mad-tip__note')?.textContent).toMatch(/Quoted/);
  });

  it('offers tabs when a code block holds several errors', async () => {
    const onSelect = vi.fn();
    show({ diagnoses: [quota, access], leakedKeys: 0, quoted: false }, new Map(), { onSelect });
    const tabs = host.querySelectorAll('[role="tab"]');
    expect([...tabs].map((tab) => tab.textContent)).toEqual(['No credit left', 'No access to gpt-4o']);
    (tabs[1] as HTMLButtonElement).click();
    expect(onSelect).toHaveBeenCalledWith(1);
  });
});

describe('page styles', () => {
  it('give every category a tone, and hide labels with one attribute', async () => {
    const css = pageStylesCss();
    for (const id of CATEGORY_IDS) expect(css).toContain(`[data-mad-category="${id}"]`);
    applyLabelSetting(document, false);
    expect(document.documentElement.getAttribute('data-mad-labels')).toBe('off');
    applyLabelSetting(document, true);
    expect(document.documentElement.hasAttribute('data-mad-labels')).toBe(false);
  });

  it('are installed once and removed on cleanup', async () => {
    const remove = installPageStyles(document);
    installPageStyles(document);
    expect(document.querySelectorAll('#mad-page-styles')).toHaveLength(1);
    remove();
    document.getElementById('mad-page-styles')?.remove();
    expect(document.querySelectorAll('#mad-page-styles')).toHaveLength(0);
  });
});

/**
 * happy-dom has no layout, so its IntersectionObserver reports every element as off screen. The stub reports
 * only what a test tells it to.
 */
class VisibilityStub {
  static last: VisibilityStub | null = null;
  targets: Element[] = [];
  constructor(readonly callback: (entries: Array<{ target: Element; isIntersecting: boolean }>) => void) {
    VisibilityStub.last = this;
  }
  observe(target: Element) {
    this.targets.push(target);
  }
  unobserve() {}
  disconnect() {
    this.targets = [];
  }
  report(isIntersecting: boolean) {
    this.callback(this.targets.map((target) => ({ target, isIntersecting })));
  }
}

describe('the tooltip controller', () => {
  let controller: AbortController;
  const realObserver = window.IntersectionObserver;
  beforeEach(() => {
    (window as { IntersectionObserver: unknown }).IntersectionObserver = VisibilityStub;
  });
  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
    (window as { IntersectionObserver: unknown }).IntersectionObserver = realObserver;
  });

  async function setup(
    checkModel = vi.fn(async (_model: string) => ({ state: 'no-key' as const })),
    prepare: () => void = () => {},
  ) {
    loadPage(renderTopicPage());
    prepare();
    controller = new AbortController();
    const scanner = createScanner({
      document,
      window,
      rules: DISCOURSE_RULES,
      matcher: createFakeMatcher(),
      signal: controller.signal,
    });
    scanner.start();
    await scanner.settle();
    const host = document.createElement('mad-tooltip');
    const container = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append(container);
    document.body.append(host);
    const openPopup = vi.fn(async () => ({ ok: true }));
    const tooltip = createTooltipController({
      document,
      window,
      container,
      host,
      lookup: (element) => scanner.lookup(element),
      checkModel,
      openPopup,
      signal: controller.signal,
      hoverDelayMs: 300,
      closeDelayMs: 200,
    });
    const card = () => container.querySelector('[data-mad-tooltip]');
    return { scanner, host, container, tooltip, card, checkModel, openPopup };
  }

  const pointer = (type: string, target: Element, relatedTarget: Element | null = null) =>
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, relatedTarget }));

  it('opens on hover only after the intent delay, and closes when the pointer leaves', async () => {
    vi.useFakeTimers();
    const { card, tooltip } = await setup();
    const highlight = cooked(1).querySelector('mad-hl') as Element;
    pointer('pointerover', highlight);
    vi.advanceTimersByTime(200);
    expect(card()).toBeNull();
    vi.advanceTimersByTime(150);
    expect(card()).not.toBeNull();
    expect(tooltip.openFor).toBe(highlight);
    expect(highlight.getAttribute('aria-expanded')).toBe('true');
    pointer('pointerout', highlight, document.body);
    vi.advanceTimersByTime(250);
    expect(card()).toBeNull();
    expect(highlight.getAttribute('aria-expanded')).toBe('false');
  });

  it('stays open while the pointer moves from the highlight into the tooltip', async () => {
    vi.useFakeTimers();
    const { card, host } = await setup();
    const highlight = cooked(1).querySelector('mad-hl') as Element;
    pointer('pointerover', highlight);
    vi.advanceTimersByTime(400);
    pointer('pointerout', highlight, host);
    pointer('pointerover', host);
    vi.advanceTimersByTime(1000);
    expect(card()).not.toBeNull();
  });

  it('a passing pointer does not open it', async () => {
    vi.useFakeTimers();
    const { card } = await setup();
    const highlight = cooked(1).querySelector('mad-hl') as Element;
    pointer('pointerover', highlight);
    vi.advanceTimersByTime(100);
    pointer('pointerout', highlight, document.body);
    vi.advanceTimersByTime(1000);
    expect(card()).toBeNull();
  });

  it('opens on focus, closes on Escape with focus back on the highlight, without reopening', async () => {
    const { card } = await setup();
    const highlight = cooked(1).querySelector('mad-hl') as HTMLElement;
    highlight.focus();
    expect(card()).not.toBeNull();
    highlight.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(card()).toBeNull();
    expect(document.activeElement).toBe(highlight);
  });

  it('a label opens the same card as its highlight; a click elsewhere closes it', async () => {
    const { card, tooltip } = await setup();
    const label = cooked(1).querySelector('mad-label') as HTMLElement;
    label.click();
    expect(card()?.querySelector('.mad-card__title')?.textContent).toBe('Rate limit reached');
    expect(tooltip.openFor).toBe(label);
    (document.querySelector('.topic-title') as HTMLElement).click();
    expect(card()).toBeNull();
  });

  it('sends only the model id, and offers the popup when no key is saved', async () => {
    const { card, checkModel, openPopup } = await setup();
    const highlight = cooked(6).querySelector('mad-hl') as HTMLElement;
    highlight.click();
    (card()?.querySelector('[data-mad-check]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(card()?.querySelector('[data-mad-open-popup]')).toBeTruthy());
    expect(checkModel).toHaveBeenCalledTimes(1);
    expect(checkModel.mock.calls[0]).toEqual(['gpt-4']);
    (card()?.querySelector('[data-mad-open-popup]') as HTMLButtonElement).click();
    expect(openPopup).toHaveBeenCalled();
  });

  it('lets a link inside a highlight work as a link', async () => {
    const { card } = await setup(undefined, () => {
      cooked(10).innerHTML =
        '<p>You exceeded your current quota, please check your <a href="#billing">plan and billing</a> details.</p>';
    });
    const link = cooked(10).querySelector('mad-hl a') as HTMLElement;
    link.click();
    expect(card()).toBeNull();
    (cooked(10).querySelector('mad-hl') as HTMLElement).click();
    expect(card()).not.toBeNull();
  });

  it('closes when the highlight leaves the screen (scrolled away or cloaked)', async () => {
    const { card } = await setup();
    (cooked(1).querySelector('mad-label') as HTMLElement).click();
    expect(card()).not.toBeNull();
    VisibilityStub.last?.report(true);
    expect(card()).not.toBeNull();
    VisibilityStub.last?.report(false);
    expect(card()).toBeNull();
  });

  it('closes when its lifetime ends', async () => {
    const { card, container } = await setup();
    (cooked(1).querySelector('mad-label') as HTMLElement).click();
    expect(card()).not.toBeNull();
    controller.abort();
    expect(container.querySelector('.mad-tip__floating')).toBeNull();
  });
});
