/**
 * The platform panel's state and the controller that changes it. No browser APIs here: the content script
 * injects messaging, storage, timers and a `render` callback, so every behaviour is unit-tested with fakes.
 */
import type { AccessSummary, MessageResponse } from '../messages';
import type { PanelPageKind, PlatformPage } from './pages';
import {
  createRecheckSchedule,
  type RecheckSchedule,
  type ScheduleSnapshot,
  type TimerApi,
} from './recheck-schedule';
import { blockedByBilling, diffSummaries, type ReportChange } from './report-diff';

export type PanelPage = PlatformPage & { kind: PanelPageKind };

export type AccessState =
  | { state: 'loading' }
  | { state: 'no-key' }
  | { state: 'ready'; summary: AccessSummary | null }
  | { state: 'error'; message: string };

export type RecheckTrigger = 'manual' | 'scheduled';

/** One finished re-check: when, why, and what it changed compared with the report before it. */
export interface RecheckRun {
  at: number;
  trigger: RecheckTrigger;
  changes: readonly ReportChange[];
  /** Set when the re-check failed; `changes` is then empty. */
  error?: string;
}

export interface PanelState {
  page: PanelPage;
  access: AccessState;
  collapsed: boolean;
  /** A re-check in flight, and who started it. */
  running: RecheckTrigger | null;
  /** Finished re-checks on this page, newest first (at most `MAX_RUNS`). */
  runs: readonly RecheckRun[];
  /** The billing page's 1/5/15-minute schedule, once started. */
  watch: ScheduleSnapshot | null;
}

export const MAX_RUNS = 6;

export interface PanelControllerDeps {
  fetchSummary(): Promise<MessageResponse<'content:accessSummary'>>;
  recheck(): Promise<MessageResponse<'content:recheck'>>;
  openPopup(): Promise<unknown>;
  readCollapsed(): Promise<boolean>;
  writeCollapsed(collapsed: boolean): Promise<void>;
  /** The billing re-check delays (the default, or a test's short override). */
  readRecheckDelays(): Promise<readonly number[]>;
  now(): number;
  timers: TimerApi;
  render(state: PanelState): void;
  /** Where failures go (never with a payload). */
  log?(text: string): void;
}

export interface PanelActions {
  recheckNow(): void;
  setCollapsed(collapsed: boolean): void;
  openPopup(): void;
  /** Billing: "I just added credit" — (re)starts the 1/5/15-minute re-checks. */
  startWatch(): void;
  stopWatch(): void;
}

