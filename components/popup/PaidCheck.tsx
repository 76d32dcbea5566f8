/**
 * A paid check, always in two steps: the estimated cost first (from the background's price table), then the
 * request only when the user accepts that figure. Off entirely until the user allows paid checks in Settings.
 */
import { useState } from 'preact/hooks';
import type { PaidCheckEstimate, PaidCheckKind } from '@/utils/probes/types';
import type { PopupApi } from './api';

export interface PaidCheckProps {
  api: PopupApi;
  profileId: string;
  kind: PaidCheckKind;
  /** Absent for verification: the background picks a model that needs it. */
  model?: string;
  consent: boolean;
  /** The first button's text ("Confirm with a real request", "Check verification"). */
  label: string;
}

type Step =
  | { step: 'idle' }
  | { step: 'estimating' }
  | { step: 'confirm'; estimate: PaidCheckEstimate }
  | { step: 'running'; estimate: PaidCheckEstimate }
  | { step: 'done'; summary: string }
  | { step: 'error'; reason: string };

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function PaidCheck({ api, profileId, kind, model, consent, label }: PaidCheckProps) {
  const [state, setState] = useState<Step>({ step: 'idle' });

  if (!consent) {
    return (
      <p class="muted paid-check__off">
        Paid checks are off. Allow them in Settings to confirm this with a real request.
      </p>
    );
  }

  async function estimate() {
    setState({ step: 'estimating' });
    try {
      const answer = await api.send(
        'page:paidCheckEstimate',
        model === undefined ? { kind } : { kind, model },
      );
      if (answer.estimate === null)
        setState({ step: 'error', reason: 'No model to run this check with is known.' });
      else setState({ step: 'confirm', estimate: answer.estimate });
    } catch (error: unknown) {
      setState({ step: 'error', reason: reasonOf(error) });
    }
  }

  async function run(accepted: PaidCheckEstimate) {
    setState({ step: 'running', estimate: accepted });
    try {
      const answer = await api.send('page:paidCheck', {
        profileId,
        kind,
        model: accepted.model,
        acceptedCost: accepted,
      });
      const summary = answer.verification?.summary ?? answer.result?.summary ?? 'Done.';
      setState({ step: 'done', summary });
    } catch (error: unknown) {
      setState({ step: 'error', reason: reasonOf(error) });
    }
  }

  return (
    <div class="paid-check" data-paid-check={kind} aria-live="polite">
      {(state.step === 'idle' || state.step === 'estimating') && (
        <button
          type="button"
          class="button button--small"
          onClick={estimate}
          disabled={state.step === 'estimating'}
        >
          {label} (paid)…
        </button>
      )}
      {(state.step === 'confirm' || state.step === 'running') && (
        <div class="paid-check__confirm">
          <p>
            This sends {state.estimate.summary.charAt(0).toLowerCase()}
            {state.estimate.summary.slice(1)}{' '}
            <span class="muted">Prices reviewed {state.estimate.pricesReviewed}.</span>
          </p>
          <div class="paid-check__actions">
            <button
              type="button"
              class="button button--primary button--small"
              onClick={() => run(state.estimate)}
              disabled={state.step === 'running'}
            >
              {state.step === 'running'
                ? 'Running…'
                : `Run it (${state.estimate.upperBound ? '≤' : '≈'} $${state.estimate.usd.toFixed(4)})`}
            </button>
            <button
              type="button"
              class="button button--small"
              onClick={() => setState({ step: 'idle' })}
              disabled={state.step === 'running'}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {state.step === 'done' && <p class="paid-check__done">{state.summary}</p>}
      {state.step === 'error' && (
        <p class="error-text" role="alert">
          {state.reason}
        </p>
      )}
    </div>
  );
}
