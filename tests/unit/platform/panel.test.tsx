import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from '@/components/panel/Panel';
import { platformPageOf } from '@/utils/platform/pages';
import type { PanelActions, PanelPage, PanelState } from '@/utils/platform/panel-state';
import { diagnosisFor, exhaustedSummary, modelResult, summary } from './summaries';

let container: HTMLElement;

function mount(node: ComponentChild): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  act(() => render(node, container));
  return container;
}

afterEach(() => {
  act(() => render(null, container));
  container.remove();
});

function page(path: string): PanelPage {
  return platformPageOf(`https://platform.openai.com${path}`) as PanelPage;
}

function actions() {
  return {
    recheckNow: vi.fn<() => void>(),
    setCollapsed: vi.fn<(collapsed: boolean) => void>(),
    openPopup: vi.fn<() => void>(),
    startWatch: vi.fn<() => void>(),
    stopWatch: vi.fn<() => void>(),
  } satisfies PanelActions;
}

function state(overrides: Partial<PanelState> = {}): PanelState {
  return {
    page: page('/settings/organization/limits'),
    access: { state: 'ready', summary: summary() },
    collapsed: false,
    running: null,
    runs: [],
    watch: null,
    ...overrides,
  };
}

const NOW = () => 2000 + 5 * 60_000;

