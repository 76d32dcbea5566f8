/**
 * The part of the panel that belongs to the page it sits on: credit on billing, the tier on limits, scopes on
 * API keys, verification on the organization page. Each reads one view from utils/platform/panel-views.
 */
import type { AccessSummary } from '@/utils/messages';
import {
  KEY_PERMISSION_LEVELS,
  KEY_PERMISSIONS_SOURCE,
  TIER_SOURCE,
  VERIFICATION_PROPAGATION_MINUTES,
  VERIFICATION_SOURCE,
} from '@/utils/platform/knowledge';
import { billingView, scopesView, tierView, verificationView } from '@/utils/platform/panel-views';
import type { PanelActions, PanelPage, RecheckRun } from '@/utils/platform/panel-state';
import { DEFAULT_RECHECK_DELAYS_MS, type ScheduleSnapshot } from '@/utils/platform/recheck-schedule';
import { listWithMore } from '@/utils/platform/report-diff';
import { Icon } from '../icons';
import { RunList } from './RunList';

function ExternalLink({ href, children }: { href: string; children: string }) {
  return (
    <a class="mad-panel__link" href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <Icon name="external" />
      <span class="mad-sr"> (opens in a new tab)</span>
    </a>
  );
}

/** "1 min", "15 min", "90 s", "2 s": the schedule's steps as the user reads them. */
export function formatDelay(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000) return `${Math.round(ms / 1000)} s`;
  return `${ms} ms`;
}

/** "0:45", "12:03": time left until a step. */
function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

const STEP_WORDS = {
  done: 'checked',
  failed: 'failed',
  skipped: 'not needed',
  running: 'checking…',
} as const;

function WatchSteps({ watch, now }: { watch: ScheduleSnapshot; now: number }) {
  return (
    <ol class="mad-watch__steps" aria-label="Automatic re-checks">
      {watch.steps.map((step) => (
        <li key={step.delayMs} class="mad-watch__step" data-step-state={step.state}>
          <span class="mad-watch__delay">{formatDelay(step.delayMs)}</span>
          <span class="mad-watch__state">
            {step.state === 'pending'
              ? // The tick may be a little older than the schedule's start: never count above the delay.
                `in ${formatCountdown(Math.min(step.dueAt - now, step.delayMs))}`
              : STEP_WORDS[step.state]}
          </span>
        </li>
      ))}
    </ol>
  );
}

export interface BillingSectionProps {
  summary: AccessSummary;
  watch: ScheduleSnapshot | null;
  runs: readonly RecheckRun[];
  now: number;
  actions: PanelActions;
}

/** "1 min, 5 min and 15 min": the default schedule, as the intro names it before it starts. */
const DEFAULT_SCHEDULE_WORDS = listWithMore(DEFAULT_RECHECK_DELAYS_MS.map(formatDelay), 5);

function WatchIntro({ blocked, watch }: { blocked: boolean; watch: ScheduleSnapshot | null }) {
  if (watch?.active === true) {
    return (
      <p class="mad-watch__intro">
        Access can take a few minutes to apply after you add credit. While this page stays open, we re-check
        by ourselves:
      </p>
    );
  }
  if (watch?.ended === 'resolved') {
    const found = watch.steps.filter((step) => step.state === 'done').at(-1);
    return (
      <p class="mad-watch__done">
        <Icon name="ok" /> Access is back
        {found !== undefined ? ` (found by the ${formatDelay(found.delayMs)} re-check)` : ''}.
      </p>
    );
  }
  if (watch?.ended === 'finished' && blocked) {
    return (
      <p class="mad-watch__intro">
        Still refused after the last re-check. If you just paid, check that the payment went through (billing
        history), then watch again.
      </p>
    );
  }
  if (!blocked) return null;
  return (
    <p class="mad-watch__intro">
      Added credit? Access can take a few minutes to apply. We can re-check by ourselves after{' '}
      {DEFAULT_SCHEDULE_WORDS} while this page stays open.
    </p>
  );
}

