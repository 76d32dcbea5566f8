import { describe, expect, it, vi } from 'vitest';
import type { AccessSummary, MessageResponse } from '@/utils/messages';
import { platformPageOf } from '@/utils/platform/pages';
import {
  createPanelController,
  type PanelControllerDeps,
  type PanelPage,
  type PanelState,
} from '@/utils/platform/panel-state';
import { createFakeClock, settle } from './fake-clock';
import { exhaustedSummary, summary } from './summaries';

function page(path: string): PanelPage {
  const found = platformPageOf(`https://platform.openai.com${path}`);
  if (found === null || found.kind === 'playground') throw new Error(`not a panel page: ${path}`);
  return found as PanelPage;
}

const BILLING = page('/settings/organization/billing/overview');
const LIMITS = page('/settings/organization/limits');

interface Harness {
  deps: PanelControllerDeps;
  renders: PanelState[];
  clock: ReturnType<typeof createFakeClock>;
  /** What the background's cache holds and what a re-check returns next. */
  cached: { value: MessageResponse<'content:accessSummary'> };
  rechecks: AccessSummary[];
  written: boolean[];
}

function harness(options: { cached?: AccessSummary | null | 'no-key'; collapsed?: boolean } = {}): Harness {
  const clock = createFakeClock(1_000_000);
  const renders: PanelState[] = [];
  const written: boolean[] = [];
  const initial = options.cached === undefined ? summary() : options.cached;
  const cached = {
    value:
      initial === 'no-key'
        ? ({ state: 'no-key' } as const)
        : ({ state: 'ready', summary: initial } as MessageResponse<'content:accessSummary'>),
  };
  const rechecks: AccessSummary[] = [];
  const deps: PanelControllerDeps = {
    fetchSummary: vi.fn(async () => cached.value),
    recheck: vi.fn(async () => {
      const next = rechecks.shift();
      if (next === undefined) throw new Error('no re-check answer queued');
      return { state: 'ready' as const, summary: next };
    }),
    openPopup: vi.fn(async () => ({ ok: true })),
    readCollapsed: vi.fn(async () => options.collapsed ?? false),
    writeCollapsed: vi.fn(async (collapsed: boolean) => {
      written.push(collapsed);
    }),
    readRecheckDelays: vi.fn(async () => [1000, 5000, 15000]),
    now: clock.now,
    timers: clock.timers,
    render: (state) => renders.push(state),
  };
  return { deps, renders, clock, cached, rechecks, written };
}

