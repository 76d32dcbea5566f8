/**
 * The popup's parts that are not needed to paint cached results, split off and loaded on demand (and on idle
 * right after the first paint, so they are there when the user clicks). Keeps the JavaScript parsed before the
 * first paint under the 25 KB budget of issue 5 (`npm run bench:popup`).
 */
import { lazyComponent } from './lazy';

export const KeyForm = lazyComponent(() => import('./KeyForm').then((module) => module.KeyForm));
export const SettingsPanel = lazyComponent(() =>
  import('./SettingsPanel').then((module) => module.SettingsPanel),
);
export const ReportPanel = lazyComponent(() => import('./ReportPanel').then((module) => module.ReportPanel));
export const PaidCheck = lazyComponent(
  () => import('./PaidCheck').then((module) => module.PaidCheck),
  'none',
);
export const DiagnosisCard = lazyComponent(
  () => import('../diagnosis/DiagnosisCard').then((module) => module.DiagnosisCard),
  'card',
);
export const EvidenceList = lazyComponent(
  () => import('../diagnosis/DiagnosisCard').then((module) => module.EvidenceList),
  'none',
);

/** Visible in the first frame as a placeholder of its exact size; its code is fetched right away (see Popup). */
export const ExplainBox = lazyComponent(
  () => import('./ExplainBox').then((module) => module.ExplainBox),
  'explain',
);

export function preloadViews(): void {
  for (const view of [
    KeyForm,
    SettingsPanel,
    ReportPanel,
    PaidCheck,
    DiagnosisCard,
    EvidenceList,
    ExplainBox,
  ]) {
    view.preload().catch(() => {});
  }
}
