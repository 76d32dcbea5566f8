/**
 * The diagnosis engine's public API (issue 3). Pure TypeScript, no browser APIs: the popup, the page scanners
 * and the probes all explain errors through these functions.
 */
export { CATALOGUE, CATALOGUE_REVIEWED, type CatalogueEntry } from './catalogue';
export { type ClassifyOptions, classify } from './classify';
export {
  closestUsableModel,
  defaultProbeModels,
  effectiveStatus,
  fineTuneBase,
  isOtherProviderModel,
  isPublishedModel,
  lookupModel,
  MODEL_CATALOGUE,
  MODEL_CATALOGUE_REVIEWED,
  type ModelInfo,
  suggestModelId,
} from './models';
export { keyKind, maskKey, parseKeyInput } from './keys';
export { mightContainError } from './precheck';
export { findKeyLikeStrings, redactKeys } from './redact';
export { type ErrorSpan, findErrorSpans } from './spans';
export * from './types';
