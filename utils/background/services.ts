/**
 * The parts the background's handlers are built from. Real implementations here; tests replace any of them.
 */
import { browser } from 'wxt/browser';
import {
  classify,
  defaultProbeModels,
  type ErrorSpan,
  findErrorSpans,
  maskKey,
  parseKeyInput,
  redactKeys,
} from '../diagnosis';
import type { ParsedKeyInput } from '../diagnosis/keys';
import type { Diagnosis } from '../diagnosis/types';
import {
  checkOrganizationVerification,
  confirmModelWithRealRequest,
  defaultVerificationModel,
  estimatePaidCheckCost,
  runProbe,
} from '../probes';
import type { RunProbe } from './run-manager';

export interface BackgroundServices {
  runProbe: RunProbe;
  estimatePaidCheckCost: typeof estimatePaidCheckCost;
  confirmModelWithRealRequest: typeof confirmModelWithRealRequest;
  checkOrganizationVerification: typeof checkOrganizationVerification;
  defaultVerificationModel: typeof defaultVerificationModel;
  classify: (text: string) => Diagnosis | null;
  /** The errors in one block of page text, with where they are (the page scanners' `content:findErrors`). */
  findErrorSpans: (text: string) => ErrorSpan[];
  parseKeyInput: (raw: string) => ParsedKeyInput;
  maskKey: (key: string) => string;
  redactKeys: (text: string, options?: { maskIds?: boolean }) => string;
  defaultProbeModels: () => string[];
  now: () => number;
  newId: () => string;
  hasHostPermission: (origin: string) => Promise<boolean>;
  /** Opens the popup, or the popup page in a tab where a popup cannot be opened. */
  openPopup: () => Promise<boolean>;
  log: (text: string) => void;
}

/**
 * `action.openPopup()` needs a focused normal window and, in some Chrome versions, a user gesture; Firefox MV2 has
 * it on `browserAction`. When it is missing or refuses, the popup page opens in a tab: same UI, always works.
 */
async function openPopupOrTab(): Promise<boolean> {
  const action = browser.action ?? browser.browserAction;
  try {
    if (action !== undefined && typeof action.openPopup === 'function') {
      await action.openPopup();
      return true;
    }
  } catch {
    // Fall through to the tab.
  }
  await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
  return true;
}

export function realServices(log: (text: string) => void): BackgroundServices {
  return {
    runProbe,
    estimatePaidCheckCost,
    confirmModelWithRealRequest,
    checkOrganizationVerification,
    defaultVerificationModel,
    classify: (text) => classify(text),
    findErrorSpans,
    parseKeyInput,
    maskKey,
    redactKeys,
    defaultProbeModels,
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    hasHostPermission: (origin) => browser.permissions.contains({ origins: [origin] }),
    openPopup: openPopupOrTab,
    log,
  };
}
