/**
 * The access matrix (DESIGN §2.3): a `<table>`, one `<tr data-model data-status data-category data-confidence>`
 * per model, `data-status="pending"` while its answer is awaited. A row opens to its diagnosis card in a detail row
 * right under it (that row carries no `data-model`, so checks that count model rows are not misled).
 */
import { type ComponentChildren, Fragment } from 'preact';
import { type MatrixRow, rowReason } from '@/utils/popup/access-view';
import { Icon, type IconName } from '../icons';
import { DiagnosisCard, EvidenceList } from './views';

const STATUS_WORDS = { ok: 'Usable', denied: 'Blocked', unknown: 'Unknown', pending: 'Checking' } as const;
const STATUS_ICONS: { readonly [S in MatrixRow['status']]: IconName } = {
  ok: 'ok',
  denied: 'denied',
  unknown: 'unknown',
  pending: 'pending',
};

export interface MatrixProps {
  rows: MatrixRow[];
  openModel: string | null;
  onToggle: (model: string) => void;
  /** Caption for screen readers ("Model access for Work key, checked 5 min ago"). */
  caption: string;
  /** Extra actions in an open row (the paid confirmation for an unknown model). */
  rowActions?: (row: MatrixRow) => ComponentChildren;
}

function rowDetailId(model: string): string {
  return `row-detail-${model.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function RowDetail({ row, actions }: { row: MatrixRow; actions: ComponentChildren }) {
  const result = row.result;
  if (result === null) return <p class="muted">{row.summary}</p>;
  if (result.diagnosis !== undefined) {
    return (
      <DiagnosisCard diagnosis={result.diagnosis} evidence={result.evidence} headingLevel={3}>
        {result.workaround !== undefined && (
          <p class="row-detail__workaround">
            Closest model this key can use: <code>{result.workaround}</code>
          </p>
        )}
        {actions}
      </DiagnosisCard>
    );
  }
  return (
    <div class="row-detail__plain">
      <p>
        {result.summary}{' '}
        <span class="muted">
          ({result.confidence === 'confirmed' ? 'confirmed by the API' : result.confidence}, via{' '}
          {result.endpoint === 'none'
            ? 'no endpoint'
            : `/${result.endpoint === 'chat' ? 'chat/completions' : 'responses'}`}
          )
        </span>
      </p>
      {result.evidence.length > 0 && <EvidenceList evidence={result.evidence} />}
      {actions}
    </div>
  );
}

export function Matrix({ rows, openModel, onToggle, caption, rowActions }: MatrixProps) {
  return (
    <table class="matrix">
      <caption class="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" class="matrix__col">
            Model
          </th>
          <th scope="col" class="matrix__col">
            Access
          </th>
          <th scope="col" class="matrix__col">
            Why
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => {
          const open = openModel === row.model;
          const canOpen = row.status !== 'pending';
          return (
            <Fragment key={row.model}>
              <tr
                class={`matrix__row${open ? ' matrix__row--open' : ''}${row.coveredByBanner ? ' matrix__row--covered' : ''}`}
                data-model={row.model}
                data-status={row.status}
                {...(row.category !== null ? { 'data-category': row.category } : {})}
                {...(row.confidence !== null ? { 'data-confidence': row.confidence } : {})}
                onClick={canOpen ? () => onToggle(row.model) : undefined}
              >
                <th scope="row" class="matrix__model">
                  {canOpen ? (
                    <button
                      type="button"
                      class="matrix__toggle"
                      aria-expanded={open}
                      aria-controls={open ? rowDetailId(row.model) : undefined}
                      onClick={(event) => {
                        // The row's own click handler toggles too; one toggle per click.
                        event.stopPropagation();
                        onToggle(row.model);
                      }}
                    >
                      <Icon name="chevron" class="matrix__chevron" />
                      <span
                        class="matrix__model-id"
                        {...(index === 0 ? { elementtiming: 'mad-first-row' } : {})}
                      >
                        {row.model}
                      </span>
                    </button>
                  ) : (
                    <span class="matrix__toggle matrix__toggle--static">
                      <span class="matrix__chevron-space" />
                      <span
                        class="matrix__model-id"
                        {...(index === 0 ? { elementtiming: 'mad-first-row' } : {})}
                      >
                        {row.model}
                      </span>
                    </span>
                  )}
                </th>
                <td class="matrix__status">
                  <span class={`status status--${row.status}`}>
                    <Icon
                      name={STATUS_ICONS[row.status]}
                      class={row.status === 'pending' ? 'spin' : undefined}
                    />
                    <span>{STATUS_WORDS[row.status]}</span>
                  </span>
                  {row.confidence === 'likely' && <span class="matrix__confidence">likely</span>}
                </td>
                <td class="matrix__why" title={row.summary}>
                  {rowReason(row)}
                </td>
              </tr>
              {open && (
                <tr class="matrix__detail">
                  <td colSpan={3} id={rowDetailId(row.model)}>
                    <RowDetail row={row} actions={rowActions?.(row) ?? null} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