describe('the panel controller', () => {
  it('renders a loading state at once, then the cached summary and the remembered collapse', async () => {
    const h = harness({ collapsed: true });
    const controller = createPanelController(h.deps);
    controller.show(LIMITS);
    expect(h.renders[0]?.access).toEqual({ state: 'loading' });
    await settle();
    expect(controller.state()).toMatchObject({ access: { state: 'ready' }, collapsed: true, page: LIMITS });
    expect(h.renders.at(-1)).toBe(controller.state());
  });

  it('says no-key when no key is saved, and opens the popup on request', async () => {
    const h = harness({ cached: 'no-key' });
    const controller = createPanelController(h.deps);
    controller.show(LIMITS);
    await settle();
    expect(controller.state()?.access).toEqual({ state: 'no-key' });
    controller.openPopup();
    expect(h.deps.openPopup).toHaveBeenCalledTimes(1);
  });

  it('re-checks on request and records what changed', async () => {
    const h = harness({ cached: exhaustedSummary() });
    const controller = createPanelController(h.deps);
    controller.show(LIMITS);
    await settle();
    h.rechecks.push(summary({ checkedAt: 5_000 }));
    controller.recheckNow();
    expect(controller.state()?.running).toBe('manual');
    await settle();
    const state = controller.state();
    expect(state?.running).toBeNull();
    expect(state?.access).toMatchObject({ state: 'ready', summary: { checkedAt: 5_000 } });
    expect(state?.runs[0]?.trigger).toBe('manual');
    expect(state?.runs[0]?.changes.map((change) => change.subject)).toEqual([
      'Credit',
      'gpt-4o',
      'gpt-4o-mini',
    ]);
  });

  it('runs one re-check at a time', async () => {
    const h = harness();
    const controller = createPanelController(h.deps);
    controller.show(LIMITS);
    await settle();
    h.rechecks.push(summary(), summary());
    controller.recheckNow();
    controller.recheckNow();
    await settle();
    expect(h.deps.recheck).toHaveBeenCalledTimes(1);
    expect(controller.state()?.runs).toHaveLength(1);
  });

  it('records a failed re-check and keeps the last summary', async () => {
    const h = harness();
    const controller = createPanelController(h.deps);
    controller.show(LIMITS);
    await settle();
    controller.recheckNow(); // nothing queued: the fake background throws
    await settle();
    expect(controller.state()?.runs[0]).toMatchObject({ error: 'no re-check answer queued', changes: [] });
    expect(controller.state()?.access.state).toBe('ready');
    expect(controller.state()?.running).toBeNull();
  });

  it('on billing with no credit, re-checks by itself on the schedule and stops once access is back', async () => {
    const h = harness({ cached: exhaustedSummary() });
    const controller = createPanelController(h.deps);
    controller.show(BILLING);
    await settle();
    expect(controller.state()?.watch).toMatchObject({ active: true });
    h.rechecks.push(exhaustedSummary(3_000), summary({ checkedAt: 4_000 }));
    await h.clock.advance(999);
    expect(h.deps.recheck).not.toHaveBeenCalled();
    await h.clock.advance(1);
    expect(h.deps.recheck).toHaveBeenCalledTimes(1);
    expect(controller.state()?.runs[0]).toMatchObject({ trigger: 'scheduled', changes: [] });
    await h.clock.advance(4000);
    expect(h.deps.recheck).toHaveBeenCalledTimes(2);
    const state = controller.state();
    expect(state?.runs[0]?.changes[0]).toMatchObject({ subject: 'Credit', after: 'available' });
    expect(state?.watch).toMatchObject({ active: false, ended: 'resolved' });
    await h.clock.advance(60_000);
    expect(h.deps.recheck).toHaveBeenCalledTimes(2);
  });

  it('does not start the schedule by itself when credit is fine, but does on "I just added credit"', async () => {
    const h = harness();
    const controller = createPanelController(h.deps);
    controller.show(BILLING);
    await settle();
    expect(controller.state()?.watch).toBeNull();
    controller.startWatch();
    await settle();
    expect(controller.state()?.watch).toMatchObject({ active: true });
    h.rechecks.push(summary(), summary(), summary());
    await h.clock.advance(20_000);
    // Not blocked by billing after the first run: nothing left to wait for.
    expect(h.deps.recheck).toHaveBeenCalledTimes(1);
    expect(controller.state()?.watch?.ended).toBe('resolved');
  });

  it('stops every timer when the app leaves the page, and runs no schedule on other pages', async () => {
    const h = harness({ cached: exhaustedSummary() });
    const controller = createPanelController(h.deps);
    controller.show(BILLING);
    await settle();
    expect(h.clock.pending()).toBe(1);
    controller.hide();
    expect(h.clock.pending()).toBe(0);
    controller.show(LIMITS);
    await settle();
    expect(h.clock.pending()).toBe(0);
    controller.startWatch(); // only the billing page watches
    await settle();
    expect(h.clock.pending()).toBe(0);
    await h.clock.advance(60_000);
    expect(h.deps.recheck).not.toHaveBeenCalled();
  });

  it('on another page, starts with no runs; back on the same page after leaving, reloads the summary', async () => {
    const h = harness();
    const controller = createPanelController(h.deps);
    controller.show(LIMITS);
    await settle();
    h.rechecks.push(summary());
    controller.recheckNow();
    await settle();
    expect(controller.state()?.runs).toHaveLength(1);
    controller.show(BILLING);
    expect(controller.state()?.runs).toEqual([]);
    expect(h.deps.fetchSummary).toHaveBeenCalledTimes(2);
    controller.show(BILLING); // same page, still visible: nothing to do
    expect(h.deps.fetchSummary).toHaveBeenCalledTimes(2);
    controller.hide();
    controller.show(BILLING);
    expect(h.deps.fetchSummary).toHaveBeenCalledTimes(3);
  });

  it('ignores an answer that arrives after the app moved on', async () => {
    const h = harness();
    let release: (value: MessageResponse<'content:accessSummary'>) => void = () => {};
    h.deps.fetchSummary = vi.fn(
      () =>
        new Promise<MessageResponse<'content:accessSummary'>>((resolve) => {
          release = resolve;
        }),
    );
    const controller = createPanelController(h.deps);
    controller.show(LIMITS);
    controller.hide();
    const rendersBefore = h.renders.length;
    release({ state: 'no-key' });
    await settle();
    expect(controller.state()?.access).toEqual({ state: 'loading' });
    expect(h.renders).toHaveLength(rendersBefore);
  });

  it('remembers collapsing', async () => {
    const h = harness();
    const controller = createPanelController(h.deps);
    controller.show(LIMITS);
    await settle();
    controller.setCollapsed(true);
    expect(controller.state()?.collapsed).toBe(true);
    expect(h.written).toEqual([true]);
  });

  it('shows an error when the background does not answer', async () => {
    const h = harness();
    h.deps.fetchSummary = vi.fn(async () => {
      throw new Error('Could not establish connection');
    });
    const controller = createPanelController(h.deps);
    controller.show(LIMITS);
    await settle();
    expect(controller.state()?.access).toEqual({ state: 'error', message: 'Could not establish connection' });
  });
});