describe('the platform panel', () => {
  it('lists models with the popup matrix hooks', () => {
    const root = mount(
      <Panel
        state={state({
          access: {
            state: 'ready',
            summary: summary({
              models: [modelResult('gpt-4o', 'ok'), modelResult('o3', 'denied', 'org_verification_required')],
            }),
          },
        })}
        actions={actions()}
        now={NOW}
      />,
    );
    const rows = [...root.querySelectorAll('tr[data-model]')].map((row) => ({
      model: row.getAttribute('data-model'),
      status: row.getAttribute('data-status'),
      category: row.getAttribute('data-category'),
      confidence: row.getAttribute('data-confidence'),
    }));
    expect(rows).toEqual([
      { model: 'gpt-4o', status: 'ok', category: 'ok', confidence: 'likely' },
      { model: 'o3', status: 'denied', category: 'org_verification_required', confidence: 'likely' },
    ]);
    expect(root.querySelector('.mad-root')?.getAttribute('data-page')).toBe('limits');
    expect(root.textContent).toContain('Work key · checked 5 min ago');
    expect(root.querySelector('.mad-tier__label')?.textContent).toBe('Tier 3');
  });

  it('opens a refused row to the diagnosis card, by keyboard-reachable button', () => {
    const root = mount(
      <Panel
        state={state({
          access: { state: 'ready', summary: summary({ models: [modelResult('o3', 'denied')] }) },
        })}
        actions={actions()}
        now={NOW}
      />,
    );
    const toggle = root.querySelector<HTMLButtonElement>('.mad-models__toggle');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    act(() => toggle?.click());
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector('[data-mad-card]')?.textContent).toContain('Title for model_access_denied');
  });

  it('with no key, offers to open the extension', () => {
    const handlers = actions();
    const root = mount(<Panel state={state({ access: { state: 'no-key' } })} actions={handlers} now={NOW} />);
    expect(root.querySelector('[data-empty="no-key"]')).not.toBeNull();
    expect(root.querySelector('[data-action="recheck"]')).toBeNull();
    act(() => root.querySelector<HTMLButtonElement>('[data-empty="no-key"] button')?.click());
    expect(handlers.openPopup).toHaveBeenCalledTimes(1);
  });

  it('re-checks on request, and disables the button while one runs', () => {
    const handlers = actions();
    const root = mount(<Panel state={state()} actions={handlers} now={NOW} />);
    act(() => root.querySelector<HTMLButtonElement>('[data-action="recheck"]')?.click());
    expect(handlers.recheckNow).toHaveBeenCalledTimes(1);
    act(() => render(<Panel state={state({ running: 'manual' })} actions={handlers} now={NOW} />, container));
    expect(root.querySelector<HTMLButtonElement>('[data-action="recheck"]')?.disabled).toBe(true);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Re-checking with your key…');
  });

  it('says "Check now" when the key was never checked', () => {
    const root = mount(
      <Panel state={state({ access: { state: 'ready', summary: null } })} actions={actions()} now={NOW} />,
    );
    expect(root.querySelector('[data-empty="not-checked"]')).not.toBeNull();
    expect(root.querySelector('[data-action="recheck"]')?.textContent).toContain('Check now');
  });

  it('collapses to a pill that still counts usable models, and expands again', () => {
    const handlers = actions();
    const root = mount(
      <Panel
        state={state({
          collapsed: true,
          access: {
            state: 'ready',
            summary: summary({ models: [modelResult('a', 'ok'), modelResult('b', 'denied')] }),
          },
        })}
        actions={handlers}
        now={NOW}
      />,
    );
    const pill = root.querySelector<HTMLButtonElement>('.mad-pill');
    expect(pill?.textContent).toBe('1 of 2 models usable');
    expect(pill?.getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector('tr[data-model]')).toBeNull();
    act(() => pill?.click());
    expect(handlers.setCollapsed).toHaveBeenCalledWith(false);
  });

  it('collapses on Escape', () => {
    const handlers = actions();
    const root = mount(<Panel state={state()} actions={handlers} now={NOW} />);
    act(() => {
      root
        .querySelector('.mad-panel')
        ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(handlers.setCollapsed).toHaveBeenCalledWith(true);
  });

  it('shows a key-level banner, except where the page section already explains it', () => {
    const scoped = summary({
      key: {
        missingScopes: ['model.request'],
        problem: { category: 'key_scope_insufficient', diagnosis: diagnosisFor('key_scope_insufficient') },
      },
      models: [modelResult('gpt-4o', 'denied', 'key_scope_insufficient')],
    });
    const onLimits = mount(
      <Panel state={state({ access: { state: 'ready', summary: scoped } })} actions={actions()} now={NOW} />,
    );
    expect(onLimits.querySelector('[data-scope="key"]')?.getAttribute('data-category')).toBe(
      'key_scope_insufficient',
    );
    act(() =>
      render(
        <Panel
          state={state({ page: page('/api-keys'), access: { state: 'ready', summary: scoped } })}
          actions={actions()}
          now={NOW}
        />,
        container,
      ),
    );
    expect(container.querySelector('[data-scope="key"]')).toBeNull();
    expect(container.querySelector('[data-missing-scope="model.request"]')?.textContent).toContain(
      'Model capabilities → Request',
    );
    // Every model refused for the key's reason: the rows are folded away (still in the page).
    expect(container.querySelector<HTMLDetailsElement>('details.mad-models-box')?.open).toBe(false);
    expect(container.querySelectorAll('tr[data-model]')).toHaveLength(1);
  });

  it('billing: while watching, shows the steps with countdowns and a stop button', () => {
    const handlers = actions();
    const root = mount(
      <Panel
        state={state({
          page: page('/settings/organization/billing/overview'),
          access: { state: 'ready', summary: exhaustedSummary() },
          watch: {
            active: true,
            startedAt: 0,
            steps: [
              { delayMs: 60_000, dueAt: 60_000, state: 'done' },
              { delayMs: 300_000, dueAt: 300_000, state: 'pending' },
              { delayMs: 900_000, dueAt: 900_000, state: 'pending' },
            ],
          },
          runs: [{ at: 60_000, trigger: 'scheduled', changes: [] }],
        })}
        actions={handlers}
        now={() => 100_000}
      />,
    );
    const steps = [...root.querySelectorAll('.mad-watch__step')].map((step) => step.textContent);
    expect(steps).toEqual(['1 minchecked', '5 minin 3:20', '15 minin 13:20']);
    expect(root.querySelector('[data-section="billing"] .mad-runs')?.textContent).toContain('No change');
    act(() =>
      [...root.querySelectorAll('button')]
        .find((button) => button.textContent === 'Stop re-checking')
        ?.click(),
    );
    expect(handlers.stopWatch).toHaveBeenCalledTimes(1);
    // The billing section says it; no second banner for the same problem.
    expect(root.querySelector('[data-scope="key"]')).toBeNull();
  });

  it('billing: with no credit and no watch yet, offers "I just added credit"', () => {
    const handlers = actions();
    const root = mount(
      <Panel
        state={state({
          page: page('/settings/organization/billing/overview'),
          access: { state: 'ready', summary: exhaustedSummary() },
        })}
        actions={handlers}
        now={NOW}
      />,
    );
    expect(root.querySelector('.mad-watch__intro')?.textContent).toContain('1 min, 5 min and 15 min');
    act(() =>
      [...root.querySelectorAll('button')]
        .find((button) => button.textContent === 'I just added credit')
        ?.click(),
    );
    expect(handlers.startWatch).toHaveBeenCalledTimes(1);
  });

  it('renders page text as text, never as markup', () => {
    const hostile = summary({
      models: [
        modelResult('gpt-4o', 'denied', 'model_access_denied', { summary: '<img src=x onerror=alert(1)>' }),
      ],
    });
    const root = mount(
      <Panel
        state={state({ access: { state: 'ready', summary: { ...hostile, profileLabel: '<b>x</b>' } } })}
        actions={actions()}
        now={NOW}
      />,
    );
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
