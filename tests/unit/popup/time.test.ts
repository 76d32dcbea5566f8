import { describe, expect, it } from 'vitest';
import { formatCheckedAgo, formatUtc, msUntilAgoChanges } from '@/utils/popup/time';

const MIN = 60_000;

describe('formatCheckedAgo', () => {
  it.each([
    [0, 'checked just now'],
    [44_000, 'checked just now'],
    [50_000, 'checked 1 min ago'],
    [5 * MIN, 'checked 5 min ago'],
    [59 * MIN, 'checked 59 min ago'],
    [60 * MIN, 'checked 1 h ago'],
    [23 * 60 * MIN, 'checked 23 h ago'],
    [25 * 60 * MIN, 'checked yesterday'],
    [3 * 24 * 60 * MIN, 'checked 3 days ago'],
  ])('%i ms → %s', (elapsed, text) => {
    expect(formatCheckedAgo(1_000_000, 1_000_000 + elapsed)).toBe(text);
  });

  it('treats a clock that went backwards as "just now"', () => {
    expect(formatCheckedAgo(2_000, 1_000)).toBe('checked just now');
  });
});

describe('msUntilAgoChanges', () => {
  it('never sleeps past a change of the text', () => {
    for (let elapsed = 0; elapsed < 3 * 60 * MIN; elapsed += 7_919) {
      const now = 1_000_000 + elapsed;
      const wait = msUntilAgoChanges(1_000_000, now);
      expect(wait).toBeGreaterThan(0);
      const shown = formatCheckedAgo(1_000_000, now);
      const step = Math.max(997, Math.floor(wait / 40));
      for (let t = now; t < now + wait - 60; t += step) expect(formatCheckedAgo(1_000_000, t)).toBe(shown);
      expect(formatCheckedAgo(1_000_000, now + wait - 60)).toBe(shown);
    }
  });

  it('wakes when the text changes in the first hour (not minutes later)', () => {
    const now = 1_000_000 + 10_000;
    const wait = msUntilAgoChanges(1_000_000, now);
    expect(formatCheckedAgo(1_000_000, now + wait)).toBe('checked 1 min ago');
    expect(wait).toBeLessThan(36_000);
  });
});

it('formatUtc', () => {
  expect(formatUtc(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02 03:04 UTC');
});