export function BillingSection({ summary, watch, runs, now, actions }: BillingSectionProps) {
  const view = billingView(summary);
  const blocked = view.state === 'exhausted';
  const watching = watch?.active === true;
  const scheduled = runs.filter((run) => run.trigger === 'scheduled');
  const showWatch = blocked || watch !== null;
  return (
    <section class="mad-section" data-section="billing" aria-labelledby="mad-billing-title">
      <h3 id="mad-billing-title" class="mad-section__title">
        Credit and access
      </h3>
      <p class="mad-callout" data-tone={view.state === 'ok' ? 'ok' : blocked ? 'bad' : 'neutral'}>
        <Icon name={view.state === 'ok' ? 'ok' : blocked ? 'denied' : 'unknown'} />
        <span>
          {view.headline}
          {view.code !== undefined && (
            <>
              {' '}
              <code>{view.code}</code>
            </>
          )}
        </span>
      </p>
      {showWatch ? (
        <div class="mad-watch" data-watch={watching ? 'active' : (watch?.ended ?? 'idle')}>
          <WatchIntro blocked={blocked} watch={watch} />
          {watch !== null && <WatchSteps watch={watch} now={now} />}
          {watching ? (
            <button type="button" class="mad-button mad-button--quiet" onClick={actions.stopWatch}>
              Stop re-checking
            </button>
          ) : blocked ? (
            <button type="button" class="mad-button" onClick={actions.startWatch}>
              {watch === null ? 'I just added credit' : 'Watch again'}
            </button>
          ) : null}
        </div>
      ) : (
        <p class="mad-panel__muted">
          Just added credit after an error?{' '}
          <button type="button" class="mad-text-button" onClick={actions.startWatch}>
            Re-check after {DEFAULT_SCHEDULE_WORDS}
          </button>
        </p>
      )}
      {scheduled.length > 0 && <RunList runs={scheduled} title="What changed" />}
    </section>
  );
}

export function LimitsSection({ summary, page }: { summary: AccessSummary; page: PanelPage }) {
  const view = tierView(summary);
  return (
    <section class="mad-section" data-section="limits" aria-labelledby="mad-limits-title">
      <h3 id="mad-limits-title" class="mad-section__title">
        Your usage tier
      </h3>
      <p class="mad-tier" data-tier={view.tier ?? 'unknown'}>
        <strong class="mad-tier__label">{view.label}</strong>
        <span class="mad-tier__hint">{view.tier === null ? 'no match in our table' : 'our estimate'}</span>
      </p>
      {view.evidence !== null ? (
        <p class="mad-evidence">
          <span class="mad-evidence__label">Evidence</span>
          <code>{view.evidence.reading}</code>
          <span class="mad-evidence__table">matches {view.evidence.table}</span>
        </p>
      ) : (
        view.note !== '' && <p class="mad-panel__muted">{view.note}</p>
      )}
      {view.next !== null && (
        <p class="mad-panel__text">
          Next: {view.next} (<ExternalLink href={TIER_SOURCE}>usage tiers</ExternalLink>).
        </p>
      )}
      {page.projectId !== undefined && (
        <p class="mad-panel__text">
          This page sets the limits and allowed models of project <code>{page.projectId}</code>. A model
          blocked here shows as refused below, even when your tier allows it.
        </p>
      )}
      {view.blockedModels.length > 0 && (
        <p class="mad-callout" data-tone="bad">
          <Icon name="denied" />
          <span>
            Refused for this project or tier: <code>{listWithMore(view.blockedModels)}</code>
          </span>
        </p>
      )}
    </section>
  );
}

