/**
 * The diagnosis card: the same explanation everywhere (popup matrix, explain box, forum tooltip, platform panel).
 *
 * Styles: `./DiagnosisCard.css`, all under `.mad-card`, with its own colour variables and dark theme, so it works
 * in the popup and inside a page's shadow root (WXT `createShadowRootUi` with `cssInjectionMode: 'ui'` injects the
 * CSS a content script imports). Everything is text nodes: diagnosis fields can carry page or API text.
 */
import type { ComponentChildren } from 'preact';
import type { Diagnosis, ExtractedFields } from '@/utils/diagnosis/types';
import type { ProbeEvidence } from '@/utils/probes/types';
import { Icon } from '../icons';
import { categoryLook } from './categories';
import './DiagnosisCard.css';

export interface DiagnosisCardProps {
  diagnosis: Diagnosis;
  /** The requests a probe made for this answer (popup, "check with my key"). */
  evidence?: ProbeEvidence[];
  /** Heading level of the title, to fit the host's outline. Default 3. */
  headingLevel?: 2 | 3 | 4;
  /** Tooltips: hide causes and details behind a disclosure to stay small. */
  compact?: boolean;
  /** Actions under the steps ("Check with my key"). */
  children?: ComponentChildren;
}

const CONFIDENCE_WORDS = { high: 'Certain', medium: 'Likely', low: 'Possible' } as const;

/** Field labels in display order; absent fields are not shown. */
const FIELD_LABELS: ReadonlyArray<readonly [keyof ExtractedFields, string]> = [
  ['status', 'HTTP status'],
  ['type', 'Type'],
  ['code', 'Code'],
  ['param', 'Parameter'],
  ['model', 'Model'],
  ['organizationId', 'Organization'],
  ['projectId', 'Project'],
  ['requestId', 'Request id'],
  ['limit', 'Limit'],
  ['used', 'Used'],
  ['requested', 'Requested'],
  ['unit', 'Unit'],
  ['retryAfterSeconds', 'Retry after'],
];

