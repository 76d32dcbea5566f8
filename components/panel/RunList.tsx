/**
 * Finished re-checks and what each changed: "Credit: none left → available", "gpt-4o: refused → usable".
 */
import type { RecheckRun } from '@/utils/platform/panel-state';
import { groupChanges } from '@/utils/platform/report-diff';
import { Icon } from '../icons';

function timeOfDay(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}:${String(date.getSeconds()).padStart(2, '0')}`;
}

export function RunList({ runs, title }: { runs: readonly RecheckRun[]; title: string }) {
  return (
    <section class="mad-runs" aria-label={title}>
      <h4 class="mad-runs__title">{title}</h4>
      <ol class="mad-runs__list">
        {runs.map((run) => (
          <li
            key={run.at}
            class="mad-runs__run"
            data-run-trigger={run.trigger}
            data-run-changes={run.changes.length}
          >
            <span class="mad-runs__when">
              {timeOfDay(run.at)} · {run.trigger === 'scheduled' ? 'automatic' : 'on request'}
            </span>
            {run.error !== undefined ? (
              <span class="mad-runs__error">Re-check failed: {run.error}</span>
            ) : run.changes.length === 0 ? (
              <span class="mad-runs__none">No change</span>
            ) : (
              <ul class="mad-changes">
                {groupChanges(run.changes).map((change) => (
                  <li key={change.subject} class="mad-change" data-direction={change.direction}>
                    <Icon
                      name={
                        change.direction === 'better'
                          ? 'ok'
                          : change.direction === 'worse'
                            ? 'denied'
                            : 'unknown'
                      }
                    />
                    <span>
                      <strong title={change.models?.join(', ')}>{change.subject}</strong>: {change.before} →{' '}
                      {change.after}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
