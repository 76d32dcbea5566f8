/**
 * The "Explain this OpenAI error" page: the text selected with the context menu, its diagnosis (the shared card),
 * and "check with my key" — the model it names, or the key itself when the error is about the key or credit.
 * Lives with the panel because it is the same in-context help, opened from any page instead of the platform.
 *
 * Stable hooks (DESIGN §2.3, as the popup's explain box): the result is `[data-explain-result]` with
 * `data-category` (`none` when the text holds no OpenAI error); a check's answer is `[data-check-result]`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Diagnosis } from '@/utils/diagnosis/types';
import type { AccessSummary, ContentAnswer } from '@/utils/messages';
import type { ModelResult } from '@/utils/probes/types';
import { DiagnosisCard } from '../diagnosis/DiagnosisCard';
import { BrandMark, Icon } from '../icons';
// The panel's stylesheet carries the shared look (colours, buttons, status chips); explain.css lays out the page.
import './panel.css';
import './explain.css';

export interface ExplainPageDeps {
  /** The selection handed over by the context menu, or `null` (page opened by hand, or the request expired). */
  loadSelection(): Promise<string | null>;
  explain(text: string): Promise<Diagnosis | null>;
  checkModel(model: string): Promise<ContentAnswer<{ result: ModelResult }>>;
  checkKey(): Promise<ContentAnswer<{ summary: AccessSummary }>>;
  openPopup(): Promise<unknown>;
}

/** Typing waits this long before asking for a diagnosis. */
const EXPLAIN_DELAY_MS = 200;

type CheckState =
  | { state: 'idle' }
  | { state: 'running'; what: string }
  | { state: 'no-key' }
  | { state: 'model'; result: ModelResult }
  | { state: 'key'; summary: AccessSummary }
  | { state: 'failed'; message: string };

type ExplainState =
  | { state: 'empty' }
  | { state: 'working' }
  | { state: 'done'; diagnosis: Diagnosis | null };

const STATUS_WORDS = { ok: 'Usable', denied: 'Refused', unknown: 'Unknown' } as const;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function ModelCheckResult({ result }: { result: ModelResult }) {
  return (
    <div
      class="mad-check"
      data-check-result=""
      data-model={result.model}
      data-status={result.status}
      data-category={result.category}
      data-confidence={result.confidence}
    >
      <p class="mad-check__line">
        <span class="mad-status-chip" data-status={result.status}>
          <Icon name={result.status === 'ok' ? 'ok' : result.status === 'denied' ? 'denied' : 'unknown'} />
          {STATUS_WORDS[result.status]}
        </span>{' '}
        <code>{result.model}</code> with your key — {result.summary}
      </p>
      {result.workaround !== undefined && (
        <p class="mad-check__line">
          Your key can use <code>{result.workaround}</code> instead.
        </p>
      )}
      {result.diagnosis !== undefined && (
        <DiagnosisCard diagnosis={result.diagnosis} evidence={result.evidence} headingLevel={3} compact />
      )}
    </div>
  );
}

function KeyCheckResult({ summary }: { summary: AccessSummary }) {
  const { key } = summary.report;
  const usable = summary.report.models.filter((result) => result.status === 'ok').length;
  const status =
    key.problem === undefined && key.valid === true ? 'ok' : key.valid === null ? 'unknown' : 'denied';
  return (
    <div
      class="mad-check"
      data-check-result=""
      data-status={status}
      data-category={key.problem?.category ?? 'ok'}
    >
      <p class="mad-check__line">
        <span class="mad-status-chip" data-status={status}>
          <Icon name={status === 'ok' ? 'ok' : status === 'denied' ? 'denied' : 'unknown'} />
          {status === 'ok' ? 'Key works' : status === 'denied' ? 'Key refused' : 'Not sure'}
        </span>{' '}
        {summary.profileLabel}: {usable} of {summary.report.models.length} models usable; credit{' '}
        {key.quota.state === 'ok' ? 'available' : key.quota.state === 'exhausted' ? 'used up' : 'unknown'}.
      </p>
      {key.problem !== undefined && (
        <DiagnosisCard diagnosis={key.problem.diagnosis} headingLevel={3} compact />
      )}
    </div>
  );
}

function CheckAction({
  diagnosis,
  check,
  onCheckModel,
  onCheckKey,
  onOpenPopup,
}: {
  diagnosis: Diagnosis;
  check: CheckState;
  onCheckModel: (model: string) => void;
  onCheckKey: () => void;
  onOpenPopup: () => void;
}) {
  const running = check.state === 'running';
  const model = diagnosis.fields.model;
  if (diagnosis.probe === 'model' && model !== undefined) {
    return (
      <button type="button" class="mad-button" disabled={running} onClick={() => onCheckModel(model)}>
        <Icon name="key" /> Check <code>{model}</code> with my key
      </button>
    );
  }
  if (diagnosis.probe === 'key' || diagnosis.probe === 'quota' || diagnosis.probe === 'model') {
    return (
      <button type="button" class="mad-button" disabled={running} onClick={onCheckKey}>
        <Icon name="key" /> Check my key
      </button>
    );
  }
  if (diagnosis.probe === 'verification') {
    return (
      <>
        <button type="button" class="mad-button mad-button--quiet" onClick={onOpenPopup}>
          Open the verification check
        </button>
        <span class="mad-explain__hint">
          Only a real (paid, 1-token) request can tell; the popup asks first.
        </span>
      </>
    );
  }
  return (
    <span class="mad-explain__hint">This is about the request itself: a key check would not tell more.</span>
  );
}

