/**
 * The billing page's automatic re-checks: after the user adds credit, access can take minutes to apply, so the
 * panel checks again 1, 5 and 15 minutes later while the page stays open (DESIGN §3: "other key changes can
 * take up to 15 minutes to apply").
 *
 * Delays count from the start, not from the previous run, so a slow probe does not push the last check past the
 * 15 minutes. Runs never overlap: a step that falls due while the previous run is still going starts right after
 * it. The clock and timers are injected: unit tests drive them by hand, e2e tests use a short schedule.
 */

export const DEFAULT_RECHECK_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 15 * 60_000];

/** Bounds on an overridden schedule: never faster than 50 ms, never more than 10 steps or an hour. */
const MIN_DELAY_MS = 50;
const MAX_DELAY_MS = 60 * 60_000;
const MAX_STEPS = 10;

export type RecheckStepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface RecheckStep {
  delayMs: number;
  dueAt: number;
  state: RecheckStepState;
}

export type ScheduleEnd = 'finished' | 'resolved' | 'stopped';

export interface ScheduleSnapshot {
  /** True while a step is waiting or running. */
  active: boolean;
  startedAt: number;
  steps: readonly RecheckStep[];
  /** Why it ended: every step ran, a run said there is nothing left to wait for, or it was stopped. */
  ended?: ScheduleEnd;
}

export interface TimerApi {
  setTimeout(handler: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

export interface RecheckScheduleOptions {
  delaysMs: readonly number[];
  now: () => number;
  timers: TimerApi;
  /** Runs one re-check. Resolves `true` when there is nothing left to wait for (access came back). */
  run: () => Promise<boolean>;
  onChange: (snapshot: ScheduleSnapshot) => void;
}

export interface RecheckSchedule {
  /** Starts (or restarts) the schedule from now. */
  start(): void;
  stop(): void;
  snapshot(): ScheduleSnapshot | null;
}

/**
 * A schedule from an override (a stored test setting), or `null` when the value is not a usable schedule:
 * the caller then keeps the default. Sorted, de-duplicated, within bounds.
 */
export function normaliseDelays(value: unknown): number[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_STEPS) return null;
  const delays: number[] = [];
  for (const entry of value) {
    if (typeof entry !== 'number' || !Number.isFinite(entry)) return null;
    if (entry < MIN_DELAY_MS || entry > MAX_DELAY_MS) return null;
    delays.push(Math.round(entry));
  }
  return [...new Set(delays)].sort((a, b) => a - b);
}

export function createRecheckSchedule(options: RecheckScheduleOptions): RecheckSchedule {
  let current: { startedAt: number; steps: RecheckStep[]; ended?: ScheduleEnd } | null = null;
  let timer: number | null = null;
  // Each start gets a new generation; a run that resolves after a stop or restart is ignored.
  let generation = 0;

  const snapshot = (): ScheduleSnapshot | null => {
    if (current === null) return null;
    const steps = current.steps.map((step) => ({ ...step }));
    const active = current.ended === undefined;
    return current.ended === undefined
      ? { active, startedAt: current.startedAt, steps }
      : { active, startedAt: current.startedAt, steps, ended: current.ended };
  };
  const emit = () => {
    const value = snapshot();
    if (value !== null) options.onChange(value);
  };
  const clearTimer = () => {
    if (timer !== null) options.timers.clearTimeout(timer);
    timer = null;
  };
  const end = (reason: ScheduleEnd) => {
    if (current === null) return;
    // A run still in flight when stopped is abandoned: its answer is ignored (see `generation`).
    for (const step of current.steps) {
      if (step.state === 'pending' || step.state === 'running') step.state = 'skipped';
    }
    current.ended = reason;
    clearTimer();
  };

  const armNext = (mine: number) => {
    if (current === null || mine !== generation) return;
    const next = current.steps.find((step) => step.state === 'pending');
    if (next === undefined) {
      end('finished');
      emit();
      return;
    }
    timer = options.timers.setTimeout(
      () => {
        timer = null;
        fire(next, mine);
      },
      Math.max(0, next.dueAt - options.now()),
    );
  };

  const fire = (step: RecheckStep, mine: number) => {
    if (mine !== generation) return;
    step.state = 'running';
    emit();
    options.run().then(
      (resolved) => {
        if (mine !== generation) return;
        step.state = 'done';
        if (resolved) {
          end('resolved');
          emit();
          return;
        }
        emit();
        armNext(mine);
      },
      () => {
        if (mine !== generation) return;
        step.state = 'failed';
        emit();
        armNext(mine);
      },
    );
  };

  return {
    start() {
      clearTimer();
      generation += 1;
      const startedAt = options.now();
      current = {
        startedAt,
        steps: options.delaysMs.map((delayMs) => ({ delayMs, dueAt: startedAt + delayMs, state: 'pending' })),
      };
      emit();
      armNext(generation);
    },
    stop() {
      if (current === null || current.ended !== undefined) return;
      generation += 1;
      end('stopped');
      emit();
    },
    snapshot,
  };
}
