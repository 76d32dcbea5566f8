/**
 * Runs "Check access" in the background, so a run survives the popup closing (it closes whenever the user clicks
 * elsewhere), and streams its progress through `session:runs`, which the popup watches.
 *
 * One run per profile at a time: asking again while one runs joins it. A finished run replaces the profile's cached
 * report; a cancelled or failed run never touches the cache (issue 8: "cached results are never lost or corrupted
 * by a failed run").
 */
import type { ModelResult, ProbeOptions, ProbeProfile, ProbeReport } from '../probes/types';
import {
  type CachedReport,
  loadReportCache,
  loadRuns,
  type ProfileMeta,
  type RunState,
  reportCacheItem,
  runsItem,
} from '../storage';

export type RunProbe = (
  profile: ProbeProfile,
  models: string[],
  options: ProbeOptions,
) => Promise<ProbeReport>;

export interface RunManagerDeps {
  runProbe: RunProbe;
  now: () => number;
  newId: () => string;
  /** Masks keys in any text that is stored or shown (error messages). */
  redact: (text: string) => string;
  log: (text: string) => void;
  /** Extra time on top of the computed bound before a run that never ends is stopped. */
  watchdogSlackMs?: number;
}

export interface RunRequest {
  profile: ProfileMeta;
  apiKey: string;
  models: string[];
  timeoutMs: number;
  concurrency: number;
}

export interface RunHandle {
  runId: string;
  profileId: string;
  /** The cached report when the run finished, `null` when it was cancelled or failed. Never rejects. */
  done: Promise<CachedReport | null>;
}

interface ActiveRun extends RunHandle {
  controller: AbortController;
  state: RunState;
}

export interface RunManager {
  start(request: RunRequest): RunHandle;
  /** True when a run was running and is now cancelled. */
  cancel(profileId: string): boolean;
  active(profileId: string): RunHandle | undefined;
  /** Forget a profile's run state (the profile was deleted). Cancels a running run first. */
  forget(profileId: string): Promise<void>;
  /**
   * A service worker that was stopped mid-run leaves `running` states behind: mark them failed so the popup does
   * not wait forever. Called once when the background starts.
   */
  recoverInterrupted(): Promise<void>;
  /** Resolves when every pending storage write has landed (tests, shutdown). */
  flushed(): Promise<void>;
}

/** How long a run may take at most: every wave of models hitting its timeout, plus the key checks and canary. */
export function runTimeBound(models: number, concurrency: number, timeoutMs: number): number {
  const waves = Math.ceil(Math.max(1, models) / Math.max(1, concurrency));
  return (waves + 3) * timeoutMs;
}