/** Links only to https pages: catalogue URLs are ours, but the card must stay safe whatever it is given. */
export function safeHref(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** `platform.openai.com/settings/organization/billing` — what the user sees as the link's text. */
export function linkText(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

function formatField(name: keyof ExtractedFields, value: string | number): string {
  if (name === 'retryAfterSeconds' && typeof value === 'number') return `${value} s`;
  if (typeof value === 'number' && name !== 'status') return value.toLocaleString('en-US');
  return String(value);
}

type Level = 2 | 3 | 4 | 5;

function Heading({
  level,
  class: className,
  children,
}: {
  level: Level;
  class: string;
  children: ComponentChildren;
}) {
  if (level === 2) return <h2 class={className}>{children}</h2>;
  if (level === 3) return <h3 class={className}>{children}</h3>;
  if (level === 4) return <h4 class={className}>{children}</h4>;
  return <h5 class={className}>{children}</h5>;
}

export function EvidenceList({ evidence }: { evidence: ProbeEvidence[] }) {
  return (
    <ol class="mad-card__evidence">
      {evidence.map((entry, index) => (
        // Evidence entries have no id; their order is fixed for a given result.
        <li key={index}>
          <code>
            {entry.method} {entry.path}
          </code>{' '}
          <span class="mad-card__evidence-status">
            {entry.httpStatus === undefined ? 'no HTTP answer' : `→ ${entry.httpStatus}`}
            {entry.code !== undefined ? ` ${entry.code}` : entry.type !== undefined ? ` ${entry.type}` : ''}
          </span>
          <span class="mad-card__muted"> · {Math.round(entry.durationMs)} ms</span>
          {entry.requestId !== undefined && (
            <span class="mad-card__muted">
              {' '}
              · <code>{entry.requestId}</code>
            </span>
          )}
          {entry.message !== undefined && <q class="mad-card__quote">{entry.message}</q>}
        </li>
      ))}
    </ol>
  );
}

export function DiagnosisCard({
  diagnosis,
  evidence,
  headingLevel = 3,
  compact = false,
  children,
}: DiagnosisCardProps) {
  const look = categoryLook(diagnosis.category);
  // Section headings sit one level below the title, so the host page's outline stays intact.
  const subLevel = (headingLevel + 1) as Level;
  const fields = FIELD_LABELS.flatMap(([name, label]) => {
    const value = diagnosis.fields[name];
    return value === undefined || value === '' ? [] : [{ name, label, value: formatField(name, value) }];
  });
  const steps = diagnosis.steps;
  const hasDetails =
    fields.length > 0 ||
    (evidence !== undefined && evidence.length > 0) ||
    diagnosis.sources.length > 0 ||
    diagnosis.fields.message !== undefined;
  const causes =
    diagnosis.causes.length > 0 ? (
      <section class="mad-card__section">
        <Heading level={subLevel} class="mad-card__label">
          Likely causes
        </Heading>
        <ul class="mad-card__causes">
          {diagnosis.causes.map((cause) => (
            <li key={cause}>{cause}</li>
          ))}
        </ul>
      </section>
    ) : null;

  return (
    <article class="mad-card" data-tone={look.tone} data-card-category={diagnosis.category} data-mad-card="">
      <header class="mad-card__header">
        <span class="mad-card__badge">
          <Icon name={look.tone} />
          <span>{look.label}</span>
        </span>
        <span class="mad-card__confidence" title="How sure the diagnosis is">
          {CONFIDENCE_WORDS[diagnosis.confidence]}
        </span>
      </header>
      <Heading level={headingLevel} class="mad-card__title">
        {diagnosis.title}
      </Heading>
      <p class="mad-card__explanation">{diagnosis.explanation}</p>
      {diagnosis.suggestion !== undefined && !diagnosis.explanation.includes(diagnosis.suggestion.model) && (
        <p class="mad-card__suggestion">
          {diagnosis.suggestion.reason === 'spelling'
            ? 'Did you mean '
            : diagnosis.suggestion.reason === 'retired'
              ? 'Use its replacement: '
              : 'Use '}
          <code>{diagnosis.suggestion.model}</code>
          {diagnosis.suggestion.reason === 'spelling' ? '?' : '.'}
        </p>
      )}
      {!compact && causes}
      {steps.length > 0 && (
        <section class="mad-card__section">
          <Heading level={subLevel} class="mad-card__label">
            How to fix it
          </Heading>
          <ol class="mad-card__steps">
            {steps.map((step) => {
              const href = safeHref(step.url);
              return (
                <li key={step.text}>
                  <span>{step.text}</span>
                  {href !== null && (
                    <a class="mad-card__link" href={href} target="_blank" rel="noopener noreferrer">
                      <span class="mad-card__link-text">{linkText(href)}</span>
                      <Icon name="external" />
                      <span class="mad-card__sr">(opens in a new tab)</span>
                    </a>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {children !== undefined && <div class="mad-card__actions">{children}</div>}
      {(hasDetails || (compact && causes !== null)) && (
        <details class="mad-card__details">
          <summary>{compact ? 'More: causes, details, evidence' : 'Details and evidence'}</summary>
          {compact && causes}
          {diagnosis.fields.message !== undefined && (
            <blockquote class="mad-card__message">{diagnosis.fields.message}</blockquote>
          )}
          {fields.length > 0 && (
            <dl class="mad-card__fields">
              {fields.map((field) => (
                <div key={field.name} class="mad-card__field">
                  <dt>{field.label}</dt>
                  <dd>
                    <code>{field.value}</code>
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {evidence !== undefined && evidence.length > 0 && (
            <section class="mad-card__section">
              <Heading level={subLevel} class="mad-card__label">
                Requests made
              </Heading>
              <EvidenceList evidence={evidence} />
            </section>
          )}
          {diagnosis.sources.length > 0 && (
            <p class="mad-card__sources">
              Seen in:{' '}
              {diagnosis.sources.slice(0, 3).map((source, index) => {
                const href = safeHref(source);
                return (
                  <span key={source}>
                    {index > 0 && ', '}
                    {href === null ? (
                      source
                    ) : (
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        {new URL(href).host}
                      </a>
                    )}
                  </span>
                );
              })}
            </p>
          )}
        </details>
      )}
    </article>
  );
}
