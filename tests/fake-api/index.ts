/**
 * The fake api.openai.com (issue 4). Pure core, scenario table, node server; the Playwright adapter lives in
 * ./playwright.ts so unit tests never load Playwright types they do not need.
 */
export { chatModel, FAKE_MODELS, FAKE_TIERS, type FakeModel, type FakeTier, OTHER_LIMITS } from './catalogue';
export {
  answerFakeApi,
  createFakeState,
  type FakeAnswer,
  type FakeApiOptions,
  type FakeRequest,
  type FakeState,
  type FaultRule,
  formatDuration,
  requestedModel,
} from './core';
export {
  DEFAULT_ORGANIZATION,
  FAKE_KEYS,
  FAKE_PROJECT_ID,
  type FakeFault,
  type FakeKeyKind,
  fakeKey,
  SCENARIO_IDS,
  SCENARIOS,
  type ScenarioId,
  type ScenarioSpec,
  scenarioFromKey,
} from './scenarios';
export { type FakeApiServer, type RecordedRequest, type StartFakeApiOptions, startFakeApi } from './server';