export function ExplainPage({ deps }: { deps: ExplainPageDeps }) {
  const [text, setText] = useState('');
  const [fromSelection, setFromSelection] = useState(false);
  const [explained, setExplained] = useState<ExplainState>({ state: 'empty' });
  const [check, setCheck] = useState<CheckState>({ state: 'idle' });
  const [loadError, setLoadError] = useState<string | null>(null);
  // Only the newest request's answer counts when the user types faster than the background answers.
  const latest = useRef(0);

  useEffect(() => {
    deps.loadSelection().then(
      (selection) => {
        if (selection !== null && selection !== '') {
          setText(selection);
          setFromSelection(true);
        }
      },
      (error: unknown) => setLoadError(errorText(error)),
    );
  }, [deps]);

  useEffect(() => {
    const trimmed = text.trim();
    const mine = ++latest.current;
    setCheck({ state: 'idle' });
    if (trimmed === '') {
      setExplained({ state: 'empty' });
      return;
    }
    setExplained((previous) => (previous.state === 'done' ? previous : { state: 'working' }));
    const timer = setTimeout(() => {
      deps.explain(trimmed).then(
        (diagnosis) => {
          if (mine === latest.current) setExplained({ state: 'done', diagnosis });
        },
        (error: unknown) => {
          if (mine === latest.current) setLoadError(errorText(error));
        },
      );
    }, EXPLAIN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, deps]);

  const runCheck = (what: string, run: () => Promise<CheckState>) => {
    setCheck({ state: 'running', what });
    run().then(setCheck, (error: unknown) => setCheck({ state: 'failed', message: errorText(error) }));
  };
  const onCheckModel = (model: string) =>
    runCheck(model, async () => {
      const answer = await deps.checkModel(model);
      return answer.state === 'no-key' ? { state: 'no-key' } : { state: 'model', result: answer.result };
    });
  const onCheckKey = () =>
    runCheck('your key', async () => {
      const answer = await deps.checkKey();
      return answer.state === 'no-key' ? { state: 'no-key' } : { state: 'key', summary: answer.summary };
    });
  const onOpenPopup = () => {
    deps.openPopup().catch((error: unknown) => setLoadError(errorText(error)));
  };

  const diagnosis = explained.state === 'done' ? explained.diagnosis : null;
  return (
    <main class="mad-root mad-explain">
      <header class="mad-explain__header">
        <BrandMark class="mad-explain__mark" size={28} />
        <div>
          <h1 class="mad-explain__title">Explain this OpenAI error</h1>
          <p class="mad-explain__subtitle">Model Access Doctor</p>
        </div>
      </header>

      <label class="mad-explain__label" for="mad-explain-text">
        Error text
      </label>
      <textarea
        id="mad-explain-text"
        class="mad-explain__text"
        rows={6}
        spellcheck={false}
        placeholder="Paste an OpenAI error here: a JSON body, an SDK exception, a log line…"
        value={text}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setFromSelection(false);
        }}
      />
      <p class="mad-explain__hint">
        {fromSelection
          ? 'From your selection. Anything shaped like an API key was masked before it was stored.'
          : 'Nothing you type here leaves the extension: the diagnosis runs in your browser.'}
      </p>
      {loadError !== null && (
        <p class="mad-explain__error" role="alert">
          {loadError}
        </p>
      )}

      <section
        class="mad-explain__result"
        data-explain-result=""
        data-category={diagnosis?.category ?? 'none'}
        data-state={explained.state}
        aria-live="polite"
      >
        {explained.state === 'empty' && (
          <p class="mad-explain__hint">
            Select error text on any page, right-click, and choose "Explain this OpenAI error" — or paste it
            above.
          </p>
        )}
        {explained.state === 'working' && <p class="mad-explain__hint">Reading the error…</p>}
        {explained.state === 'done' && diagnosis === null && (
          <p class="mad-explain__none">
            <Icon name="unknown" /> No OpenAI error found in this text.
          </p>
        )}
        {diagnosis !== null && (
          <DiagnosisCard diagnosis={diagnosis} headingLevel={2}>
            <CheckAction
              diagnosis={diagnosis}
              check={check}
              onCheckModel={onCheckModel}
              onCheckKey={onCheckKey}
              onOpenPopup={onOpenPopup}
            />
          </DiagnosisCard>
        )}
      </section>

      <section class="mad-explain__check" aria-live="polite">
        {check.state === 'running' && (
          <p class="mad-explain__hint">
            <Icon name="pending" class="mad-spin" /> Checking {check.what} with your key (no billable
            request)…
          </p>
        )}
        {check.state === 'no-key' && (
          <div class="mad-check" data-check-result="" data-status="no-key">
            <p class="mad-check__line">
              No API key is saved yet. Add one in Model Access Doctor to check this error.
            </p>
            <button type="button" class="mad-button" onClick={onOpenPopup}>
              <Icon name="key" /> Open Model Access Doctor
            </button>
          </div>
        )}
        {check.state === 'failed' && (
          <p class="mad-explain__error" data-check-result="" data-status="failed" role="alert">
            The check failed: {check.message}
          </p>
        )}
        {check.state === 'model' && <ModelCheckResult result={check.result} />}
        {check.state === 'key' && <KeyCheckResult summary={check.summary} />}
      </section>
    </main>
  );
}
