/**
 * The access panel on platform.openai.com: compact, in the bottom-right corner, inside our own shadow root
 * (`mad-panel`). It shows the active profile's cached access report, what the current page means for it, and
 * "Re-check now". Collapsed, it is a single small button that still says how many models work.
 *
 * Everything shown comes from our own probe report (via the background); nothing is read from the page.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CategoryId } from '@/utils/diagnosis/types';
import type { AccessSummary } from '@/utils/messages';
import type { PanelPageKind } from '@/utils/platform/pages';
import type { PanelActions, PanelState } from '@/utils/platform/panel-state';
import { checkedAgo, countAccess } from '@/utils/platform/panel-views';
import type { ReportChange } from '@/utils/platform/report-diff';
import { categoryLook } from '../diagnosis/categories';
import { BrandMark, Icon } from '../icons';
import { ModelRows } from './ModelRows';
import {
  ApiKeysSection,
  BillingSection,
  LimitsSection,
  UsageSection,
  VerificationSection,
} from './PageSections';
import { RunList } from './RunList';
import './panel.css';

export interface PanelProps {
  state: PanelState;
  actions: PanelActions;
  /** Injected clock (tests freeze it). */
  now?: () => number;
}

/** Re-renders every `ms` while mounted: relative times and countdowns stay true without a store. */
function useTick(ms: number, now: () => number): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    const id = setInterval(() => setTime(now()), ms);
    return () => clearInterval(id);
  }, [ms, now]);
  return time;
}

function pillText(state: PanelState): string {
  const { access } = state;
  if (access.state === 'loading') return 'Model access';
  if (access.state === 'no-key') return 'Add your API key';
  if (access.state === 'error') return 'Model access: error';
  if (access.summary === null) return 'Not checked yet';
  const counts = countAccess(access.summary.report);
  return `${counts.ok} of ${counts.total} models usable`;
}

/** Key-level problems a page's own section already explains: no second banner for the same thing. */
const COVERED_BY_SECTION: Partial<Record<PanelPageKind, readonly CategoryId[]>> = {
  billing: ['insufficient_quota', 'billing_limit'],
  'api-keys': ['key_scope_insufficient'],
  'organization-general': ['org_verification_required'],
};

function KeyBanner({ summary, page }: { summary: AccessSummary; page: PanelPageKind }) {
  const problem = summary.report.key.problem;
  if (problem === undefined || COVERED_BY_SECTION[page]?.includes(problem.category) === true) return null;
  const look = categoryLook(problem.category);
  return (
    <div class="mad-banner" data-scope="key" data-category={problem.category} role="note">
      <Icon name={look.tone} />
      <div>
        <strong class="mad-banner__title">{problem.diagnosis.title}</strong>
        <p class="mad-banner__text">{problem.diagnosis.explanation}</p>
      </div>
    </div>
  );
}

function UntrustedBanner({ summary }: { summary: AccessSummary }) {
  if (summary.report.trusted) return null;
  return (
    <div class="mad-banner" data-scope="key" data-category={'other' satisfies CategoryId} role="note">
      <Icon name="unknown" />
      <div>
        <strong class="mad-banner__title">Zero-cost checks could not be trusted</strong>
        <p class="mad-banner__text">
          A model that cannot exist did not come back as "not found", so every model is shown as unknown. The
          paid check in the popup can confirm one model.
        </p>
      </div>
    </div>
  );
}

function PageSection({
  state,
  summary,
  now,
  actions,
}: {
  state: PanelState;
  summary: AccessSummary;
  now: number;
  actions: PanelActions;
}) {
  switch (state.page.kind) {
    case 'billing':
      return null; // rendered by Panel itself: it needs the actions
    case 'limits':
      return <LimitsSection summary={summary} page={state.page} />;
    case 'api-keys':
      return <ApiKeysSection summary={summary} />;
    case 'organization-general':
      return (
        <VerificationSection
          summary={summary}
          today={new Date(now).toISOString().slice(0, 10)}
          actions={actions}
        />
      );
    case 'usage':
      return <UsageSection />;
  }
}

function Body({ state, actions, now }: { state: PanelState; actions: PanelActions; now: number }) {
  const { access } = state;
  if (access.state === 'loading') {
    return <p class="mad-panel__muted mad-panel__loading">Loading your last check…</p>;
  }
  if (access.state === 'error') {
    return (
      <p class="mad-callout" data-tone="bad">
        <Icon name="denied" />
        <span>The extension did not answer: {access.message}</span>
      </p>
    );
  }
  if (access.state === 'no-key') {
    return (
      <div class="mad-empty" data-empty="no-key">
        <p class="mad-panel__text">
          Add your OpenAI API key to Model Access Doctor to see, on this page, which models it can use and why
          not. The key stays in the extension: this page never sees it.
        </p>
        <button type="button" class="mad-button" onClick={actions.openPopup}>
          <Icon name="key" /> Open Model Access Doctor
        </button>
      </div>
    );
  }
  const summary = access.summary;
  if (summary === null) {
    return (
      <div class="mad-empty" data-empty="not-checked">
        <p class="mad-panel__text">Your key has not been checked yet. A check sends no billable request.</p>
      </div>
    );
  }
  const latest = state.runs[0];
  return (
    <>
      {state.page.kind === 'billing' ? (
        <BillingSection summary={summary} watch={state.watch} runs={state.runs} now={now} actions={actions} />
      ) : (
        <PageSection state={state} summary={summary} now={now} actions={actions} />
      )}
      <KeyBanner summary={summary} page={state.page.kind} />
      <UntrustedBanner summary={summary} />
      <ModelsSection summary={summary} changes={latest?.changes ?? []} />
      {state.page.kind !== 'billing' && latest !== undefined && (
        <RunList runs={[latest]} title="Last re-check" />
      )}
    </>
  );
}

