/**
 * The panel's model list: one row per model with the same `data-*` hooks as the popup's access matrix
 * (DESIGN §2.3), so one end-to-end check reads both. A refused row opens to the shared diagnosis card.
 */
import { useState } from 'preact/hooks';
import type { ModelResult } from '@/utils/probes/types';
import type { ReportChange } from '@/utils/platform/report-diff';
import { DiagnosisCard } from '../diagnosis/DiagnosisCard';
import { Icon } from '../icons';

const STATUS_WORDS: Record<ModelResult['status'], string> = {
  ok: 'Usable',
  denied: 'Refused',
  unknown: 'Unknown',
};

export interface ModelRowsProps {
  models: readonly ModelResult[];
  /** Changes of the latest re-check, to mark the rows that moved. */
  changes: readonly ReportChange[];
}

export function ModelRows({ models, changes }: ModelRowsProps) {
  const [open, setOpen] = useState<string | null>(null);
  const changed = new Map(changes.filter((change) => change.model !== undefined).map((c) => [c.model, c]));
  if (models.length === 0) return <p class="mad-panel__muted">No models were checked.</p>;
  return (
    <table class="mad-models">
      <caption class="mad-sr">Models and whether your key can use them</caption>
      <colgroup>
        <col />
        <col class="mad-models__status-col" />
      </colgroup>
      <thead class="mad-sr">
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Access</th>
        </tr>
      </thead>
      <tbody>
        {models.map((result) => {
          const expandable = result.diagnosis !== undefined;
          const isOpen = open === result.model;
          const change = changed.get(result.model);
          const detailsId = `mad-model-${result.model.replace(/[^A-Za-z0-9_-]/g, '_')}`;
          return [
            <tr
              key={result.model}
              class="mad-models__row"
              data-model={result.model}
              data-status={result.status}
              data-category={result.category}
              data-confidence={result.confidence}
              data-changed={change === undefined ? undefined : change.direction}
            >
              <th scope="row" class="mad-models__model">
                {expandable ? (
                  <button
                    type="button"
                    class="mad-models__toggle"
                    aria-expanded={isOpen}
                    aria-controls={isOpen ? detailsId : undefined}
                    onClick={() => setOpen(isOpen ? null : result.model)}
                  >
                    <Icon name="chevron" class="mad-models__chevron" />
                    <code>{result.model}</code>
                  </button>
                ) : (
                  <code class="mad-models__id">{result.model}</code>
                )}
                {result.status !== 'ok' && <span class="mad-models__summary">{result.summary}</span>}
                {change !== undefined && (
                  <span class="mad-models__changed" data-direction={change.direction}>
                    was {change.before}
                  </span>
                )}
              </th>
              <td class="mad-models__status">
                <span class="mad-status-chip" data-status={result.status}>
                  <Icon
                    name={result.status === 'ok' ? 'ok' : result.status === 'denied' ? 'denied' : 'unknown'}
                  />
                  {STATUS_WORDS[result.status]}
                </span>
              </td>
            </tr>,
            isOpen && result.diagnosis !== undefined ? (
              <tr key={`${result.model}:details`} class="mad-models__details" id={detailsId}>
                <td colSpan={2}>
                  <DiagnosisCard
                    diagnosis={result.diagnosis}
                    evidence={result.evidence}
                    headingLevel={4}
                    compact
                  />
                </td>
              </tr>
            ) : null,
          ];
        })}
      </tbody>
    </table>
  );
}
