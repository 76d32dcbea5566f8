/**
 * The popup, rendered in happy-dom over fakeBrowser storage, talking to the real background handlers (with a
 * fake probe): the whole loop from pasting a key to reading the matrix, without a browser.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PopupApi } from '@/components/popup/api';
import { CACHED_PAINT_MARK, Popup } from '@/components/popup/Popup';
import { createHandlers } from '@/utils/background/handlers';
import type { MessageRequest, MessageResponse, MessageType } from '@/utils/messages';
import type { HandlerContext } from '@/utils/messaging/router';
import type { ModelResult, ProbeOptions, ProbeProfile, ProbeReport } from '@/utils/probes/types';
import {
  activeProfileIdItem,
  profilesItem,
  reportCacheItem,
  settingsItem,
  writeProfileKey,
} from '@/utils/storage';
import { deniedResult, makeCached, makeProfile, makeReport, okResult, REAL_LOOKING_KEY } from './fixtures';

const PAGE: HandlerContext = {
  sender: { id: 'x', url: 'chrome-extension://x/popup.html' },
  senderKind: 'extension-page',
};

interface Harness {
  api: PopupApi;
  copied: string[];
  /** Resolves the probe that is running (the test decides when answers arrive). */
  probe: { answer(result: ModelResult): void; finish(): void; calls: number };
}

function harness(): Harness {
  let options: ProbeOptions | undefined;
  let finish: () => void = () => {};
  let models: readonly string[] = [];
  const answered: ModelResult[] = [];
  const probe = {
    calls: 0,
    answer(result: ModelResult) {
      answered.push(result);
      options?.onResult?.(result);
    },
    finish: () => finish(),
  };
  const runProbe = async (_profile: ProbeProfile, wanted: readonly string[], probeOptions: ProbeOptions) => {
    probe.calls += 1;
    options = probeOptions;
    models = wanted;
    const aborted = await new Promise<boolean>((resolve) => {
      finish = () => resolve(false);
      probeOptions.signal?.addEventListener('abort', () => resolve(true));
    });
    const results = models.map(
      (model) => answered.find((result) => result.model === model) ?? okResult(model),
    );
    return makeReport(results, aborted ? { aborted: true } : {}) satisfies ProbeReport;
  };
  const handlers = createHandlers({
    version: '1.0.0',
    services: { runProbe, defaultProbeModels: () => ['gpt-4o', 'gpt-4o-mini', 'o3'], log: () => {} },
  });
  const copied: string[] = [];
  const api: PopupApi = {
    async send<T extends MessageType>(type: T, payload: MessageRequest<T>): Promise<MessageResponse<T>> {
      const handler = handlers[type] as (
        p: MessageRequest<T>,
        c: HandlerContext,
      ) => Promise<MessageResponse<T>>;
      // Through structured-clone, as across the real runtime boundary.
      return structuredClone(await handler(structuredClone(payload), PAGE));
    },
    requestHostPermission: vi.fn(async () => true),
    copyText: async (text) => {
      copied.push(text);
    },
    now: () => Date.now(),
    version: '1.0.0',
  };
  return { api, copied, probe };
}

let container: HTMLElement;

function mount(api: PopupApi) {
  container = document.createElement('div');
  document.body.append(container);
  render(<Popup api={api} />, container);
  return container;
}

beforeEach(() => {
  performance.clearMarks();
});
afterEach(() => {
  render(null, container);
  container.remove();
});

function $(selector: string): HTMLElement | null {
  return container.querySelector<HTMLElement>(selector);
}

function byLabel(text: string): HTMLInputElement | HTMLTextAreaElement {
  const label = [...container.querySelectorAll('label')].find(
    (element) => element.textContent?.trim() === text,
  );
  if (label === undefined) throw new Error(`no label ${text}`);
  const id = label?.getAttribute('for');
  // A label with `for`, or one wrapping its control.
  const control = id
    ? container.querySelector<HTMLInputElement>(`#${id}`)
    : (label?.querySelector('input') ?? null);
  if (control === null) throw new Error(`no control labelled ${text}`);
  return control;
}

function button(name: string | RegExp): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) =>
    typeof name === 'string' ? element.textContent?.trim() === name : name.test(element.textContent ?? ''),
  );
  if (found === undefined) throw new Error(`no button ${name}`);
  return found;
}