/**
 * The model rows, in a disclosure that starts closed when one key-level problem explains every refusal (ten
 * identical red rows say nothing the banner does not): the rows stay in the page for whoever opens it.
 */
function ModelsSection({ summary, changes }: { summary: AccessSummary; changes: readonly ReportChange[] }) {
  const { models, key } = summary.report;
  const counts = countAccess(summary.report);
  const explainedByKey =
    key.problem !== undefined &&
    models.length > 0 &&
    models.every((result) => result.status !== 'ok' && result.category === key.problem?.category);
  return (
    <details class="mad-section mad-models-box" open={!explainedByKey || changes.length > 0}>
      <summary>
        <Icon name="chevron" />
        <h3 class="mad-section__title">Models</h3>
        <span class="mad-models-box__count">
          {counts.ok} of {counts.total} usable
          {explainedByKey && key.problem !== undefined
            ? ` · all refused: ${categoryLook(key.problem.category).label.toLowerCase()}`
            : ''}
        </span>
      </summary>
      <ModelRows models={models} changes={changes} />
    </details>
  );
}

function statusLine(state: PanelState): string {
  if (state.running !== null) return 'Re-checking with your key…';
  const latest = state.runs[0];
  if (latest === undefined) return '';
  if (latest.error !== undefined) return 'The re-check failed.';
  const count = latest.changes.length;
  return count === 0 ? 'Re-checked: no change.' : `Re-checked: ${count} change${count === 1 ? '' : 's'}.`;
}

export function Panel({ state, actions, now = Date.now }: PanelProps) {
  const watching = state.watch?.active === true;
  // Countdowns need seconds; "checked 5 min ago" is fine at half a minute.
  const time = useTick(watching ? 1000 : 30_000, now);
  const expandButton = useRef<HTMLButtonElement>(null);
  const collapseButton = useRef<HTMLButtonElement>(null);
  // Set when the user toggles from inside the panel: focus then moves to the toggle that replaced the one pressed,
  // so keyboard users stay where they were. A collapse restored from storage moves no focus.
  const focusAfterToggle = useRef(false);
  const toggle = (collapsed: boolean) => {
    focusAfterToggle.current = true;
    actions.setCollapsed(collapsed);
  };
  useEffect(() => {
    if (!focusAfterToggle.current) return;
    focusAfterToggle.current = false;
    (state.collapsed ? expandButton.current : collapseButton.current)?.focus();
  }, [state.collapsed]);

  const summary = state.access.state === 'ready' ? state.access.summary : null;
  const canRecheck = state.access.state === 'ready';

  if (state.collapsed) {
    const counts = summary === null ? null : countAccess(summary.report);
    return (
      <div class="mad-root" data-page={state.page.kind} data-collapsed="true">
        <button
          ref={expandButton}
          type="button"
          class="mad-pill"
          aria-expanded="false"
          aria-label={`Model Access Doctor: ${pillText(state)}. Show the panel`}
          data-health={counts === null ? 'none' : counts.denied > 0 ? 'some-refused' : 'ok'}
          onClick={() => toggle(false)}
        >
          <BrandMark class="mad-panel__mark" size={20} />
          <span class="mad-pill__text">{pillText(state)}</span>
          {state.running !== null && <Icon name="pending" class="mad-spin" />}
        </button>
      </div>
    );
  }

  return (
    <div class="mad-root" data-page={state.page.kind} data-collapsed="false">
      <section
        class="mad-panel"
        aria-label="Model Access Doctor"
        data-access={state.access.state}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            toggle(true);
          }
        }}
      >
        <header class="mad-panel__header">
          <BrandMark class="mad-panel__mark" size={20} />
          <div class="mad-panel__heading">
            <h2 class="mad-panel__title">Model access</h2>
            <p class="mad-panel__meta">
              {summary !== null
                ? `${summary.profileLabel} · ${checkedAgo(summary.checkedAt, time)}`
                : 'Model Access Doctor'}
            </p>
          </div>
          <button
            ref={collapseButton}
            type="button"
            class="mad-icon-button"
            aria-expanded="true"
            aria-label="Hide the panel"
            title="Hide (Esc)"
            onClick={() => toggle(true)}
          >
            <Icon name="close" />
          </button>
        </header>
        <div class="mad-panel__body">
          <Body state={state} actions={actions} now={time} />
        </div>
        {canRecheck && (
          <footer class="mad-panel__footer">
            <button
              type="button"
              class="mad-button"
              data-action="recheck"
              disabled={state.running !== null}
              onClick={actions.recheckNow}
            >
              <Icon name="refresh" class={state.running !== null ? 'mad-spin' : undefined} />
              {summary === null ? 'Check now' : 'Re-check now'}
            </button>
            <p class="mad-panel__status" role="status" aria-live="polite">
              {statusLine(state)}
            </p>
          </footer>
        )}
      </section>
    </div>
  );
}
