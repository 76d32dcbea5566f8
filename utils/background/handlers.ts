import type { AccessSummary, FoundError, SaveProfileResponse } from '../messages';
import type { MessageHandlers } from '../messaging/router';
import type { ModelResult } from '../probes/types';
import {
  type CachedReport,
  explainDraftItem,
  loadProfiles,
  loadReportCache,
  loadSettings,
  normalizeSettings,
  type ProfileMeta,
  reportCacheItem,
  settingsItem,
} from '../storage';
import {
  deleteProfile,
  keyPresence,
  loadActiveProfileWithKey,
  loadProfileWithKey,
  type ProfileWithKey,
  saveProfile,
  setActiveProfile,
} from './profiles';
import { verificationFactsFor } from './model-facts';
import { createRunManager, type RunManager } from './run-manager';
import { type BackgroundServices, realServices } from './services';
import {
  checkFindErrorsPayload,
  checkModelId,
  checkProfileIdPayload,
  checkProfileInput,
  MAX_RAW_KEY_LENGTH,
} from './validate';
import { describeKeyField } from '../popup/key-entry';
import { buildReportMarkdown } from '../popup/report-markdown';

export interface BackgroundDeps {
  version: string;
  /** Replace any real part (tests). */
  services?: Partial<BackgroundServices>;
  /** Content-script "check with my key" calls allowed per minute (each spends requests with the user's key). */
  contentChecksPerMinute?: number;
}

/** The longest text "Explain an error" reads: the classifier is bounded, the message size should be too. */
export const MAX_EXPLAIN_CHARS = 200_000;
/** The draft kept for a reopened popup; longer texts are explained but only their start is kept. */
const MAX_DRAFT_CHARS = 20_000;
/** A content script asking twice for the same model within this time gets the same answer, without new requests. */
const CONTENT_CHECK_MEMO_MS = 60_000;

/**
 * The background's answer to every message type. Each handler is a small function over injected parts.
 *
 * Security (DESIGN §1, STYLE: Bitwarden): payloads are rebuilt from checked fields, never forwarded; `content:*`
 * handlers take a model id at most, never a key, a base URL or a profile id; their answers are deep-redacted and
 * checked not to contain the key before they leave.
 */
