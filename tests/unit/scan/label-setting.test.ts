/**
 * The forum script reads the inline-label setting straight from storage (not through `settingsItem`, to stay
 * small): written through the real `settingsItem`, read through the reader, so a change of layout fails here.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  inlineLabelsFrom,
  readInlineLabels,
  type SettingsStorage,
  watchInlineLabels,
} from '@/components/tooltip/label-setting';
import { DEFAULT_SETTINGS, settingsItem } from '@/utils/storage';

const storageOf = () => fakeBrowser.storage as unknown as SettingsStorage;

describe('the inline-label setting in the forum script', () => {
  it('reads what settingsItem stored, and defaults to labels on', async () => {
    expect(await readInlineLabels(storageOf())).toBe(true);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, inlineLabels: false });
    expect(await readInlineLabels(storageOf())).toBe(false);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, inlineLabels: true });
    expect(await readInlineLabels(storageOf())).toBe(true);
  });

  it('follows changes made through settingsItem until it stops watching', async () => {
    const seen: boolean[] = [];
    const stop = watchInlineLabels(storageOf(), (visible) => seen.push(visible));
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, inlineLabels: false });
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, inlineLabels: true });
    stop();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, inlineLabels: false });
    expect(seen).toEqual([false, true]);
  });

  it('keeps labels on when storage fails or holds junk', async () => {
    const broken = {
      local: { get: vi.fn(async () => Promise.reject(new Error('storage gone'))) },
      onChanged: { addListener: vi.fn(), removeListener: vi.fn() },
    } as SettingsStorage;
    expect(await readInlineLabels(broken)).toBe(true);
    for (const junk of [null, undefined, 'off', 0, { inlineLabels: 'no' }, []]) {
      expect(inlineLabelsFrom(junk)).toBe(true);
    }
    expect(inlineLabelsFrom({ inlineLabels: false })).toBe(false);
  });
});
