// @vitest-environment node
/**
 * The paid checks: nothing is sent without the accepted estimate; the estimate is shown before; the checks read
 * the answers of the fake API through the real SDK over loopback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkOrganizationVerification,
  confirmModelWithRealRequest,
  defaultVerificationModel,
  estimatePaidCheckCost,
  PaidCheckNotAcceptedError,
} from '@/utils/probes';
import { CEILING_PRICE, MODEL_PRICES, PAID_CHECK_INPUT_TOKENS } from '@/utils/probes/costs';
import { FAKE_KEYS, type FakeApiServer, startFakeApi } from '../../fake-api';

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('estimatePaidCheckCost', () => {
  it('prices a 1-token chat request from the listed price', () => {
    const estimate = estimatePaidCheckCost('confirm', 'gpt-4o-mini');
    const price = MODEL_PRICES['gpt-4o-mini'];
    expect(price).toBeDefined();
    expect(estimate).toMatchObject({
      kind: 'confirm',
      model: 'gpt-4o-mini',
      endpoint: 'chat',
      inputTokens: PAID_CHECK_INPUT_TOKENS,
      outputTokens: 1,
      upperBound: false,
    });
    expect(estimate.usd).toBeCloseTo(
      ((price?.input ?? 0) * PAID_CHECK_INPUT_TOKENS + (price?.output ?? 0)) / 1e6,
      12,
    );
    expect(estimate.summary).toMatch(/\$0\.0000/);
    expect(estimate.pricesReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('budgets 16 output tokens on /v1/responses and for models the catalogue does not place', () => {
    expect(estimatePaidCheckCost('confirm', 'o3-pro')).toMatchObject({
      endpoint: 'responses',
      outputTokens: 16,
    });
    const unknown = estimatePaidCheckCost('confirm', 'some-future-model');
    expect(unknown).toMatchObject({ outputTokens: 16, upperBound: true });
    expect(unknown.usd).toBeCloseTo(
      (CEILING_PRICE.input * PAID_CHECK_INPUT_TOKENS + CEILING_PRICE.output * 16) / 1e6,
      12,
    );
    expect(unknown.summary).toMatch(/at most/);
  });

  it('never estimates less than a listed model costs (the ceiling is above every listed price)', () => {
    for (const price of Object.values(MODEL_PRICES)) {
      expect(CEILING_PRICE.input).toBeGreaterThanOrEqual(price.input);
      expect(CEILING_PRICE.output).toBeGreaterThanOrEqual(price.output);
    }
  });
});

describe('confirmModelWithRealRequest', () => {
  it('refuses to send anything without the accepted estimate for this check', async () => {
    server = await startFakeApi();
    const profile = { apiKey: FAKE_KEYS.tier3, baseUrl: server.baseUrl };
    await expect(
      confirmModelWithRealRequest(profile, 'gpt-4o-mini', {
        acceptedCost: estimatePaidCheckCost('confirm', 'gpt-4o'),
      }),
    ).rejects.toBeInstanceOf(PaidCheckNotAcceptedError);
    await expect(
      confirmModelWithRealRequest(profile, 'gpt-4o-mini', {
        acceptedCost: estimatePaidCheckCost('verification', 'gpt-4o-mini'),
      }),
    ).rejects.toBeInstanceOf(PaidCheckNotAcceptedError);
    expect(server.requests).toHaveLength(0);
  });

  it('sends one real 1-token request and confirms the model', async () => {
    server = await startFakeApi();
    const result = await confirmModelWithRealRequest(
      { apiKey: FAKE_KEYS.paramsfirst, baseUrl: server.baseUrl },
      'gpt-4o-mini',
      { acceptedCost: estimatePaidCheckCost('confirm', 'gpt-4o-mini') },
    );
    expect(result).toMatchObject({
      model: 'gpt-4o-mini',
      status: 'ok',
      category: 'ok',
      confidence: 'confirmed',
    });
    expect(result.evidence[0]).toMatchObject({ httpStatus: 200, path: '/chat/completions' });
    expect(server.requests).toHaveLength(1);
    const body = JSON.parse(server.requests[0]?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      model: 'gpt-4o-mini',
      max_tokens: 1,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(JSON.stringify(result)).not.toContain(FAKE_KEYS.paramsfirst);
  });

  it('reports a refusal through the diagnosis engine', async () => {
    server = await startFakeApi();
    const result = await confirmModelWithRealRequest(
      { apiKey: FAKE_KEYS.allowlist, baseUrl: server.baseUrl },
      'gpt-5.4',
      { acceptedCost: estimatePaidCheckCost('confirm', 'gpt-5.4') },
    );
    expect(result).toMatchObject({
      status: 'denied',
      category: 'model_access_denied',
      confidence: 'confirmed',
    });
  });

  it('uses 16 output tokens on a responses-only model', async () => {
    server = await startFakeApi();
    const result = await confirmModelWithRealRequest(
      { apiKey: FAKE_KEYS.tier3, baseUrl: server.baseUrl },
      'o3-pro',
      {
        acceptedCost: estimatePaidCheckCost('confirm', 'o3-pro'),
      },
    );
    expect(result).toMatchObject({ status: 'ok', endpoint: 'responses' });
    const body = JSON.parse(server.requests[0]?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'o3-pro', max_output_tokens: 16, input: 'Hi' });
  });
});

describe('checkOrganizationVerification', () => {
  it('picks a model that needs verification to stream', () => {
    const model = defaultVerificationModel();
    expect(model).toBeDefined();
  });

  it('says "not verified" when the streamed request asks for verification', async () => {
    server = await startFakeApi();
    const model = 'gpt-5';
    const result = await checkOrganizationVerification(
      { apiKey: FAKE_KEYS.unverified, baseUrl: server.baseUrl },
      { model, acceptedCost: estimatePaidCheckCost('verification', model) },
    );
    expect(result).toMatchObject({ model, verified: false });
    expect(result.diagnosis?.category).toBe('org_verification_required');
    expect(result.evidence[0]).toMatchObject({ httpStatus: 400, param: 'stream', code: 'unsupported_value' });
    const body = JSON.parse(server.requests[0]?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ stream: true, max_completion_tokens: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('says "verified" when the stream goes through', async () => {
    server = await startFakeApi();
    const model = 'gpt-5';
    const result = await checkOrganizationVerification(
      { apiKey: FAKE_KEYS.tier3, baseUrl: server.baseUrl },
      { model, acceptedCost: estimatePaidCheckCost('verification', model) },
    );
    expect(result).toMatchObject({ model, verified: true });
    expect(result.evidence[0]?.httpStatus).toBe(200);
  });

  it('says nothing about verification when the key itself is refused', async () => {
    server = await startFakeApi();
    const model = 'gpt-5';
    const result = await checkOrganizationVerification(
      { apiKey: FAKE_KEYS.invalid, baseUrl: server.baseUrl },
      { model, acceptedCost: estimatePaidCheckCost('verification', model) },
    );
    expect(result.verified).toBeNull();
    expect(result.diagnosis?.category).toBe('invalid_api_key');
    expect(JSON.stringify(result)).not.toContain(FAKE_KEYS.invalid);
  });

  it('refuses to run with an estimate for another model', async () => {
    server = await startFakeApi();
    await expect(
      checkOrganizationVerification(
        { apiKey: FAKE_KEYS.tier3, baseUrl: server.baseUrl },
        { model: 'gpt-5', acceptedCost: estimatePaidCheckCost('verification', 'o3') },
      ),
    ).rejects.toBeInstanceOf(PaidCheckNotAcceptedError);
    expect(server.requests).toHaveLength(0);
  });
});
