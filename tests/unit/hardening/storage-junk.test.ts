/**
 * Issue 8, malformed storage: whatever an older version, a crash mid-write or a hand edit in devtools left behind,
 * the normalizers hand the UI something it can draw — and the access view and the report are built from it
 * without throwing. Property-based: any JSON-like junk inside an otherwise well-formed entry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectAccessView } from '@/utils/popup/access-view';
import { buildReportMarkdown } from '@/utils/popup/report-markdown';
import { normalizeProfiles, normalizeReportCache, normalizeRuns, normalizeSettings } from '@/utils/storage';
import { makeProfile, makeReport, okResult } from '../popup/fixtures';

const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything(), { maxKeys: 4 }),
);

function cacheWith(models: unknown[], key: unknown = makeReport([]).key) {
  const report = { ...makeReport([okResult('gpt-4o')]), models, key };
  return { p1: { profileId: 'p1', models: ['gpt-4o', 7, null], checkedAt: 1_700_000_000_000, report } };
}

describe('malformed storage', () => {
  it('a cached report with junk rows and junk key facts still draws and reports', () => {
    fc.assert(
      fc.property(fc.array(junk, { maxLength: 6 }), junk, (rows, key) => {
        const cache = normalizeReportCache(
          cacheWith([okResult('gpt-4o'), ...rows], isObject(key) ? key : {}),
        );
        const entry = cache.p1;
        expect(entry).toBeDefined();
        if (entry === undefined) return;
        for (const row of entry.report.models) expect(typeof row.model).toBe('string');
        const profile = makeProfile({ id: 'p1' });
        const view = selectAccessView({ profile, cache: entry, run: undefined });
        expect(view.rows.length).toBeGreaterThan(0);
        expect(typeof buildReportMarkdown({ profile, entry, maskIds: true, version: '1' })).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the good rows and drops the ones nobody can draw', () => {
    const cache = normalizeReportCache(
      cacheWith([okResult('gpt-4o'), null, 'junk', { model: 5 }, { model: 'x' }]),
    );
    expect(cache.p1?.report.models.map((row) => row.model)).toEqual(['gpt-4o']);
    expect(cache.p1?.models).toEqual(['gpt-4o']);
  });

  it('a row with an unknown category or a broken diagnosis is kept, repaired', () => {
    const row = {
      ...okResult('gpt-4o'),
      status: 'denied',
      category: 'no-such-category',
      diagnosis: { title: 1 },
    };
    const [kept] = normalizeReportCache(cacheWith([row])).p1?.report.models ?? [];
    expect(kept).toMatchObject({ model: 'gpt-4o', status: 'denied', category: 'other' });
    expect(kept?.diagnosis).toBeUndefined();
  });

  it('runs, profiles and settings never throw, whatever is stored', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        normalizeRuns(value);
        normalizeRuns({
          p1: {
            profileId: 'p1',
            runId: 'r',
            status: 'running',
            models: [value],
            results: [value],
            startedAt: 1,
          },
        });
        normalizeProfiles(value);
        normalizeProfiles([value]);
        const settings = normalizeSettings(value);
        expect(settings.concurrency).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
