/**
 * What the forum tooltip shows for one highlight: the shared diagnosis card (several errors in one code block
 * get tabs), a note for quoted text, the leaked-key warning, and "Check with my key" with its result.
 * Everything is rendered as text nodes: diagnoses and probe results carry page and API text.
 */
import { DiagnosisCard } from '@/components/diagnosis/DiagnosisCard';
import { Icon } from '@/components/icons';
import type { Diagnosis } from '@/utils/diagnosis/types';
import type { ModelResult } from '@/utils/probes/types';
import { type CheckState, modelToCheck } from './check';
import './tooltip.css';

/** Where a leaked key is revoked (current URL; DESIGN §4). */
export const API_KEYS_URL = 'https://platform.openai.com/api-keys';

export interface TooltipView {
  diagnoses: readonly Diagnosis[];
  leakedKeys: number;
  quoted: boolean;
}

export interface TooltipContentProps {
  view: TooltipView;
  theme: 'light' | 'dark';
  selected: number;
  onSelect: (index: number) => void;
  /** Check states by model id. */
  checks: ReadonlyMap<string, CheckState>;
  onCheck: (model: string) => void;
  onOpenPopup: () => void;
  onClose: () => void;
}

const STATUS_WORDS: Record<ModelResult['status'], string> = {
  ok: 'Your key can use',
  denied: 'Your key cannot use',
  unknown: 'Could not tell whether your key can use',
};

function CheckResult({ model, result }: { model: string; result: ModelResult }) {
  const icon = result.status === 'ok' ? 'ok' : result.status === 'denied' ? 'denied' : 'unknown';
  return (
    <div
      class="mad-tip__result"
      data-mad-result=""
      data-model={model}
      data-status={result.status}
      data-category={result.category}
      data-confidence={result.confidence}
      role="status"
    >
      <p class="mad-tip__result-line">
        <Icon name={icon} />
        <span>
          {STATUS_WORDS[result.status]} <code>{result.model}</code>
        </span>
      </p>
      <p class="mad-tip__result-summary">{result.summary}</p>
      {result.diagnosis !== undefined && result.diagnosis.title !== result.summary && (
        <p class="mad-tip__result-summary">
          <strong>{result.diagnosis.title}.</strong> {result.diagnosis.steps[0]?.text ?? ''}
        </p>
      )}
      {result.workaround !== undefined && (
        <p class="mad-tip__result-summary">
          Closest model this key can use: <code>{result.workaround}</code>
        </p>
      )}
    </div>
  );
}

function CheckArea(props: {
  diagnosis: Diagnosis;
  checks: ReadonlyMap<string, CheckState>;
  onCheck: (model: string) => void;
  onOpenPopup: () => void;
}) {
  const model = modelToCheck(props.diagnosis);
  if (model === null) {
    return (
      <p class="mad-tip__muted" data-mad-no-check="">
        Your key cannot confirm this one: it is about the request or the connection, not your account.
      </p>
    );
  }
  const check = props.checks.get(model);
  if (check === undefined || check.state === 'failed') {
    return (
      <div class="mad-tip__check">
        <button
          type="button"
          class="mad-tip__button mad-tip__button--primary"
          data-mad-check={model}
          onClick={() => props.onCheck(model)}
        >
          <Icon name="key" />
          <span>
            Check <code>{model}</code> with my key
          </span>
        </button>
        {check?.state === 'failed' && (
          <p class="mad-tip__error" role="alert">
            Could not check: {check.message}
          </p>
        )}
        <p class="mad-tip__fine">
          Only the model id goes to the extension; your key never touches this page.
        </p>
      </div>
    );
  }
  if (check.state === 'pending') {
    return (
      <div class="mad-tip__check">
        <button
          type="button"
          class="mad-tip__button mad-tip__button--primary"
          disabled
          aria-busy="true"
          data-mad-check={model}
        >
          <Icon name="pending" class="mad-tip__spin" />
          <span>
            Checking <code>{model}</code>…
          </span>
        </button>
      </div>
    );
  }
  if (check.state === 'no-key') {
    return (
      <div class="mad-tip__check" data-mad-no-key="">
        <p class="mad-tip__muted">
          No API key saved yet. Add one in the extension to check this with your own key.
        </p>
        <button
          type="button"
          class="mad-tip__button mad-tip__button--primary"
          data-mad-open-popup=""
          onClick={props.onOpenPopup}
        >
          <Icon name="plus" />
          <span>Add a key</span>
        </button>
      </div>
    );
  }
  return (
    <div class="mad-tip__check">
      <CheckResult model={model} result={check.result} />
      <button
        type="button"
        class="mad-tip__button"
        data-mad-check={model}
        onClick={() => props.onCheck(model)}
      >
        <Icon name="refresh" />
        <span>Check again</span>
      </button>
    </div>
  );
}

export function TooltipContent(props: TooltipContentProps) {
  const { view } = props;
  const diagnosis = view.diagnoses[props.selected] ?? view.diagnoses[0];
  const label = diagnosis ? diagnosis.title : 'Possible live API key';
  return (
    <div
      class="mad-tip"
      role="dialog"
      aria-label={`Model Access Doctor: ${label}`}
      data-mad-theme={props.theme}
      data-mad-tooltip=""
      tabIndex={-1}
    >
      <div class="mad-tip__bar">
        <span class="mad-tip__brand">Model Access Doctor</span>
        <button type="button" class="mad-tip__close" aria-label="Close" onClick={props.onClose}>
          <Icon name="close" />
        </button>
      </div>
      <div class="mad-tip__body">
        {view.leakedKeys > 0 && (
          <section class="mad-tip__leak" data-mad-leak="">
            <p class="mad-tip__leak-title">
              <Icon name="key" />
              <strong>This looks like a live API key — if it is yours, revoke it now.</strong>
            </p>
            <p>
              Anyone who reads this post can use it and spend your credit. Delete it on the API keys page and
              create a new one; editing the post does not undo the leak.{' '}
              <a href={API_KEYS_URL} target="_blank" rel="noopener noreferrer">
                platform.openai.com/api-keys
              </a>
            </p>
            <p class="mad-tip__fine">Checked on this page only: nothing about the key is sent anywhere.</p>
          </section>
        )}
        {view.quoted && diagnosis !== undefined && (
          <p class="mad-tip__note">
            Quoted from another post or a link preview: it may not be this poster’s own error.
          </p>
        )}
        {view.diagnoses.length > 1 && (
          <div class="mad-tip__tabs" role="tablist" aria-label="Errors in this block">
            {view.diagnoses.map((item, index) => (
              <button
                key={`${item.entryId}-${item.title}`}
                type="button"
                role="tab"
                aria-selected={index === props.selected}
                class="mad-tip__tab"
                onClick={() => props.onSelect(index)}
              >
                {item.title}
              </button>
            ))}
          </div>
        )}
        {diagnosis !== undefined && <DiagnosisCard diagnosis={diagnosis} compact headingLevel={3} />}
      </div>
      {diagnosis !== undefined && (
        // Outside the scrolling body: the check stays in view however long the explanation is.
        <div class="mad-tip__footer">
          <CheckArea
            diagnosis={diagnosis}
            checks={props.checks}
            onCheck={props.onCheck}
            onOpenPopup={props.onOpenPopup}
          />
        </div>
      )}
    </div>
  );
}
