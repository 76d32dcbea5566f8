/**
 * The one setting the forum script reads: whether inline labels are shown. Read straight from extension
 * storage rather than through `settingsItem` (utils/storage.ts): importing that module brings WXT's storage
 * library (about 3.5 KB gzip) into a content script that needs a single boolean, and the content script's
 * size is a target (issue 6). The layout read here is the one `settingsItem` writes ('local:settings' is the
 * key `settings` of `storage.local`); tests/unit/scan/label-setting.test.ts writes through `settingsItem` and
 * reads through this, so a change there fails here. Nothing else is read: never a key (DESIGN §1).
 */

/** The parts of `browser.storage` used here. */
export interface SettingsStorage {
  local: { get(key: string): Promise<Record<string, unknown>> };
  onChanged: {
    addListener(listener: StorageChangeListener): void;
    removeListener(listener: StorageChangeListener): void;
  };
}

type StorageChangeListener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => void;

const SETTINGS_KEY = 'settings';

/** Labels stay on unless the stored settings turn them off: a missing or damaged value keeps the default. */
export function inlineLabelsFrom(settings: unknown): boolean {
  return (settings as { inlineLabels?: unknown } | null | undefined)?.inlineLabels !== false;
}

/** The stored choice; on a storage failure, the default (labels on). */
export async function readInlineLabels(extensionStorage: SettingsStorage): Promise<boolean> {
  try {
    return inlineLabelsFrom((await extensionStorage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  } catch {
    return true;
  }
}

/** Calls `onChange` whenever the settings change; returns the function that stops watching. */
export function watchInlineLabels(
  extensionStorage: SettingsStorage,
  onChange: (visible: boolean) => void,
): () => void {
  const listener: StorageChangeListener = (changes, areaName) => {
    const change = changes[SETTINGS_KEY];
    if (areaName === 'local' && change !== undefined) onChange(inlineLabelsFrom(change.newValue));
  };
  extensionStorage.onChanged.addListener(listener);
  return () => extensionStorage.onChanged.removeListener(listener);
}
