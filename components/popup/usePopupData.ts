/**
 * The popup's view of stored state: read once at start (all items in parallel, so cached results paint at once)
 * and kept current through storage watches — progress of a running check arrives this way too.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import {
  activeProfileIdItem,
  type CachedReport,
  DEFAULT_SETTINGS,
  normalizeProfiles,
  normalizeReportCache,
  normalizeRuns,
  normalizeSettings,
  type ProfileMeta,
  profilesItem,
  type RunState,
  reportCacheItem,
  runsItem,
  type Settings,
  settingsItem,
} from '@/utils/storage';
import { storage } from 'wxt/utils/storage';

export interface PopupData {
  loaded: boolean;
  profiles: ProfileMeta[];
  activeProfileId: string | null;
  settings: Settings;
  reports: Record<string, CachedReport>;
  runs: Record<string, RunState>;
}

const INITIAL: PopupData = {
  loaded: false,
  profiles: [],
  activeProfileId: null,
  settings: DEFAULT_SETTINGS,
  reports: {},
  runs: {},
};

/**
 * One read per storage area (two in all) rather than one per item: this runs before the first paint. Values are
 * read raw and normalized, so a settings value an older version wrote reads correctly before its migration ran.
 */
export async function readPopupData(): Promise<PopupData> {
  const items = [profilesItem, activeProfileIdItem, settingsItem, reportCacheItem, runsItem];
  const values = await storage.getItems(items);
  const [profiles, activeProfileId, settings, reports, runs] = values.map((entry) => entry.value as unknown);
  return {
    loaded: true,
    profiles: normalizeProfiles(profiles),
    activeProfileId: typeof activeProfileId === 'string' ? activeProfileId : null,
    settings: normalizeSettings(settings),
    reports: normalizeReportCache(reports),
    runs: normalizeRuns(runs),
  };
}

/** `initial`: state read before the first render (entrypoints/popup/main.tsx), so the first frame has the rows. */
export function usePopupData(initial?: PopupData): PopupData {
  const [data, setData] = useState<PopupData>(initial ?? INITIAL);

  // A layout effect, not a plain one: the reads start before the first frame is painted instead of after it,
  // which is a frame sooner for the cached results (`npm run bench:popup`).
  useLayoutEffect(() => {
    let live = true;
    const update = (patch: Partial<PopupData>) => {
      if (live) setData((current) => ({ ...current, ...patch }));
    };
    // Watches first, so a change landing while the first read runs is not lost.
    const unwatch = [
      profilesItem.watch((value) => update({ profiles: normalizeProfiles(value) })),
      activeProfileIdItem.watch((value) =>
        update({ activeProfileId: typeof value === 'string' ? value : null }),
      ),
      settingsItem.watch((value) => update({ settings: normalizeSettings(value) })),
      reportCacheItem.watch((value) => update({ reports: normalizeReportCache(value) })),
      runsItem.watch((value) => update({ runs: normalizeRuns(value) })),
    ];
    // Read (again, when an initial state was given): a change landing between that read and these watches
    // would otherwise be missed.
    readPopupData().then(
      (first) => update(first),
      // Storage unreadable (should not happen): show the empty state rather than a blank popup.
      () => update({ loaded: true }),
    );
    return () => {
      live = false;
      for (const stop of unwatch) stop();
    };
  }, []);

  return data;
}