/** Types into a control and lets Preact re-render (its state updates are batched). */
async function type(control: HTMLInputElement | HTMLTextAreaElement, value: string) {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function rows() {
  return [...container.querySelectorAll('table tr[data-model]')].map((row) => ({
    model: row.getAttribute('data-model'),
    status: row.getAttribute('data-status'),
    category: row.getAttribute('data-category'),
    confidence: row.getAttribute('data-confidence'),
  }));
}

async function seedCachedProfile(checkedAgoMs = 5 * 60_000) {
  const profile = makeProfile();
  await profilesItem.setValue([profile]);
  await activeProfileIdItem.setValue(profile.id);
  const report = makeReport([okResult('gpt-4o-mini'), deniedResult('gpt-4o')]);
  await reportCacheItem.setValue({ p1: makeCached(report, { checkedAt: Date.now() - checkedAgoMs }) });
  await writeProfileKey(profile, REAL_LOOKING_KEY);
  return profile;
}

describe('Popup', () => {
  it('empty state: the key form and the explain box, nothing else to do yet', async () => {
    mount(harness().api);
    await vi.waitFor(() => expect($('.app[data-loaded="true"]')).not.toBeNull());
    await vi.waitFor(() => expect(byLabel('API key')).toBeDefined());
    expect(byLabel('Explain an error').tagName).toBe('TEXTAREA');
    expect($('table')).toBeNull();
  });

  it('names the key kind as it is pasted, refuses admin keys, and never keeps the key after saving', async () => {
    const { api } = harness();
    mount(api);
    await vi.waitFor(() => byLabel('API key'));
    await type(byLabel('API key'), `sk-admin-${'a'.repeat(60)}`);
    await vi.waitFor(() => expect($('[data-key-refusal]')?.textContent).toMatch(/cannot call models/));
    expect(button('Save key').disabled).toBe(true);

    await type(byLabel('API key'), `export OPENAI_API_KEY="${REAL_LOOKING_KEY}"\n`);
    await vi.waitFor(() => expect($('[data-key-kind]')?.textContent).toBe('Project key'));
    expect($('.key-hint')?.textContent).toMatch(/removed .*quotes/);
    button('Save key').click();

    await vi.waitFor(() => expect($('[data-masked-key]')?.textContent).toBe('sk-proj-…WXYZ'));
    expect(container.innerHTML).not.toContain(REAL_LOOKING_KEY);
    const values = [...container.querySelectorAll('input, textarea')].map(
      (el) => (el as HTMLInputElement).value,
    );
    expect(values.join('\n')).not.toContain(REAL_LOOKING_KEY.slice(10, 30));
  });

  it('shows cached results at once, with their age, and marks the paint for the bench', async () => {
    await seedCachedProfile();
    mount(harness().api);
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()).toEqual([
      { model: 'gpt-4o-mini', status: 'ok', category: 'ok', confidence: 'confirmed' },
      { model: 'gpt-4o', status: 'denied', category: 'model_access_denied', confidence: 'confirmed' },
    ]);
    expect($('.actions__ago')?.textContent).toBe('checked 5 min ago');
    await vi.waitFor(() => expect(performance.getEntriesByName(CACHED_PAINT_MARK)).toHaveLength(1));
  });

  it('a row opens to its diagnosis card, by click and by keyboard (a real button)', async () => {
    await seedCachedProfile();
    mount(harness().api);
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    const toggle = container.querySelector<HTMLButtonElement>('tr[data-model="gpt-4o"] button')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await vi.waitFor(() =>
      expect($('.matrix__detail .mad-card h3')?.textContent).toBe('Project blocks gpt-4o'),
    );
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    // The detail row carries no data-model: checks that count model rows still see two.
    expect(rows()).toHaveLength(2);
    toggle.click();
    await vi.waitFor(() => expect($('.matrix__detail')).toBeNull());
  });

  it('Check access: rows wait as pending, fill as answers arrive, and the live region says how far it got', async () => {
    await seedCachedProfile();
    const { api, probe } = harness();
    // The fake probe needs a stored key.
    mount(api);
    await vi.waitFor(() => button(/Check access/));
    button(/Check access/).click();
    await vi.waitFor(() =>
      expect(rows().map((row) => row.status)).toEqual(['pending', 'pending', 'pending']),
    );
    expect(button(/Cancel check/)).toBeDefined();
    probe.answer(deniedResult('o3'));
    await vi.waitFor(() => expect(rows().map((row) => row.status)).toEqual(['pending', 'pending', 'denied']));
    expect($('[role="status"][aria-live="polite"]')?.textContent).toBe('Checking 1 of 3 models');
    probe.finish();
    await vi.waitFor(() => expect(rows().map((row) => row.status)).toEqual(['ok', 'ok', 'denied']));
    await vi.waitFor(() =>
      expect($('[aria-live="polite"].sr-only')?.textContent).toMatch(/^Check finished: 2 usable · 1 blocked/),
    );
    expect($('.actions__ago')?.textContent).toBe('checked just now');
  });

  it('cancel keeps the previous results and says so', async () => {
    await seedCachedProfile();
    const { api } = harness();
    mount(api);
    await vi.waitFor(() => button(/Check access/));
    button(/Check access/).click();
    await vi.waitFor(() => button(/Cancel check/));
    button(/Cancel check/).click();
    await vi.waitFor(() =>
      expect($('.notice-line')?.textContent).toMatch(/cancelled\. Showing the previous results/),
    );
    expect(rows().map((row) => row.model)).toEqual(['gpt-4o-mini', 'gpt-4o']);
  });

  it('explains pasted text as it comes, with data-category, and says none for other text', async () => {
    mount(harness().api);
    await vi.waitFor(() => byLabel('Explain an error'));
    await type(
      byLabel('Explain an error'),
      'openai.RateLimitError: Error code: 429 - insufficient_quota: You exceeded your current quota',
    );
    await vi.waitFor(() =>
      expect($('[data-explain-result]')?.getAttribute('data-category')).toBe('insufficient_quota'),
    );
    await type(byLabel('Explain an error'), 'Just a normal sentence about cooking pasta.');
    await vi.waitFor(() => expect($('[data-explain-result]')?.getAttribute('data-category')).toBe('none'));
    await type(byLabel('Explain an error'), '');
    await vi.waitFor(() => expect($('[data-explain-result]')).toBeNull());
  });

  it('offers "check this model with my key" when the error names a model, and shows the answer', async () => {
    await seedCachedProfile();
    const { api, probe } = harness();
    mount(api);
    await vi.waitFor(() => byLabel('Explain an error'));
    await type(
      byLabel('Explain an error'),
      'Error code: 404 - The model `gpt-4o` does not exist or you do not have access to it.',
    );
    await vi.waitFor(() => button('Check gpt-4o with my key'));
    button('Check gpt-4o with my key').click();
    await vi.waitFor(() => expect(probe.calls).toBe(1));
    probe.finish();
    await vi.waitFor(() =>
      expect($('[data-check-model="gpt-4o"]')?.getAttribute('data-check-status')).toBe('ok'),
    );
  });

  it('copy report: copies Markdown without the key, ids masked until unticked', async () => {
    const profile = await seedCachedProfile();
    await profilesItem.setValue([{ ...profile, projectId: 'proj_ABCDEFGHIJKLMNOPQRSTUVWX' }]);
    const { api, copied } = harness();
    mount(api);
    await vi.waitFor(() => button(/Copy report/));
    button(/Copy report/).click();
    await vi.waitFor(() => expect(copied).toHaveLength(1));
    expect(copied[0]).toContain('| `gpt-4o` | ❌ blocked |');
    expect(copied[0]).toContain('proj_…UVWX');
    expect((container.querySelector('[data-report-text]') as HTMLTextAreaElement).value).toBe(copied[0]);
    const mask = byLabel('Mask organization and project ids') as HTMLInputElement;
    mask.click();
    await vi.waitFor(() => expect(copied).toHaveLength(2));
    expect(copied[1]).toContain('proj_ABCDEFGHIJKLMNOPQRSTUVWX');
    expect((await settingsItem.getValue()).maskIdsInReport).toBe(false);
  });

  it('settings: add and remove models, reset to defaults; Escape goes back', async () => {
    mount(harness().api);
    await vi.waitFor(() => button('').getAttribute('aria-label'));
    container.querySelector<HTMLButtonElement>('button[aria-label="Settings"]')!.click();
    await vi.waitFor(() => expect(container.querySelectorAll('.model-chip')).toHaveLength(3));
    await type(container.querySelector<HTMLInputElement>('#settings-new-model')!, 'gpt-4.1-nano');
    container
      .querySelector<HTMLFormElement>('.settings__add')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(async () =>
      expect((await settingsItem.getValue()).models).toEqual(['gpt-4o', 'gpt-4o-mini', 'o3', 'gpt-4.1-nano']),
    );
    container.querySelector<HTMLButtonElement>('button[aria-label="Remove gpt-4o"]')!.click();
    await vi.waitFor(async () =>
      expect((await settingsItem.getValue()).models).toEqual(['gpt-4o-mini', 'o3', 'gpt-4.1-nano']),
    );
    await type(container.querySelector<HTMLInputElement>('#settings-new-model')!, 'bad id!');
    container
      .querySelector<HTMLFormElement>('.settings__add')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect($('#settings-model-error')?.textContent).toMatch(/letters, digits/));
    button('Reset to defaults').click();
    await vi.waitFor(async () => expect((await settingsItem.getValue()).models).toBeNull());
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await vi.waitFor(() => expect($('.app')?.getAttribute('data-view')).toBe('main'));
    // Focus returns to the control that opened the view.
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Settings'));
  });

  it('a session-only key that is gone: says so, keeps the results, offers to paste it again', async () => {
    await seedCachedProfile();
    // The profile says "session" but the session area is empty (the browser was restarted).
    await profilesItem.setValue([makeProfile({ persistence: 'session' })]);
    mount(harness().api);
    await vi.waitFor(() => expect($('.notice')?.textContent).toMatch(/one browser session only/));
    expect(rows()).toHaveLength(2);
    expect(button(/Check access/).disabled).toBe(true);
    button('Paste the key again').click();
    await vi.waitFor(() => byLabel('API key (paste it again)'));
  });

  it('asks for the host permission of a custom base URL when the user saves it', async () => {
    const { api } = harness();
    mount(api);
    await vi.waitFor(() => byLabel('API key'));
    await type(byLabel('API key'), REAL_LOOKING_KEY);
    await type(byLabel('API base URL'), 'https://proxy.example.com/v1');
    await vi.waitFor(() => expect($('#key-form-base-hint')?.textContent).toMatch(/browser will ask/));
    button('Save key').click();
    await vi.waitFor(() =>
      expect(api.requestHostPermission).toHaveBeenCalledWith('https://proxy.example.com/*'),
    );
  });
});