export function createRunManager(deps: RunManagerDeps): RunManager {
  const active = new Map<string, ActiveRun>();
  // Writes are queued so results arriving together never overwrite each other (read-modify-write races).
  let writes: Promise<void> = Promise.resolve();

  function enqueue(write: () => Promise<void>): Promise<void> {
    writes = writes.then(write).catch((error: unknown) => {
      deps.log(
        `storage write failed: ${deps.redact(error instanceof Error ? error.message : String(error))}`,
      );
    });
    return writes;
  }

  function persistRun(state: RunState): Promise<void> {
    const snapshot: RunState = { ...state, results: [...state.results] };
    return enqueue(async () => {
      const runs = await loadRuns();
      runs[snapshot.profileId] = snapshot;
      await runsItem.setValue(runs);
    });
  }

  function cacheReport(entry: CachedReport): Promise<void> {
    return enqueue(async () => {
      const cache = await loadReportCache();
      // The verification check is paid and org-wide: a zero-cost re-check does not make it stale.
      const verification = cache[entry.profileId]?.verification;
      cache[entry.profileId] = verification === undefined ? entry : { ...entry, verification };
      await reportCacheItem.setValue(cache);
    });
  }

  function recordResult(run: ActiveRun, result: ModelResult): void {
    if (run.state.status !== 'running') return;
    const results = run.state.results.filter((existing) => existing.model !== result.model);
    results.push(result);
    run.state = { ...run.state, results };
    void persistRun(run.state);
  }

  async function execute(run: ActiveRun, request: RunRequest): Promise<CachedReport | null> {
    const { profile, apiKey, models, timeoutMs, concurrency } = request;
    const probeProfile: ProbeProfile = { apiKey };
    if (profile.baseUrl !== undefined) probeProfile.baseUrl = profile.baseUrl;
    if (profile.organizationId !== undefined) probeProfile.organizationId = profile.organizationId;
    if (profile.projectId !== undefined) probeProfile.projectId = profile.projectId;

    let watchdogFired = false;
    const watchdog = setTimeout(
      () => {
        watchdogFired = true;
        run.controller.abort();
      },
      runTimeBound(models.length, concurrency, timeoutMs) + (deps.watchdogSlackMs ?? 5_000),
    );
    try {
      const report = await deps.runProbe(probeProfile, models, {
        signal: run.controller.signal,
        timeoutMs,
        concurrency,
        onResult: (result) => recordResult(run, result),
      });
      const finishedAt = deps.now();
      if (run.controller.signal.aborted || report.aborted === true) {
        run.state = {
          ...run.state,
          status: watchdogFired ? 'failed' : 'cancelled',
          finishedAt,
          results: mergeResults(run.state.results, report.models),
          ...(watchdogFired ? { error: 'The check took too long and was stopped.' } : {}),
        };
        await persistRun(run.state);
        return null;
      }
      if (reachedNobody(report)) {
        // Not one request got an HTTP answer (network down, proxy, wrong base URL): the run learned nothing
        // about the key, so it must not replace what the last good check learned (issue 8).
        run.state = {
          ...run.state,
          status: 'failed',
          finishedAt,
          results: mergeResults(run.state.results, report.models),
          error: `No answer from ${report.baseUrl} (network, proxy, firewall or timeout)`,
        };
        await persistRun(run.state);
        return null;
      }
      const entry: CachedReport = { profileId: profile.id, models, report, checkedAt: finishedAt };
      // The cache first, then the state: a popup that sees `done` finds the report already there.
      await cacheReport(entry);
      run.state = {
        ...run.state,
        status: 'done',
        finishedAt,
        results: mergeResults(run.state.results, report.models),
      };
      await persistRun(run.state);
      return entry;
    } catch (error: unknown) {
      const cancelled = run.controller.signal.aborted && !watchdogFired;
      const message = error instanceof Error ? error.message : String(error);
      run.state = {
        ...run.state,
        status: cancelled ? 'cancelled' : 'failed',
        finishedAt: deps.now(),
        ...(cancelled
          ? {}
          : { error: watchdogFired ? 'The check took too long and was stopped.' : deps.redact(message) }),
      };
      if (!cancelled) deps.log(`check failed: ${deps.redact(message)}`);
      await persistRun(run.state);
      return null;
    } finally {
      clearTimeout(watchdog);
      if (active.get(profile.id) === run) active.delete(profile.id);
    }
  }

  return {
    start(request) {
      const running = active.get(request.profile.id);
      if (running !== undefined)
        return { runId: running.runId, profileId: running.profileId, done: running.done };
      const runId = deps.newId();
      const state: RunState = {
        runId,
        profileId: request.profile.id,
        status: 'running',
        models: [...request.models],
        results: [],
        startedAt: deps.now(),
      };
      const run: ActiveRun = {
        runId,
        profileId: request.profile.id,
        controller: new AbortController(),
        state,
        done: Promise.resolve(null),
      };
      active.set(request.profile.id, run);
      void persistRun(state);
      run.done = execute(run, request);
      return { runId, profileId: run.profileId, done: run.done };
    },

    cancel(profileId) {
      const run = active.get(profileId);
      if (run === undefined) return false;
      run.controller.abort();
      return true;
    },

    active(profileId) {
      const run = active.get(profileId);
      return run === undefined ? undefined : { runId: run.runId, profileId: run.profileId, done: run.done };
    },

    async forget(profileId) {
      const run = active.get(profileId);
      if (run !== undefined) {
        run.controller.abort();
        await run.done;
      }
      await enqueue(async () => {
        const runs = await loadRuns();
        delete runs[profileId];
        await runsItem.setValue(runs);
      });
    },

    async recoverInterrupted() {
      await enqueue(async () => {
        const runs = await loadRuns();
        let changed = false;
        for (const [profileId, state] of Object.entries(runs)) {
          if (state.status === 'running' && !active.has(profileId)) {
            runs[profileId] = {
              ...state,
              status: 'failed',
              finishedAt: deps.now(),
              error:
                'The check was interrupted (the browser stopped the extension’s background). Run it again.',
            };
            changed = true;
          }
        }
        if (changed) await runsItem.setValue(runs);
      });
    },

    flushed() {
      return writes;
    },
  };
}

/**
 * True when requests were sent, not one got an HTTP answer, and nothing but the network is to blame. A key the
 * browser refuses to put in a header (a `…` in it) also gets no answer, but that is a finding about the key.
 */
export function reachedNobody(report: ProbeReport): boolean {
  if (report.requestCount === 0 || report.key.problem !== undefined) return false;
  if (report.models.some((result) => result.category !== 'connection_error')) return false;
  const answered = (evidence: readonly { httpStatus?: number }[] | undefined) =>
    (evidence ?? []).some((item) => item.httpStatus !== undefined);
  return (
    report.canary.httpStatus === undefined &&
    !answered(report.key.evidence) &&
    !report.models.some((result) => answered(result.evidence))
  );
}

/** Results streamed so far, completed by the report's (the report wins: it is final). */
function mergeResults(streamed: ModelResult[], final: ModelResult[]): ModelResult[] {
  const byModel = new Map<string, ModelResult>();
  for (const result of streamed) byModel.set(result.model, result);
  for (const result of final) byModel.set(result.model, result);
  return [...byModel.values()];
}