export function ApiKeysSection({ summary }: { summary: AccessSummary }) {
  const view = scopesView(summary);
  return (
    <section class="mad-section" data-section="api-keys" aria-labelledby="mad-keys-title">
      <h3 id="mad-keys-title" class="mad-section__title">
        Key permissions
      </h3>
      <p class="mad-panel__text">
        Your key: <strong>{view.keyKindLabel}</strong>
      </p>
      {view.missing.length > 0 ? (
        view.missing.map(({ scope, fact }) => (
          <div key={scope} class="mad-callout" data-tone="bad" data-missing-scope={scope}>
            <Icon name="denied" />
            <span>
              Missing scope <code>{scope}</code>
              {fact !== undefined ? (
                <>
                  {' '}
                  — {fact.grants}. Edit the key, choose <strong>Restricted</strong>, and set{' '}
                  <strong>{fact.setting}</strong>.
                </>
              ) : (
                '.'
              )}
              {view.blockedModels.length > 0 && (
                <>
                  {' '}
                  Blocks <code>{listWithMore(view.blockedModels)}</code>.
                </>
              )}
            </span>
          </div>
        ))
      ) : (
        <p class="mad-callout" data-tone="ok">
          <Icon name="ok" />
          <span>No missing scope in the last check.</span>
        </p>
      )}
      <dl class="mad-levels">
        {KEY_PERMISSION_LEVELS.map((row) => (
          <div key={row.level} class="mad-levels__row">
            <dt>{row.level}</dt>
            <dd>{row.meaning}</dd>
          </div>
        ))}
      </dl>
      <p class="mad-panel__muted">
        Permission changes can take a few minutes to apply; revoking a key takes seconds.{' '}
        <ExternalLink href={KEY_PERMISSIONS_SOURCE}>Key permissions</ExternalLink>
      </p>
    </section>
  );
}

const VERIFICATION_WORDS = {
  verified: 'Verified',
  'not-verified': 'Not verified',
  'not-checked': 'Not checked',
} as const;

export function VerificationSection({
  summary,
  today,
  actions,
}: {
  summary: AccessSummary;
  today: string;
  actions: PanelActions;
}) {
  const view = verificationView(summary, today);
  const tone = view.state === 'verified' ? 'ok' : view.state === 'not-verified' ? 'bad' : 'neutral';
  return (
    <section class="mad-section" data-section="organization-general" aria-labelledby="mad-verify-title">
      <h3 id="mad-verify-title" class="mad-section__title">
        Organization verification
      </h3>
      <p class="mad-callout" data-tone={tone} data-verification={view.state}>
        <Icon
          name={view.state === 'verified' ? 'ok' : view.state === 'not-verified' ? 'denied' : 'unknown'}
        />
        <span>
          <strong>{VERIFICATION_WORDS[view.state]}</strong>
          {view.state === 'not-checked'
            ? ' — only a real call can tell: the verification check in the extension sends one paid 1-token request.'
            : ` — seen on ${view.seenOn.length > 0 ? listWithMore(view.seenOn) : 'your key'}.`}
        </span>
      </p>
      {view.state === 'not-checked' && (
        <button type="button" class="mad-button mad-button--quiet" onClick={actions.openPopup}>
          Open the verification check
        </button>
      )}
      <p class="mad-panel__text">Verification unlocks:</p>
      <ul class="mad-unlocks">
        {view.unlocksAlways.length > 0 && (
          <li>
            any use of <code>{view.unlocksAlways.join(', ')}</code>
          </li>
        )}
        {view.unlocksStreaming.length > 0 && (
          <li>
            streaming with <code>{view.unlocksStreaming.join(', ')}</code>
          </li>
        )}
      </ul>
      <p class="mad-panel__muted">
        After verifying, access can take up to {VERIFICATION_PROPAGATION_MINUTES} minutes to apply.{' '}
        <ExternalLink href={VERIFICATION_SOURCE}>About verification</ExternalLink>
      </p>
    </section>
  );
}

export function UsageSection() {
  return (
    <section class="mad-section" data-section="usage" aria-labelledby="mad-usage-title">
      <h3 id="mad-usage-title" class="mad-section__title">
        Reading usage against errors
      </h3>
      <p class="mad-panel__text">
        A 429 saying <q>exceeded your current quota</q> is about money: see Billing. A 429 saying{' '}
        <q>rate limit reached</q> is about speed: see Limits. Usage only shows what was spent.
      </p>
    </section>
  );
}
