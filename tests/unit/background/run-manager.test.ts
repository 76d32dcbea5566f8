import { describe, expect, it, vi } from 'vitest';
import { createRunManager, type RunProbe, runTimeBound } from '@/utils/background/run-manager';
import { estimatePaidCheckCost } from '@/utils/probes';
import type { ProbeOptions } from '@/utils/probes/types';
import { loadReportCache, loadRuns, reportCacheItem, runsItem } from '@/utils/storage';
import { makeCached, makeProfile, makeReport, okResult } from '../popup/fixtures';

const profile = makeProfile();
const request = { profile, apiKey: 'sk-proj-secret', models: ['a', 'b'], timeoutMs: 1_000, concurrency: 2 };

/** A probe whose answers the test releases one by one. */
function controlledProbe() {
  let options: ProbeOptions | undefined;
  let finish: (aborted: boolean) => void = () => {};
  const runProbe: RunProbe = vi.fn(async (_profile, models, probeOptions) => {
    options = probeOptions;
    const aborted = await new Promise<boolean>((resolve) => {
      finish = resolve;
      probeOptions.signal?.addEventListener('abort', () => resolve(true));
    });
    return makeReport(
      models.map((model: string) => okResult(model)),
      aborted ? { aborted: true } : {},
    );
  });
  return {
    runProbe,
    emit: (model: string) => options?.onResult?.(okResult(model)),
    finish: () => finish(false),
    options: () => options,
  };
}

function manager(runProbe: RunProbe, extra: { watchdogSlackMs?: number } = {}) {
  let id = 0;
  return createRunManager({
    runProbe,
    now: () => 10_000,
    newId: () => `run-${++id}`,
    redact: (text) => text.replaceAll('sk-proj-secret', 'sk-proj-…cret'),
    log: vi.fn(),
    ...extra,
  });
}

describe('run manager', () => {
  it('streams each answer to session storage, then caches the report', async () => {
    const probe = controlledProbe();
    const runs = manager(probe.runProbe);
    const handle = runs.start(request);
    await runs.flushed();
    expect((await loadRuns()).p1).toMatchObject({ status: 'running', models: ['a', 'b'], results: [] });

    probe.emit('b');
    await runs.flushed();
    expect((await loadRuns()).p1?.results.map((result) => result.model)).toEqual(['b']);
    expect(probe.options()).toMatchObject({ timeoutMs: 1_000, concurrency: 2 });

    probe.finish();
    const entry = await handle.done;
    expect(entry).toMatchObject({ profileId: 'p1', models: ['a', 'b'], checkedAt: 10_000 });
    expect((await loadReportCache()).p1?.report.models.map((result) => result.model)).toEqual(['a', 'b']);
    expect((await loadRuns()).p1).toMatchObject({ status: 'done', finishedAt: 10_000 });
    expect(runs.active('p1')).toBeUndefined();
  });

  it('joins a running run instead of starting a second one', async () => {
    const probe = controlledProbe();
    const runs = manager(probe.runProbe);
    const first = runs.start(request);
    const second = runs.start(request);
    expect(second.runId).toBe(first.runId);
    expect(probe.runProbe).toHaveBeenCalledTimes(1);
    probe.finish();
    await first.done;
  });

  it('cancel stops the run and keeps the previous cache untouched', async () => {
    const previous = makeCached(makeReport([okResult('old')]), { checkedAt: 1 });
    await reportCacheItem.setValue({ p1: previous });
    const probe = controlledProbe();
    const runs = manager(probe.runProbe);
    const handle = runs.start(request);
    expect(runs.cancel('p1')).toBe(true);
    expect(await handle.done).toBeNull();
    expect((await loadReportCache()).p1).toEqual(previous);
    expect((await loadRuns()).p1?.status).toBe('cancelled');
    expect(runs.cancel('p1')).toBe(false);
  });

  it('a probe that throws marks the run failed with a redacted reason, cache untouched', async () => {
    const runProbe: RunProbe = async () => {
      throw new Error('fetch failed for sk-proj-secret');
    };
    const runs = manager(runProbe);
    expect(await runs.start(request).done).toBeNull();
    const state = (await loadRuns()).p1;
    expect(state).toMatchObject({ status: 'failed', error: 'fetch failed for sk-proj-…cret' });
    expect(JSON.stringify(await runsItem.getValue())).not.toContain('sk-proj-secret');
    expect(await loadReportCache()).toEqual({});
  });

  it('a probe that never ends is stopped by the watchdog and reported as failed', async () => {
    vi.useFakeTimers();
    try {
      const runProbe: RunProbe = (_profile, _models, options) =>
        new Promise((resolve) => {
          options.signal?.addEventListener('abort', () => resolve(makeReport([], { aborted: true })));
        });
      const runs = manager(runProbe, { watchdogSlackMs: 0 });
      const handle = runs.start(request);
      await vi.advanceTimersByTimeAsync(runTimeBound(2, 2, 1_000) + 1);
      expect(await handle.done).toBeNull();
      expect((await loadRuns()).p1).toMatchObject({
        status: 'failed',
        error: 'The check took too long and was stopped.',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a paid verification result across a new zero-cost check', async () => {
    const verification = {
      model: 'gpt-5',
      verified: false,
      summary: 'Not verified',
      evidence: [],
      cost: estimatePaidCheckCost('verification', 'gpt-5'),
    };
    await reportCacheItem.setValue({ p1: { ...makeCached(makeReport([])), verification } });
    const probe = controlledProbe();
    const runs = manager(probe.runProbe);
    const handle = runs.start(request);
    probe.finish();
    await handle.done;
    await runs.flushed();
    expect((await loadReportCache()).p1?.verification).toEqual(verification);
  });

  it('marks runs left "running" by a stopped service worker as failed', async () => {
    await runsItem.setValue({
      p1: { runId: 'old', profileId: 'p1', status: 'running', models: ['a'], results: [], startedAt: 1 },
      p2: { runId: 'done', profileId: 'p2', status: 'done', models: ['a'], results: [], startedAt: 1 },
    });
    const runs = manager(controlledProbe().runProbe);
    await runs.recoverInterrupted();
    const stored = await loadRuns();
    expect(stored.p1).toMatchObject({ status: 'failed', finishedAt: 10_000 });
    expect(stored.p1?.error).toMatch(/interrupted/);
    expect(stored.p2?.status).toBe('done');
  });

  it('forget cancels and removes the profile’s run', async () => {
    const probe = controlledProbe();
    const runs = manager(probe.runProbe);
    runs.start(request);
    await runs.forget('p1');
    expect((await loadRuns()).p1).toBeUndefined();
  });

  it('bounds a run by its waves of timeouts plus the key checks', () => {
    expect(runTimeBound(10, 4, 1_000)).toBe(6_000);
    expect(runTimeBound(0, 0, 1_000)).toBe(4_000);
  });
});
