/** A hand-driven clock and timers for schedule tests: time moves only when the test says so. */
import type { TimerApi } from '@/utils/platform/recheck-schedule';

export interface FakeClock {
  now(): number;
  timers: TimerApi;
  /** Moves time forward, firing due timers in order, letting promises settle between them. */
  advance(ms: number): Promise<void>;
  pending(): number;
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

export function createFakeClock(start = 0): FakeClock {
  let time = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; handler: () => void }>();
  return {
    now: () => time,
    timers: {
      setTimeout(handler, ms) {
        const id = nextId++;
        timers.set(id, { at: time + Math.max(0, ms), handler });
        return id;
      },
      clearTimeout(id) {
        timers.delete(id);
      },
    },
    async advance(ms) {
      const end = time + ms;
      for (;;) {
        await settle();
        let due: [number, { at: number; handler: () => void }] | undefined;
        for (const entry of timers)
          if (entry[1].at <= end && (due === undefined || entry[1].at < due[1].at)) due = entry;
        if (due === undefined) break;
        timers.delete(due[0]);
        time = due[1].at;
        due[1].handler();
      }
      time = end;
      await settle();
    },
    pending: () => timers.size,
  };
}
