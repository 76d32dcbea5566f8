/**
 * The toolbar popup: key profiles, the access matrix, "Explain an error", the report and settings.
 *
 * State comes from storage (usePopupData) so cached results paint before the background has even woken up;
 * everything that writes or touches a key goes through the background (PopupApi.send).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { selectAccessView } from '@/utils/popup/access-view';
import { type ProfileMeta, pickActiveProfile } from '@/utils/storage';
import { Icon } from '../icons';
import { AccessPanel } from './AccessPanel';
import { defaultPopupApi, type PopupApi } from './api';
import { type PopupData, usePopupData } from './usePopupData';
import { ExplainBox, KeyForm, preloadViews, ReportPanel, SettingsPanel } from './views';

// The explain box shows in the first frame as a placeholder of its size; its code comes in parallel with the
// stored state instead of delaying the cached results.
ExplainBox.preload().catch(() => {});

type View = 'main' | 'add-key' | 'edit-key' | 'settings' | 'report';

const VIEW_TITLES: { readonly [V in Exclude<View, 'main'>]: string } = {
  'add-key': 'Add an API key',
  'edit-key': 'Edit key',
  settings: 'Settings',
  report: 'Report',
};

const KEY_KIND_SHORT = {
  project: 'project key',
  service_account: 'service account',
  admin: 'admin key',
  legacy: 'legacy key',
  unknown: 'key',
} as const;

/** Marks the first paint of cached results, for `npm run bench:popup`. */
export const CACHED_PAINT_MARK = 'mad:cached-results-painted';

export interface PopupProps {
  api?: PopupApi;
  /** Stored state read before the first render, so cached results are in the very first frame. */
  initialData?: PopupData;
}