export interface PanelController extends PanelActions {
  /** Shows the panel for a page (first mount, or the app navigated to another served page). */
  show(page: PanelPage): void;
  /** The app navigated to a page we do not serve: stop every timer. The state is kept for a return. */
  hide(): void;
  state(): PanelState | null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createPanelController(deps: PanelControllerDeps): PanelController {
  let state: PanelState | null = null;
  let visible = false;
  let inFlight: Promise<AccessSummary | null> | null = null;
  let schedule: RecheckSchedule | null = null;
  // Bumped on every show/hide so an answer that arrives for an earlier page does not overwrite a newer one.
  let epoch = 0;
  const log = deps.log ?? (() => {});

  const update = (patch: Partial<PanelState>) => {
    if (state === null) return;
    state = { ...state, ...patch };
    if (visible) deps.render(state);
  };

  const currentSummary = (): AccessSummary | null =>
    state !== null && state.access.state === 'ready' ? state.access.summary : null;

  const pushRun = (run: RecheckRun) => {
    if (state === null) return;
    update({ runs: [run, ...state.runs].slice(0, MAX_RUNS) });
  };

  /** One re-check at a time: a second request while one runs shares its answer. */
  const runRecheck = (trigger: RecheckTrigger): Promise<AccessSummary | null> => {
    if (inFlight !== null) return inFlight;
    const before = currentSummary();
    update({ running: trigger });
    const mine = epoch;
    const request: Promise<AccessSummary | null> = deps
      .recheck()
      .then(
        (answer) => {
          if (mine !== epoch) return null;
          if (answer.state === 'no-key') {
            update({ access: { state: 'no-key' }, running: null });
            return null;
          }
          pushRun({ at: deps.now(), trigger, changes: diffSummaries(before, answer.summary) });
          update({ access: { state: 'ready', summary: answer.summary }, running: null });
          return answer.summary;
        },
        (error: unknown) => {
          const message = errorText(error);
          log(`re-check failed: ${message}`);
          if (mine === epoch) {
            pushRun({ at: deps.now(), trigger, changes: [], error: message });
            update({ running: null });
          }
          throw error;
        },
      )
      .finally(() => {
        if (inFlight === request) inFlight = null;
      });
    inFlight = request;
    return request;
  };

  const ensureSchedule = async (): Promise<RecheckSchedule> => {
    if (schedule !== null) return schedule;
    const delaysMs = await deps.readRecheckDelays();
    schedule ??= createRecheckSchedule({
      delaysMs,
      now: deps.now,
      timers: deps.timers,
      // Done when the billing block is gone: nothing left to wait for.
      run: async () => !blockedByBilling(await runRecheck('scheduled')),
      onChange: (snapshot) => update({ watch: snapshot }),
    });
    return schedule;
  };

  const startWatch = () => {
    const mine = epoch;
    ensureSchedule().then(
      (ready) => {
        if (mine === epoch && visible && state?.page.kind === 'billing') ready.start();
      },
      (error: unknown) => log(`re-check schedule failed: ${errorText(error)}`),
    );
  };

  const loadSummary = (page: PanelPage) => {
    const mine = epoch;
    deps.fetchSummary().then(
      (answer) => {
        if (mine !== epoch) return;
        const access: AccessState =
          answer.state === 'no-key' ? { state: 'no-key' } : { state: 'ready', summary: answer.summary };
        update({ access });
        // On the billing page with no credit, the user is most likely here to add some: watch for it.
        if (page.kind === 'billing' && access.state === 'ready' && blockedByBilling(access.summary)) {
          if (state?.watch === null || state?.watch?.active === false) startWatch();
        }
      },
      (error: unknown) => {
        if (mine !== epoch) return;
        log(`summary failed: ${errorText(error)}`);
        update({ access: { state: 'error', message: errorText(error) } });
      },
    );
  };

  const controller: PanelController = {
    show(page) {
      const samePage =
        state !== null && state.page.kind === page.kind && state.page.projectId === page.projectId;
      if (visible && samePage) return;
      epoch += 1;
      visible = true;
      if (state === null) {
        state = {
          page,
          access: { state: 'loading' },
          collapsed: false,
          running: null,
          runs: [],
          watch: null,
        };
        const mine = epoch;
        deps.readCollapsed().then(
          (collapsed) => {
            if (mine === epoch) update({ collapsed });
          },
          (error: unknown) => log(`collapsed state unreadable: ${errorText(error)}`),
        );
      } else if (!samePage) {
        // Another page: its own runs and schedule; the access summary stays until the fresh one arrives.
        schedule?.stop();
        state = { ...state, page, runs: [], watch: null, running: null };
      }
      deps.render(state);
      loadSummary(page);
    },
    hide() {
      epoch += 1;
      visible = false;
      // "while the page stays open": leaving the billing page ends its re-checks.
      schedule?.stop();
      if (state !== null) state = { ...state, running: null, watch: null };
      inFlight = null;
    },
    state: () => state,
    recheckNow() {
      runRecheck('manual').catch(() => {
        // Already shown as a failed run.
      });
    },
    setCollapsed(collapsed) {
      update({ collapsed });
      deps
        .writeCollapsed(collapsed)
        .catch((error: unknown) => log(`collapsed state not saved: ${errorText(error)}`));
    },
    openPopup() {
      deps.openPopup().catch((error: unknown) => log(`open popup failed: ${errorText(error)}`));
    },
    startWatch,
    stopWatch() {
      schedule?.stop();
    },
  };
  return controller;
}
