/**
 * What a paid check costs, shown before it runs (issue 4): a real 1-token request spends the tokens of a tiny
 * prompt plus one output token (sixteen on /v1/responses, whose `max_output_tokens` minimum is 16).
 *
 * Prices are dated data. For a model not listed here the estimate uses a deliberate ceiling above every text
 * model price we know, so the figure shown is an upper bound, never an under-estimate.
 */
import { lookupModel } from '../diagnosis/models';
import type { PaidCheckEstimate, PaidCheckKind } from './types';

export interface ModelPrice {
  /** USD per 1M input tokens. */
  input: number;
  /** USD per 1M output tokens. */
  output: number;
  source: string;
}

export const PRICES_REVIEWED = '2026-11-24';

const MODEL_PAGE = (id: string) => `https://developers.openai.com/api/docs/models/${id}`;

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5.4': { input: 2.5, output: 15, source: MODEL_PAGE('gpt-5.4') },
  'gpt-5-mini': { input: 0.25, output: 2, source: MODEL_PAGE('gpt-5-mini') },
  'gpt-4o': { input: 2.5, output: 10, source: MODEL_PAGE('gpt-4o') },
  'gpt-4o-mini': { input: 0.15, output: 0.6, source: MODEL_PAGE('gpt-4o-mini') },
};

/** Above every per-token text price we know of (the o1-pro class is $150 / $600): an upper bound. */
export const CEILING_PRICE: ModelPrice = {
  input: 200,
  output: 800,
  source: 'ceiling: no listed price for this model',
};

/** A generous bound on the prompt of a paid check ("Hi" plus the chat template's own tokens). */
export const PAID_CHECK_INPUT_TOKENS = 20;
/** `/v1/responses` refuses `max_output_tokens` below 16 (its 400 says "Expected a value >= 16"). */
export const RESPONSES_MIN_OUTPUT_TOKENS = 16;

function priceFor(model: string): ModelPrice {
  const exact = MODEL_PRICES[model];
  if (exact) return exact;
  const base = lookupModel(model)?.id;
  return (base !== undefined ? MODEL_PRICES[base] : undefined) ?? CEILING_PRICE;
}

/** The cost of one paid check on `model`, to show (and have accepted) before running it. */
export function estimatePaidCheckCost(kind: PaidCheckKind, model: string): PaidCheckEstimate {
  const probe = lookupModel(model)?.probe;
  const endpoint = probe === 'responses' ? 'responses' : 'chat';
  // A model the catalogue does not place may turn out to be responses-only: budget for that switch.
  const outputTokens = probe === 'chat' ? 1 : RESPONSES_MIN_OUTPUT_TOKENS;
  const price = priceFor(model);
  const usd = (PAID_CHECK_INPUT_TOKENS * price.input + outputTokens * price.output) / 1_000_000;
  const bound = price === CEILING_PRICE ? 'at most' : 'about';
  const what =
    kind === 'verification'
      ? `one streaming request to ${model} (organization verification shows only on a real streamed call)`
      : `one real request to ${model}`;
  return {
    kind,
    model,
    endpoint,
    inputTokens: PAID_CHECK_INPUT_TOKENS,
    outputTokens,
    usd,
    upperBound: price === CEILING_PRICE,
    priceSource: price.source,
    pricesReviewed: PRICES_REVIEWED,
    summary: `${what}: up to ${PAID_CHECK_INPUT_TOKENS} input and ${outputTokens} output tokens, ${bound} $${usd.toFixed(4)}.`,
  };
}
