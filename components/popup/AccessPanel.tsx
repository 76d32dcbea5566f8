/**
 * The main part of the popup for a profile: Check access / Cancel / Copy report, the status slot (progress, the
 * key-level banner, or the summary with the tier estimate), and the matrix.
 *
 * No layout jump: the status slot keeps one height whatever it holds, rows are one line each and pending rows
 * have the same height as answered ones.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  type AccessView,
  countRows,
  describeCounts,
  describeTier,
  describeTierEvidence,
  type KeyBanner,
} from '@/utils/popup/access-view';
import { formatCheckedAgo, msUntilAgoChanges } from '@/utils/popup/time';
import type { ProbeReport } from '@/utils/probes/types';
import type { ProfileMeta } from '@/utils/storage';
import { categoryLook } from '../diagnosis/categories';
import { Icon } from '../icons';
import type { PopupApi } from './api';
import { Matrix } from './Matrix';
import { DiagnosisCard, PaidCheck } from './views';

export interface AccessPanelProps {
  api: PopupApi;
  profile: ProfileMeta;
  view: AccessView;
  /** False when the profile's key is gone (session-only key after a restart). */
  hasKey: boolean;
  /** The user allowed paid checks in settings. */
  paidConsent: boolean;
  onCopyReport: () => void;
  onPasteKeyAgain: () => void;
}

function useNow(api: PopupApi, checkedAt: number | null): number {
  const [now, setNow] = useState(() => api.now());
  useEffect(() => {
    if (checkedAt === null) return;
    const timer = setTimeout(() => setNow(api.now()), msUntilAgoChanges(checkedAt, api.now()));
    return () => clearTimeout(timer);
  }, [api, checkedAt, now]);
  return now;
}

/**
 * The key-level banner. Its disclosure holds the full diagnosis (when there is one) and the key facts (tier,
 * organizations, quota, verification, canary), which the summary bar would otherwise show.
 */