export function Popup({ api: injectedApi, initialData }: PopupProps) {
  const api = useMemo(() => injectedApi ?? defaultPopupApi(), [injectedApi]);
  const data = usePopupData(initialData);
  const [view, setView] = useState<View>('main');
  const [keyPresence, setKeyPresence] = useState<Record<string, boolean>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const marked = useRef(false);
  // Which control opened the current view: focus goes back to it on return (its element was re-created).
  const returnFocus = useRef<string | null>(null);
  const previousView = useRef<View>('main');

  /** Opens a view and remembers the control (its `data-focus-key`) to return focus to. */
  function openView(next: View, from: string | null) {
    returnFocus.current = from;
    setView(next);
  }

  const profile = pickActiveProfile(data.profiles, data.activeProfileId);
  const accessView = useMemo(
    () =>
      selectAccessView({
        profile,
        cache: profile === null ? undefined : data.reports[profile.id],
        run: profile === null ? undefined : data.runs[profile.id],
      }),
    [profile, data.reports, data.runs],
  );
  // Until the background has answered, assume the key is there (the common case) rather than flash a warning.
  const hasKey = profile === null ? false : (keyPresence[profile.id] ?? true);

  // Ask which keys are present whenever the profile list changes (a session-only key disappears on restart).
  useEffect(() => {
    if (!data.loaded || data.profiles.length === 0) return;
    let live = true;
    api.send('page:keyPresence', {}).then(
      ({ present }) => live && setKeyPresence(present),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, data.loaded, data.profiles]);

  useEffect(() => {
    if (marked.current || !data.loaded) return;
    marked.current = true;
    if (accessView.rows.length > 0) performance.mark(CACHED_PAINT_MARK);
  }, [data.loaded, accessView.rows.length]);

  // The other views load once the first paint is done, so opening them later is instant.
  useEffect(() => {
    if (!data.loaded) return;
    const idle = setTimeout(preloadViews, 150);
    return () => clearTimeout(idle);
  }, [data.loaded]);

  // Move focus to the new view's heading, so keyboard and screen-reader users land where the content changed.
  useEffect(() => {
    if (view !== 'main') heading.current?.focus();
    else if (previousView.current !== 'main' && returnFocus.current !== null) {
      document.querySelector<HTMLElement>(`[data-focus-key="${returnFocus.current}"]`)?.focus();
      returnFocus.current = null;
    }
    previousView.current = view;
    setConfirmDelete(false);
  }, [view]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && view !== 'main') {
        event.preventDefault();
        setView('main');
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [view]);

  async function switchProfile(value: string) {
    if (value === '__add') {
      openView('add-key', 'profile-select');
      return;
    }
    await api.send('page:setActiveProfile', { profileId: value }).catch(() => {});
  }

  async function deleteActive(target: ProfileMeta) {
    await api.send('page:deleteProfile', { profileId: target.id });
    setView('main');
  }

  const onSaved = () => {
    setView('main');
    api.send('page:keyPresence', {}).then(
      ({ present }) => setKeyPresence(present),
      () => {},
    );
  };

  const cache = profile === null ? undefined : data.reports[profile.id];

  return (
    <div class="app" data-view={view} data-loaded={data.loaded ? 'true' : 'false'}>
      <header class="app__header">
        {view === 'main' ? (
          <>
            <h1 class="app__title">
              <img src="/icon-32.png" alt="" width="20" height="20" />
              Model Access Doctor
            </h1>
            {data.profiles.length > 0 && profile !== null && (
              <select
                class="profile-select"
                data-focus-key="profile-select"
                aria-label="Key profile"
                value={profile.id}
                onChange={(event) => switchProfile(event.currentTarget.value)}
              >
                {data.profiles.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {entry.label}
                  </option>
                ))}
                <option value="__add">＋ Add another key…</option>
              </select>
            )}
            <button
              type="button"
              class="icon-button"
              aria-label="Settings"
              title="Settings"
              data-focus-key="settings"
              onClick={() => openView('settings', 'settings')}
            >
              <Icon name="settings" />
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              class="icon-button"
              aria-label="Back"
              title="Back (Esc)"
              onClick={() => setView('main')}
            >
              <Icon name="back" />
            </button>
            <h2 class="app__title app__title--view" tabIndex={-1} ref={heading}>
              {VIEW_TITLES[view]}
            </h2>
          </>
        )}
      </header>

      <main class="app__main">
        {!data.loaded ? (
          <div class="skeleton" aria-busy="true">
            <span class="sr-only">Loading…</span>
          </div>
        ) : view === 'settings' ? (
          <SettingsPanel api={api} settings={data.settings} />
        ) : view === 'add-key' ? (
          <KeyForm api={api} onSaved={onSaved} onCancel={() => setView('main')} />
        ) : view === 'edit-key' && profile !== null ? (
          <>
            <KeyForm
              key={profile.id}
              api={api}
              profile={profile}
              keyMissing={!hasKey}
              onSaved={onSaved}
              onCancel={() => setView('main')}
            />
            <div class="danger-zone">
              {confirmDelete ? (
                <div class="confirm" role="alert">
                  <p>
                    Delete “{profile.label}”? The key and its saved results are removed from this browser. The
                    key itself stays valid at OpenAI.
                  </p>
                  <div class="confirm__actions">
                    <button type="button" class="button button--danger" onClick={() => deleteActive(profile)}>
                      <Icon name="trash" /> Delete key
                    </button>
                    <button type="button" class="button" onClick={() => setConfirmDelete(false)}>
                      Keep it
                    </button>
                  </div>
                </div>
              ) : (
                <button
                  type="button"
                  class="button button--quiet-danger"
                  onClick={() => setConfirmDelete(true)}
                >
                  <Icon name="trash" /> Delete this key…
                </button>
              )}
            </div>
          </>
        ) : view === 'report' && profile !== null && cache !== undefined ? (
          <ReportPanel api={api} profile={profile} entry={cache} maskIds={data.settings.maskIdsInReport} />
        ) : profile === null ? (
          <>
            <section class="welcome" aria-labelledby="welcome-title">
              <h2 id="welcome-title" class="welcome__title">
                Which OpenAI models can your key use — and why not?
              </h2>
              <p class="muted welcome__text">
                Your key stays in this browser and is only sent to the API. Checks cost nothing.
              </p>
              <KeyForm api={api} onSaved={onSaved} />
            </section>
            <ExplainBox
              api={api}
              canCheck={false}
              onAddKey={() => document.getElementById('key-form-key')?.focus()}
            />
          </>
        ) : (
          <>
            <div class="keybar">
              <Icon name="key" class="keybar__icon" />
              <span class="keybar__key">
                <code data-masked-key="">{profile.maskedKey}</code>
                <span class="muted">
                  {' '}
                  · {KEY_KIND_SHORT[profile.keyKind ?? 'unknown']} ·{' '}
                  {profile.persistence === 'local' ? 'this device' : 'this session'}
                  {profile.projectId !== undefined && ` · ${profile.projectId}`}
                  {profile.organizationId !== undefined && ` · ${profile.organizationId}`}
                </span>
              </span>
              <button
                type="button"
                class="button button--quiet button--small"
                data-focus-key="edit"
                onClick={() => openView('edit-key', 'edit')}
              >
                Edit
              </button>
            </div>
            <AccessPanel
              key={profile.id}
              api={api}
              profile={profile}
              view={accessView}
              hasKey={hasKey}
              paidConsent={data.settings.paidChecksConsent}
              onCopyReport={() => openView('report', 'copy-report')}
              onPasteKeyAgain={() => openView('edit-key', 'edit')}
            />
            <ExplainBox api={api} canCheck={hasKey} onAddKey={() => openView('edit-key', 'edit')} />
          </>
        )}
      </main>
    </div>
  );
}
