import { describe, expect, it, vi } from 'vitest';
import {
  createRecheckSchedule,
  DEFAULT_RECHECK_DELAYS_MS,
  normaliseDelays,
  type ScheduleSnapshot,
} from '@/utils/platform/recheck-schedule';
import { createFakeClock, settle } from './fake-clock';

function setup(run: () => Promise<boolean>, delaysMs: readonly number[] = DEFAULT_RECHECK_DELAYS_MS) {
  const clock = createFakeClock(10_000);
  const snapshots: ScheduleSnapshot[] = [];
  const runAt: number[] = [];
  const schedule = createRecheckSchedule({
    delaysMs,
    now: clock.now,
    timers: clock.timers,
    run: () => {
      runAt.push(clock.now());
      return run();
    },
    onChange: (snapshot) => snapshots.push(snapshot),
  });
  return { clock, schedule, snapshots, runAt, last: () => snapshots.at(-1) };
}

describe('the billing re-check schedule', () => {
  it('defaults to 1, 5 and 15 minutes', () => {
    expect(DEFAULT_RECHECK_DELAYS_MS).toEqual([60_000, 300_000, 900_000]);
  });

  it('runs at 1, 5 and 15 minutes after the start, then ends as finished', async () => {
    const { clock, schedule, runAt, last } = setup(async () => false);
    schedule.start();
    await clock.advance(59_999);
    expect(runAt).toEqual([]);
    await clock.advance(1);
    expect(runAt).toEqual([70_000]);
    await clock.advance(15 * 60_000);
    expect(runAt).toEqual([70_000, 310_000, 910_000]);
    expect(last()).toMatchObject({ active: false, ended: 'finished' });
    expect(last()?.steps.map((step) => step.state)).toEqual(['done', 'done', 'done']);
    expect(clock.pending()).toBe(0);
  });

  it('counts delays from the start, not from the previous run, and never overlaps runs', async () => {
    let release: (value: boolean) => void = () => {};
    const { clock, schedule, runAt } = setup(
      () =>
        new Promise<boolean>((resolve) => {
          release = resolve;
        }),
      [1000, 2000, 3000],
    );
    schedule.start();
    await clock.advance(1000);
    expect(runAt).toEqual([11_000]);
    // The first run takes 2.5 s: the 2 s step must wait for it, then start at once.
    await clock.advance(2500);
    expect(runAt).toEqual([11_000]);
    release(false);
    await settle();
    await clock.advance(0);
    expect(runAt).toEqual([11_000, 13_500]);
    release(false);
    await clock.advance(0);
    // The 3 s step was due at 13 000: it runs right after.
    expect(runAt).toEqual([11_000, 13_500, 13_500]);
  });

  it('stops early when a run says access is back, skipping the rest', async () => {
    const outcomes = [false, true];
    const { clock, schedule, runAt, last } = setup(async () => outcomes.shift() ?? false);
    schedule.start();
    await clock.advance(20 * 60_000);
    expect(runAt).toHaveLength(2);
    expect(last()).toMatchObject({ active: false, ended: 'resolved' });
    expect(last()?.steps.map((step) => step.state)).toEqual(['done', 'done', 'skipped']);
  });

  it('goes on after a failed run', async () => {
    const outcomes = [Promise.reject(new Error('network')), Promise.resolve(false), Promise.resolve(false)];
    const { clock, schedule, runAt, last } = setup(() => outcomes.shift() ?? Promise.resolve(false));
    schedule.start();
    await clock.advance(20 * 60_000);
    expect(runAt).toHaveLength(3);
    expect(last()?.steps.map((step) => step.state)).toEqual(['failed', 'done', 'done']);
  });

  it('stops on request: no more runs, and a run in flight is ignored', async () => {
    let release: (value: boolean) => void = () => {};
    const { clock, schedule, runAt, last, snapshots } = setup(
      () =>
        new Promise<boolean>((resolve) => {
          release = resolve;
        }),
    );
    schedule.start();
    await clock.advance(60_000);
    schedule.stop();
    expect(last()).toMatchObject({ active: false, ended: 'stopped' });
    const count = snapshots.length;
    release(true);
    await clock.advance(30 * 60_000);
    expect(runAt).toHaveLength(1);
    expect(snapshots).toHaveLength(count);
    expect(clock.pending()).toBe(0);
  });

  it('restarts from now when started again', async () => {
    const { clock, schedule, runAt } = setup(async () => false, [1000]);
    schedule.start();
    await clock.advance(500);
    schedule.start();
    await clock.advance(999);
    expect(runAt).toEqual([]);
    await clock.advance(1);
    expect(runAt).toEqual([11_500]);
  });

  it('reports each step with its due time', () => {
    const { schedule, last } = setup(async () => false, [100, 200]);
    schedule.start();
    expect(last()).toEqual({
      active: true,
      startedAt: 10_000,
      steps: [
        { delayMs: 100, dueAt: 10_100, state: 'pending' },
        { delayMs: 200, dueAt: 10_200, state: 'pending' },
      ],
    });
    expect(schedule.snapshot()).toEqual(last());
  });

  it('does nothing on stop before a start', () => {
    const onChange = vi.fn();
    const clock = createFakeClock();
    const schedule = createRecheckSchedule({
      delaysMs: [1000],
      now: clock.now,
      timers: clock.timers,
      run: async () => false,
      onChange,
    });
    schedule.stop();
    expect(onChange).not.toHaveBeenCalled();
    expect(schedule.snapshot()).toBeNull();
  });
});

describe('normaliseDelays: a stored override is used only when it is a sane schedule', () => {
  it('sorts and de-duplicates', () => {
    expect(normaliseDelays([500, 100, 500, 250])).toEqual([100, 250, 500]);
  });
  it.each([
    [null],
    [undefined],
    ['60000'],
    [[]],
    [[10]],
    [[100, Number.NaN]],
    [[100, '200']],
    [[2 * 60 * 60_000]],
    [Array.from({ length: 11 }, (_, i) => 100 + i)],
  ])('refuses %j', (value) => {
    expect(normaliseDelays(value)).toBeNull();
  });
});