export function createHandlers(deps: BackgroundDeps): MessageHandlers & { runs: RunManager } {
  // Logs carry a message type or a redacted reason, never a payload or a key.
  const services: BackgroundServices = {
    ...realServices((text) => console.warn(`[Model Access Doctor] ${text}`)),
    ...deps.services,
  };
  const runs = createRunManager({
    runProbe: services.runProbe,
    now: services.now,
    newId: services.newId,
    redact: (text) => services.redactKeys(text),
    log: services.log,
  });
  void runs.recoverInterrupted();

  const contentCheckTimes: number[] = [];
  const contentMemo = new Map<string, { at: number; answer: Promise<ModelResult> }>();
  const checksPerMinute = deps.contentChecksPerMinute ?? 12;

  async function modelsToProbe(): Promise<string[]> {
    const settings = await loadSettings();
    return settings.models !== null && settings.models.length > 0
      ? settings.models
      : services.defaultProbeModels();
  }

  async function startRun(target: ProfileWithKey) {
    const settings = await loadSettings();
    return runs.start({
      profile: target.profile,
      apiKey: target.apiKey,
      models: await modelsToProbe(),
      timeoutMs: settings.timeoutMs,
      concurrency: settings.concurrency,
    });
  }

  function summaryOf(profile: ProfileMeta, entry: CachedReport): AccessSummary {
    const summary: AccessSummary = {
      profileLabel: profile.label,
      report: entry.report,
      checkedAt: entry.checkedAt,
      verificationFacts: verificationFactsFor(
        entry.report.models.map((result) => result.model),
        new Date(services.now()).toISOString().slice(0, 10),
      ),
    };
    if (entry.verification !== undefined) summary.verification = entry.verification;
    return summary;
  }

  function probeProfileOf({ profile, apiKey }: ProfileWithKey) {
    return {
      apiKey,
      ...(profile.baseUrl !== undefined ? { baseUrl: profile.baseUrl } : {}),
      ...(profile.organizationId !== undefined ? { organizationId: profile.organizationId } : {}),
      ...(profile.projectId !== undefined ? { projectId: profile.projectId } : {}),
    };
  }

  /** Applies a paid check's outcome to the cached report, so the matrix and the panel show it. */
  async function updateCache(
    profileId: string,
    change: (entry: CachedReport) => CachedReport,
  ): Promise<void> {
    const cache = await loadReportCache();
    const entry = cache[profileId];
    if (entry === undefined) return;
    cache[profileId] = change(entry);
    await reportCacheItem.setValue(cache);
  }

  /** Deep copy with every string redacted; refuses to answer at all if the key is still in there somehow. */
  function forContentScript<T>(value: T, apiKey: string): T {
    const copy = JSON.parse(JSON.stringify(value), (_name, field: unknown) =>
      typeof field === 'string' ? services.redactKeys(field) : field,
    ) as T;
    if (apiKey.length >= 8 && JSON.stringify(copy).includes(apiKey)) {
      throw new Error('The answer was withheld because it contained the key.');
    }
    return copy;
  }

  function allowContentCheck(): boolean {
    const now = services.now();
    while (contentCheckTimes.length > 0 && now - contentCheckTimes[0]! > 60_000) contentCheckTimes.shift();
    if (contentCheckTimes.length >= checksPerMinute) return false;
    contentCheckTimes.push(now);
    return true;
  }

  async function probeOneModel(target: ProfileWithKey, model: string): Promise<ModelResult> {
    const memoKey = `${target.profile.id}\u0000${model}`;
    const now = services.now();
    const memo = contentMemo.get(memoKey);
    if (memo !== undefined && now - memo.at < CONTENT_CHECK_MEMO_MS) return memo.answer;
    if (!allowContentCheck()) {
      throw new Error('Too many checks in a minute: wait a moment and try again.');
    }
    const settings = await loadSettings();
    const answer = services
      .runProbe(probeProfileOf(target), [model], { timeoutMs: settings.timeoutMs, concurrency: 1 })
      .then((report) => {
        const result = report.models.find((entry) => entry.model === model);
        if (result === undefined) throw new Error(`No answer for ${model}.`);
        return result;
      });
    contentMemo.set(memoKey, { at: now, answer });
    answer.catch(() => contentMemo.delete(memoKey));
    return answer;
  }

  return {
    runs,

    'any:ping': async () => ({ ok: true, version: deps.version }),

    'content:checkModel': async (payload) => {
      const model = checkModelId((payload as { model?: unknown }).model);
      if (!model.ok) throw new Error(model.reason);
      const target = await loadActiveProfileWithKey();
      if (target === null) return { state: 'no-key' };
      const result = await probeOneModel(target, model.value);
      return { state: 'ready', result: forContentScript(result, target.apiKey) };
    },

    'content:accessSummary': async () => {
      const target = await loadActiveProfileWithKey();
      if (target === null) return { state: 'no-key' };
      const entry = (await loadReportCache())[target.profile.id];
      const summary =
        entry === undefined ? null : forContentScript(summaryOf(target.profile, entry), target.apiKey);
      return { state: 'ready', summary };
    },

    'content:recheck': async () => {
      const target = await loadActiveProfileWithKey();
      if (target === null) return { state: 'no-key' };
      const handle = await startRun(target);
      const entry = await handle.done;
      if (entry === null) throw new Error('The check did not finish (cancelled or failed). Try again.');
      return { state: 'ready', summary: forContentScript(summaryOf(target.profile, entry), target.apiKey) };
    },

    'content:openPopup': async () => ({ ok: await services.openPopup() }),

    'content:findErrors': async (payload) => {
      // Page text the user is looking at, keys already masked by the content script; read here and answered,
      // never stored, logged or sent on (SECURITY.md, data flow).
      const texts = checkFindErrorsPayload(payload);
      if (!texts.ok) throw new Error(texts.reason);
      const results = texts.value.map((text) =>
        services
          .findErrorSpans(text)
          .map(({ start, end, diagnosis }): FoundError => ({ start, end, diagnosis })),
      );
      return { results };
    },

    'page:saveProfile': async (payload): Promise<SaveProfileResponse> => {
      const input = checkProfileInput(payload);
      if (!input.ok) return input;
      const answer = await saveProfile(input.value, services);
      if (answer.ok) contentMemo.clear();
      return answer;
    },

    'page:deleteProfile': async (payload) => {
      const id = checkProfileIdPayload(payload);
      if (!id.ok) throw new Error(id.reason);
      await runs.forget(id.value);
      await deleteProfile(id.value);
      contentMemo.clear();
      return { ok: true };
    },

    'page:setActiveProfile': async (payload) => {
      const id = checkProfileIdPayload(payload);
      if (!id.ok || !(await setActiveProfile(id.value))) throw new Error('Unknown profile.');
      return { ok: true };
    },

    'page:keyPresence': async () => ({ present: await keyPresence() }),

    'page:startRun': async (payload) => {
      const id = checkProfileIdPayload(payload);
      if (!id.ok) throw new Error(id.reason);
      const target = await loadProfileWithKey(id.value);
      if (target === null) {
        const exists = (await loadProfiles()).some((p) => p.id === id.value);
        throw new Error(exists ? 'The key is no longer stored: paste it again.' : 'Unknown profile.');
      }
      const handle = await startRun(target);
      return { runId: handle.runId };
    },

    'page:cancelRun': async (payload) => {
      const id = checkProfileIdPayload(payload);
      if (!id.ok) throw new Error(id.reason);
      return { cancelled: runs.cancel(id.value) };
    },

    'page:explain': async (payload) => {
      const text = (payload as { text?: unknown }).text;
      if (typeof text !== 'string') throw new Error('Nothing to explain.');
      // Kept redacted: a pasted log may hold a key, and no key may land in a storage area the user did not choose.
      await explainDraftItem.setValue(services.redactKeys(text.slice(0, MAX_DRAFT_CHARS)));
      return { diagnosis: text.trim() === '' ? null : services.classify(text.slice(0, MAX_EXPLAIN_CHARS)) };
    },

    'page:describeKey': async (payload) => {
      const raw = (payload as { raw?: unknown }).raw;
      if (typeof raw !== 'string' || raw.length > MAX_RAW_KEY_LENGTH) {
        const refusal = 'That is too long to be an API key.';
        return {
          empty: false,
          kind: 'unknown',
          kindLabel: 'Unrecognised key',
          refusal,
          warnings: [],
          cleaned: null,
        };
      }
      return describeKeyField(raw, services.parseKeyInput);
    },

    'page:buildReport': async (payload) => {
      const id = checkProfileIdPayload(payload);
      if (!id.ok) throw new Error(id.reason);
      const profile = (await loadProfiles()).find((entry) => entry.id === id.value);
      const entry = (await loadReportCache())[id.value];
      if (profile === undefined || entry === undefined)
        throw new Error('There is no finished check to report yet.');
      const maskIds = (payload as { maskIds?: unknown }).maskIds !== false;
      return { markdown: buildReportMarkdown({ profile, entry, maskIds, version: deps.version }) };
    },

    'page:saveSettings': async (payload) => {
      const partial = (payload as { settings?: unknown }).settings;
      if (typeof partial !== 'object' || partial === null) throw new Error('No settings given.');
      const settings = normalizeSettings({ ...(await loadSettings()), ...partial });
      await settingsItem.setValue(settings);
      return { settings };
    },

    'page:modelDefaults': async () => ({ models: services.defaultProbeModels() }),

    'page:paidCheckEstimate': async (payload) => {
      const { kind, model } = payload as { kind?: unknown; model?: unknown };
      if (kind !== 'confirm' && kind !== 'verification') throw new Error('Unknown paid check.');
      const chosen =
        model === undefined && kind === 'verification' ? services.defaultVerificationModel() : model;
      if (chosen === undefined) return { estimate: null };
      const id = checkModelId(chosen);
      if (!id.ok) throw new Error(id.reason);
      return { estimate: services.estimatePaidCheckCost(kind, id.value) };
    },

    'page:paidCheck': async (payload) => {
      const raw = payload as { kind?: unknown; model?: unknown; acceptedCost?: unknown };
      const id = checkProfileIdPayload(payload);
      if (!id.ok) throw new Error(id.reason);
      if (raw.kind !== 'confirm' && raw.kind !== 'verification') throw new Error('Unknown paid check.');
      const model = checkModelId(raw.model);
      if (!model.ok) throw new Error(model.reason);
      const settings = await loadSettings();
      if (!settings.paidChecksConsent) throw new Error('Paid checks are off: allow them in Settings first.');
      // The page's estimate is never forwarded: the background prices the check itself and requires the same
      // figure the user saw, so a stale or forged estimate cannot approve a different spend.
      const estimate = services.estimatePaidCheckCost(raw.kind, model.value);
      const accepted = raw.acceptedCost as { kind?: unknown; model?: unknown; usd?: unknown } | undefined;
      if (
        accepted?.kind !== estimate.kind ||
        accepted.model !== estimate.model ||
        accepted.usd !== estimate.usd
      ) {
        throw new Error('The cost changed since it was shown: look at it again before running the check.');
      }
      const target = await loadProfileWithKey(id.value);
      if (target === null) throw new Error('The key is no longer stored: paste it again.');
      const options = { acceptedCost: estimate, timeoutMs: settings.timeoutMs };
      if (raw.kind === 'confirm') {
        const result = await services.confirmModelWithRealRequest(
          probeProfileOf(target),
          model.value,
          options,
        );
        await updateCache(id.value, (entry) => ({
          ...entry,
          report: {
            ...entry.report,
            models: entry.report.models.map((existing) =>
              existing.model === result.model ? result : existing,
            ),
          },
        }));
        return { result };
      }
      const verification = await services.checkOrganizationVerification(probeProfileOf(target), {
        ...options,
        model: model.value,
      });
      await updateCache(id.value, (entry) => ({ ...entry, verification }));
      return { verification };
    },
  };
}
