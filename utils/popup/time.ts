/** "checked 5 min ago": how old a cached report is, in words a glance can read. */
export function formatCheckedAgo(checkedAt: number, now: number): string {
  const elapsed = Math.max(0, now - checkedAt);
  if (elapsed < 45_000) return 'checked just now';
  const minutes = Math.round(elapsed / 60_000);
  if (minutes < 60) return `checked ${minutes} min ago`;
  const hours = Math.round(elapsed / 3_600_000);
  if (hours < 24) return `checked ${hours} h ago`;
  const days = Math.round(elapsed / 86_400_000);
  if (days === 1) return 'checked yesterday';
  return `checked ${days} days ago`;
}

/**
 * How long until the "checked N ago" text may change, so the popup re-renders it no more often than needed and
 * never shows a stale age. (It may wake a little early near the minute→hour step; never late.)
 */
export function msUntilAgoChanges(checkedAt: number, now: number): number {
  const elapsed = Math.max(0, now - checkedAt);
  if (elapsed < 45_000) return 45_000 - elapsed + 50;
  if (elapsed < 3_600_000) return 60_000 - ((elapsed + 30_000) % 60_000) + 50;
  return 3_600_000 - ((elapsed + 1_800_000) % 3_600_000) + 50;
}

/** An ISO-like timestamp for reports ("2026-11-24 14:05 UTC"): unambiguous across time zones. */
export function formatUtc(timestamp: number): string {
  const iso = new Date(timestamp).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
