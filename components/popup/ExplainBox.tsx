/**
 * "Explain an error" (DESIGN §2.3): a `<textarea>` with that label; the result element carries
 * `data-explain-result` and `data-category` (`none` when the text holds no OpenAI error). The diagnosis appears
 * while the user pastes or types; the classifier runs in the background (it holds the catalogue), so the popup
 * stays small.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Diagnosis } from '@/utils/diagnosis/types';
import type { ModelResult } from '@/utils/probes/types';
import { explainDraftItem } from '@/utils/storage';
import { Icon } from '../icons';
import type { PopupApi } from './api';
// Static: this whole box is itself loaded on demand (views.ts), so the card comes with it.
import { DiagnosisCard } from '../diagnosis/DiagnosisCard';

/** Typing pauses this long before the text is explained; a paste is explained at once. */
const TYPING_DELAY_MS = 150;
/** The classifier reads this much at most (the background cuts there too); a 10 MB paste is not sent whole. */
const MAX_EXPLAIN_CHARS = 200_000;

type Explained =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'done'; diagnosis: Diagnosis | null }
  | { state: 'error'; reason: string };

type ModelCheck =
  | { state: 'idle' }
  | { state: 'checking'; model: string }
  | { state: 'done'; model: string; result: ModelResult }
  | { state: 'no-key' }
  | { state: 'error'; reason: string };

export interface ExplainBoxProps {
  api: PopupApi;
  /** An active profile with a key exists ("check this model with my key" is offered). */
  canCheck: boolean;
  onAddKey: () => void;
}

export function ExplainBox({ api, canCheck, onAddKey }: ExplainBoxProps) {
  const [text, setText] = useState('');
  const [explained, setExplained] = useState<Explained>({ state: 'idle' });
  const [check, setCheck] = useState<ModelCheck>({ state: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(0);

  function explain(value: string) {
    clearTimeout(timer.current);
    const request = ++latest.current;
    setCheck({ state: 'idle' });
    if (value.trim() === '') setExplained({ state: 'idle' });
    else setExplained((current) => (current.state === 'done' ? current : { state: 'working' }));
    // Sent even when empty: the background keeps the (redacted) draft, and an empty text clears it.
    api.send('page:explain', { text: value.slice(0, MAX_EXPLAIN_CHARS) }).then(
      ({ diagnosis }) =>
        request === latest.current && value.trim() !== '' && setExplained({ state: 'done', diagnosis }),
      (error: unknown) =>
        request === latest.current &&
        setExplained({ state: 'error', reason: error instanceof Error ? error.message : String(error) }),
    );
  }

  // Restore the draft (kept redacted by the background): the popup closes whenever the user clicks the page to copy the rest of an error.
  useEffect(() => {
    explainDraftItem.getValue().then(
      (draft) => {
        if (typeof draft === 'string' && draft !== '') {
          setText(draft);
          explain(draft);
        }
      },
      () => {},
    );
    return () => clearTimeout(timer.current);
  }, []);

  function onInput(value: string, pasted: boolean) {
    setText(value);
    clearTimeout(timer.current);
    if (pasted) explain(value);
    else timer.current = setTimeout(() => explain(value), TYPING_DELAY_MS);
  }

  async function checkModel(model: string) {
    setCheck({ state: 'checking', model });
    try {
      const answer = await api.send('content:checkModel', { model });
      setCheck(
        answer.state === 'no-key' ? { state: 'no-key' } : { state: 'done', model, result: answer.result },
      );
    } catch (error: unknown) {
      setCheck({ state: 'error', reason: error instanceof Error ? error.message : String(error) });
    }
  }

  const diagnosis = explained.state === 'done' ? explained.diagnosis : null;
  const model = diagnosis?.suggestion?.reason === 'spelling' ? undefined : diagnosis?.fields.model;

  return (
    <section class="explain">
      <div class="explain__head">
        <label id="explain-label" for="explain-text" class="section-title">
          Explain an error
        </label>
        {text !== '' && (
          <button
            type="button"
            class="button button--quiet button--small"
            onClick={() => {
              onInput('', true);
              document.getElementById('explain-text')?.focus();
            }}
          >
            Clear
          </button>
        )}
      </div>
      <textarea
        id="explain-text"
        class="explain__text"
        rows={2}
        spellcheck={false}
        placeholder="Paste an OpenAI error message, a log line or a traceback"
        value={text}
        onInput={(event) =>
          onInput(event.currentTarget.value, (event as InputEvent).inputType === 'insertFromPaste')
        }
      />
      <div class="explain__result-slot" aria-live="polite">
        {explained.state === 'working' && <p class="muted">Reading…</p>}
        {explained.state === 'error' && (
          <p class="error-text" role="alert">
            Could not explain it: {explained.reason}
          </p>
        )}
        {explained.state === 'done' && diagnosis === null && (
          <div data-explain-result="" data-category="none" class="explain__none">
            <Icon name="unknown" />
            <p>
              No OpenAI error found in this text. Paste the whole message, ideally with the status code (401,
              404, 429…) and the JSON body.
            </p>
          </div>
        )}
        {diagnosis !== null && (
          <div data-explain-result="" data-category={diagnosis.category}>
            <DiagnosisCard diagnosis={diagnosis} headingLevel={3}>
              {model !== undefined &&
                (canCheck ? (
                  <button
                    type="button"
                    class="button button--small"
                    onClick={() => checkModel(model)}
                    disabled={check.state === 'checking'}
                  >
                    {check.state === 'checking' ? `Checking ${model}…` : `Check ${model} with my key`}
                  </button>
                ) : (
                  <button type="button" class="button button--small" onClick={onAddKey}>
                    Add a key to check {model}
                  </button>
                ))}
              {diagnosis.suggestion !== undefined && canCheck && diagnosis.suggestion.model !== model && (
                <button
                  type="button"
                  class="button button--small"
                  onClick={() => checkModel(diagnosis.suggestion!.model)}
                  disabled={check.state === 'checking'}
                >
                  Check {diagnosis.suggestion.model} with my key
                </button>
              )}
            </DiagnosisCard>
            <CheckOutcome check={check} />
          </div>
        )}
      </div>
    </section>
  );
}

function CheckOutcome({ check }: { check: ModelCheck }) {
  if (check.state === 'idle' || check.state === 'checking') return null;
  if (check.state === 'no-key')
    return <p class="muted">No key is saved yet: add one above to check models.</p>;
  if (check.state === 'error') {
    return (
      <p class="error-text" role="alert">
        The check did not finish: {check.reason}
      </p>
    );
  }
  const { result } = check;
  return (
    <div
      class="explain__check"
      data-check-model={result.model}
      data-check-status={result.status}
      data-check-category={result.category}
      data-check-confidence={result.confidence}
    >
      <p>
        <span class={`status status--${result.status}`}>
          <Icon name={result.status === 'ok' ? 'ok' : result.status === 'denied' ? 'denied' : 'unknown'} />
          <span>
            <code>{result.model}</code> with your key:{' '}
            {result.status === 'ok' ? 'usable' : result.status === 'denied' ? 'blocked' : 'unknown'}
          </span>
        </span>
      </p>
      <p class="muted">{result.summary}</p>
      {result.workaround !== undefined && (
        <p class="muted">
          Closest model this key can use: <code>{result.workaround}</code>
        </p>
      )}
    </div>
  );
}