function Banner({ banner, facts }: { banner: KeyBanner; facts: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  const look = categoryLook(banner.category);
  return (
    // No live role: the popup announces the end of a run (with this problem) once; a banner read out on every
    // opening of the popup would be noise.
    <div class="banner" data-scope="key" data-category={banner.category} data-tone={look.tone}>
      <div class="banner__row">
        <Icon name={look.tone} class="banner__icon" />
        <div class="banner__body">
          <p class="banner__title">
            <span class="sr-only">Key problem: </span>
            {banner.title}
          </p>
          <p class="banner__text" title={banner.text}>
            {banner.text}
          </p>
        </div>
        <button
          type="button"
          class="button button--small banner__toggle"
          aria-expanded={open}
          aria-controls="banner-card"
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide' : banner.diagnosis !== null ? 'How to fix' : 'Details'}
        </button>
      </div>
      {open && (
        <div id="banner-card" class="banner__card">
          {banner.diagnosis !== null && <DiagnosisCard diagnosis={banner.diagnosis} headingLevel={3} />}
          {facts}
        </div>
      )}
    </div>
  );
}

interface PaidContext {
  api: PopupApi;
  profileId: string;
  consent: boolean;
  hasKey: boolean;
}

function KeyFacts({ report, view, paid }: { report: ProbeReport; view: AccessView; paid: PaidContext }) {
  const key = report.key;
  const verification = view.verification;
  return (
    <dl class="facts" id="key-facts">
      <dt>Tier</dt>
      <dd>
        <strong>{describeTier(key.tier)}</strong>
        <span class="facts__evidence muted">{describeTierEvidence(key.tier)}</span>
      </dd>
      {key.organizations.length > 0 && (
        <>
          <dt>Organizations</dt>
          <dd>
            {key.organizations.map((org, index) => (
              <span key={org.id}>
                {index > 0 && ', '}
                {org.title ?? org.id}
                {org.isDefault === true && ' (default)'}
              </span>
            ))}
          </dd>
        </>
      )}
      <dt>Quota</dt>
      <dd>
        {key.quota.state === 'ok'
          ? 'Has credit'
          : key.quota.state === 'exhausted'
            ? `Exhausted${key.quota.code ? ` (${key.quota.code})` : ''}`
            : 'Unknown'}
      </dd>
      <dt>Verification</dt>
      <dd data-verified={verification === null ? 'unchecked' : String(verification.verified)}>
        {verification === null ? 'Not checked (needs one real streamed request).' : verification.summary}
        {paid.hasKey && (
          <PaidCheck
            api={paid.api}
            profileId={paid.profileId}
            kind="verification"
            consent={paid.consent}
            label={verification === null ? 'Check verification' : 'Check verification again'}
          />
        )}
      </dd>
      <dt>Zero-cost checks</dt>
      <dd>
        {report.trusted
          ? `Trusted: the canary ${report.canary.model} came back “not found”.`
          : `Not trusted today: the canary ${report.canary.model} answered ${report.canary.httpStatus ?? 'nothing'}.`}
      </dd>
    </dl>
  );
}

function StatusSlot({ view, paid }: { view: AccessView; paid: PaidContext }) {
  const [factsOpen, setFactsOpen] = useState(false);
  if (view.phase === 'running' && view.progress !== null) {
    const { done, total } = view.progress;
    return (
      <div class="status-slot status-slot--running">
        <p class="status-slot__text">
          Checking {done} of {total} models…
        </p>
        <progress class="progress" max={total} value={done} aria-label="Models checked" />
      </div>
    );
  }
  if (view.banner !== null) {
    return (
      <div class="status-slot">
        {view.notice !== null && <p class="notice-line">{view.notice}</p>}
        <Banner
          banner={view.banner}
          facts={view.report !== null ? <KeyFacts report={view.report} view={view} paid={paid} /> : null}
        />
      </div>
    );
  }
  if (view.report !== null || view.rows.length > 0) {
    const counts = countRows(view.rows);
    return (
      <div class="status-slot">
        {view.notice !== null && <p class="notice-line">{view.notice}</p>}
        <div class="summary">
          <p class="summary__counts">
            {counts.ok > 0 && (
              <span class="status status--ok">
                <Icon name="ok" />
                {counts.ok} usable
              </span>
            )}
            {counts.denied > 0 && (
              <span class="status status--denied">
                <Icon name="denied" />
                {counts.denied} blocked
              </span>
            )}
            {counts.unknown > 0 && (
              <span class="status status--unknown">
                <Icon name="unknown" />
                {counts.unknown} unknown
              </span>
            )}
          </p>
          {view.report !== null && (
            <button
              type="button"
              class="link-button summary__tier"
              aria-expanded={factsOpen}
              aria-controls="key-facts"
              onClick={() => setFactsOpen(!factsOpen)}
            >
              {describeTier(view.report.key.tier)}
              <Icon name="chevron" class={factsOpen ? 'rotate' : undefined} />
            </button>
          )}
        </div>
        {factsOpen && view.report !== null && <KeyFacts report={view.report} view={view} paid={paid} />}
      </div>
    );
  }
  return null;
}

export function AccessPanel({
  api,
  profile,
  view,
  hasKey,
  paidConsent,
  onCopyReport,
  onPasteKeyAgain,
}: AccessPanelProps) {
  const paid: PaidContext = { api, profileId: profile.id, consent: paidConsent, hasKey };
  const [openModel, setOpenModel] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(api, view.checkedAt);
  const running = view.phase === 'running';

  async function start() {
    setError(null);
    setOpenModel(null);
    try {
      await api.send('page:startRun', { profileId: profile.id });
    } catch (failure: unknown) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  async function cancel() {
    try {
      await api.send('page:cancelRun', { profileId: profile.id });
    } catch (failure: unknown) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  const announcement = running
    ? `Checking ${view.progress?.done ?? 0} of ${view.progress?.total ?? 0} models`
    : view.phase === 'done'
      ? `Check finished: ${describeCounts(countRows(view.rows))}${view.banner !== null ? `. Key problem: ${view.banner.title}` : ''}`
      : '';

  return (
    <section class="access" aria-label="Model access">
      <p class="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {!hasKey && (
        <div class="notice" role="alert">
          <p>
            The key for “{profile.label}” was kept for one browser session only and is gone. Paste it again to
            check access; the last results stay below.
          </p>
          <button type="button" class="button button--small" onClick={onPasteKeyAgain}>
            Paste the key again
          </button>
        </div>
      )}
      <div class="actions">
        {running ? (
          <button type="button" class="button button--primary button--wide" onClick={cancel}>
            <Icon name="close" /> Cancel check
          </button>
        ) : (
          <button
            type="button"
            class="button button--primary button--wide"
            onClick={start}
            disabled={!hasKey}
          >
            <Icon name={view.report === null ? 'ok' : 'refresh'} /> Check access
          </button>
        )}
        <button
          type="button"
          class="button"
          data-focus-key="copy-report"
          onClick={onCopyReport}
          disabled={view.report === null || running}
        >
          Copy report
        </button>
        <span class="actions__ago" data-checked-at={view.checkedAt ?? undefined}>
          {view.checkedAt !== null ? formatCheckedAgo(view.checkedAt, now) : ''}
        </span>
      </div>
      {error !== null && (
        <p class="error-text" role="alert">
          {error}
        </p>
      )}
      <StatusSlot view={view} paid={paid} />
      {view.rows.length > 0 ? (
        <div class="matrix-wrap">
          <Matrix
            rows={view.rows}
            openModel={openModel}
            onToggle={(model) => setOpenModel(openModel === model ? null : model)}
            rowActions={(row) =>
              row.status === 'unknown' && row.result !== null && hasKey && !running ? (
                <PaidCheck
                  api={api}
                  profileId={profile.id}
                  kind="confirm"
                  model={row.model}
                  consent={paidConsent}
                  label="Confirm with a real request"
                />
              ) : null
            }
            caption={`Model access for ${profile.label}${view.checkedAt !== null ? `, ${formatCheckedAgo(view.checkedAt, now)}` : ''}`}
          />
        </div>
      ) : (
        <div class="empty-results">
          <p>
            <strong>Which models can this key use?</strong> Check access sends one request per model that
            fails on purpose before any tokens are used, so it costs nothing, and reads the answers: usable,
            blocked and why.
          </p>
        </div>
      )}
    </section>
  );
}
