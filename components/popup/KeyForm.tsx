/**
 * Adding a key (a new profile) or editing a profile. The pasted key lives only in this form's state until Save;
 * after that the field is cleared and only the masked form (`sk-proj-…abcd`) is ever shown.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { checkBaseUrl, checkOrganizationId, checkProjectId } from '@/utils/background/validate';
import type { SaveProfileRequest } from '@/utils/messages';
import type { KeyFieldState } from '@/utils/popup/key-entry';
import { DEFAULT_BASE_URL, type KeyPersistence, type ProfileMeta } from '@/utils/storage';
import type { PopupApi } from './api';

type Field = 'key' | 'label' | 'organizationId' | 'projectId' | 'baseUrl' | 'profileId' | 'form';

export interface KeyFormProps {
  api: PopupApi;
  /** Absent: add a new key. */
  profile?: ProfileMeta;
  /** The profile's key is gone (session-only key after a restart): a new key is required. */
  keyMissing?: boolean;
  onSaved: (profile: ProfileMeta) => void;
  onCancel?: () => void;
}

export function KeyForm({ api, profile, keyMissing = false, onSaved, onCancel }: KeyFormProps) {
  const editing = profile !== undefined;
  const [rawKey, setRawKey] = useState('');
  const [label, setLabel] = useState(profile?.label ?? '');
  const [persistence, setPersistence] = useState<KeyPersistence>(profile?.persistence ?? 'local');
  const [organizationId, setOrganizationId] = useState(profile?.organizationId ?? '');
  const [projectId, setProjectId] = useState(profile?.projectId ?? '');
  const [baseUrl, setBaseUrl] = useState(profile?.baseUrl ?? '');
  const [error, setError] = useState<{ field: Field; reason: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);

  const keyField = useKeyField(api, rawKey);
  const keyRequired = !editing || keyMissing;
  const advancedOpen = Boolean(profile?.organizationId || profile?.projectId || profile?.baseUrl);
  const baseCheck = checkBaseUrl(baseUrl);
  const needsPermission = baseCheck.ok && baseCheck.value.permissionOrigin !== null;

  const fieldError = (field: Field) =>
    error?.field === field ? (
      <p class="field__error" id={`key-form-${field}-error`} role="alert">
        {error.reason}
      </p>
    ) : null;
  const describedBy = (field: Field, ...more: string[]) =>
    [error?.field === field ? `key-form-${field}-error` : '', ...more].filter(Boolean).join(' ') || undefined;

  async function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    setError(null);
    if (keyRequired && keyField.empty) {
      setError({ field: 'key', reason: 'Paste your API key first.' });
      keyInput.current?.focus();
      return;
    }
    if (keyField.refusal !== null) {
      setError({ field: 'key', reason: keyField.refusal });
      return;
    }
    const org = checkOrganizationId(organizationId);
    if (!org.ok) return setError({ field: 'organizationId', reason: org.reason });
    const project = checkProjectId(projectId);
    if (!project.ok) return setError({ field: 'projectId', reason: project.reason });
    if (!baseCheck.ok) return setError({ field: 'baseUrl', reason: baseCheck.reason });

    // The permission prompt must start inside this click (a user gesture), before any await.
    const origin = baseCheck.value.permissionOrigin;
    const permission = origin === null ? Promise.resolve(true) : api.requestHostPermission(origin);
    setSaving(true);
    try {
      if (!(await permission.catch(() => false))) {
        setError({
          field: 'baseUrl',
          reason: `Without permission for ${origin?.replace('/*', '')}, the extension cannot send your requests there. Allow it, or clear the base URL to use ${DEFAULT_BASE_URL}.`,
        });
        return;
      }
      const request: SaveProfileRequest = {
        label: label.trim() === '' ? defaultLabel(keyField.kindLabel, profile) : label,
        persistence,
        organizationId,
        projectId,
        baseUrl,
      };
      if (profile !== undefined) request.profileId = profile.id;
      if (!keyField.empty) request.key = rawKey;
      const answer = await api.send('page:saveProfile', request);
      if (!answer.ok) {
        setError({ field: answer.field, reason: answer.reason });
        return;
      }
      // The key leaves the popup's memory and DOM here: only the masked form is shown from now on.
      setRawKey('');
      onSaved(answer.profile);
    } catch (failure: unknown) {
      setError({
        field: 'form',
        reason: `Could not save: ${failure instanceof Error ? failure.message : String(failure)}`,
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    // No accessible name on the form: "API key" must stay the name of exactly one control.
    <form class="key-form" onSubmit={submit} noValidate>
      <div class="field">
        <label for="key-form-key">
          {editing ? (keyMissing ? 'API key (paste it again)' : 'Replace API key (optional)') : 'API key'}
        </label>
        <input
          ref={keyInput}
          id="key-form-key"
          class="field__input field__input--mono"
          type="password"
          autocomplete="off"
          spellcheck={false}
          placeholder={editing && !keyMissing ? `Keep ${profile?.maskedKey ?? 'the saved key'}` : 'sk-proj-…'}
          value={rawKey}
          onInput={(event) => setRawKey(event.currentTarget.value)}
          aria-invalid={error?.field === 'key' || keyField.refusal !== null}
          aria-describedby={describedBy('key', 'key-form-key-hint')}
        />
        <div id="key-form-key-hint" class="key-hint" aria-live="polite">
          {keyField.empty ? (
            <span class="muted">
              Paste it as it comes: spaces, quotes, “Bearer ” and OPENAI_API_KEY= are removed.
            </span>
          ) : (
            <>
              <span class="chip" data-key-kind={keyField.kind}>
                {keyField.kindLabel}
              </span>
              {keyField.cleaned !== null && <span class="muted"> {keyField.cleaned}</span>}
              {keyField.refusal !== null && (
                <p class="field__error" data-key-refusal="">
                  {keyField.refusal}
                </p>
              )}
              {keyField.warnings.length > 0 && (
                <ul class="key-hint__warnings">
                  {keyField.warnings.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
        {fieldError('key')}
      </div>

      <div class="field">
        <label for="key-form-label">Label</label>
        <input
          id="key-form-label"
          class="field__input"
          type="text"
          maxLength={60}
          placeholder={defaultLabel(keyField.kindLabel, profile)}
          value={label}
          onInput={(event) => setLabel(event.currentTarget.value)}
          aria-invalid={error?.field === 'label'}
          aria-describedby={describedBy('label')}
        />
        {fieldError('label')}
      </div>

      <fieldset class="field field--radios">
        <legend>Keep the key</legend>
        <label class="radio">
          <input
            type="radio"
            name="key-form-persistence"
            value="local"
            checked={persistence === 'local'}
            onChange={() => setPersistence('local')}
          />
          Remember on this device
        </label>
        <label class="radio">
          <input
            type="radio"
            name="key-form-persistence"
            value="session"
            checked={persistence === 'session'}
            onChange={() => setPersistence('session')}
          />
          Only for this browser session
        </label>
      </fieldset>

      <details class="key-form__advanced" open={advancedOpen}>
        <summary>Organization, project and endpoint (optional)</summary>
        <div class="field">
          <label for="key-form-org">Organization id</label>
          <input
            id="key-form-org"
            class="field__input field__input--mono"
            type="text"
            placeholder="org-…"
            spellcheck={false}
            value={organizationId}
            onInput={(event) => setOrganizationId(event.currentTarget.value)}
            aria-invalid={error?.field === 'organizationId'}
            aria-describedby={describedBy('organizationId')}
          />
          {fieldError('organizationId')}
        </div>
        <div class="field">
          <label for="key-form-project">Project id</label>
          <input
            id="key-form-project"
            class="field__input field__input--mono"
            type="text"
            placeholder="proj_…"
            spellcheck={false}
            value={projectId}
            onInput={(event) => setProjectId(event.currentTarget.value)}
            aria-invalid={error?.field === 'projectId'}
            aria-describedby={describedBy('projectId')}
          />
          {fieldError('projectId')}
        </div>
        <div class="field">
          <label for="key-form-base">API base URL</label>
          <input
            id="key-form-base"
            class="field__input field__input--mono"
            type="url"
            placeholder={DEFAULT_BASE_URL}
            spellcheck={false}
            value={baseUrl}
            onInput={(event) => setBaseUrl(event.currentTarget.value)}
            aria-invalid={error?.field === 'baseUrl'}
            aria-describedby={describedBy('baseUrl', 'key-form-base-hint')}
          />
          <p id="key-form-base-hint" class="muted field__hint">
            {needsPermission
              ? 'The browser will ask to let the extension contact this host: your requests go there instead of api.openai.com.'
              : 'Leave empty for api.openai.com. Another host (a proxy) needs your permission, asked when you save.'}
          </p>
          {fieldError('baseUrl')}
        </div>
      </details>

      {fieldError('form')}
      <div class="key-form__actions">
        <button type="submit" class="button button--primary" disabled={saving || keyField.refusal !== null}>
          {saving ? 'Saving…' : editing ? 'Save changes' : 'Save key'}
        </button>
        {onCancel !== undefined && (
          <button type="button" class="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

const EMPTY_FIELD: KeyFieldState = {
  empty: true,
  kind: 'unknown',
  kindLabel: '',
  refusal: null,
  warnings: [],
  cleaned: null,
};

/**
 * The key field's hints, from the background (it owns the key parser). Answers to older keystrokes are dropped;
 * until the first answer the field counts as filled, so Save is never blocked by a slow answer.
 */
function useKeyField(api: PopupApi, raw: string): KeyFieldState {
  const [state, setState] = useState<KeyFieldState>(EMPTY_FIELD);
  const latest = useRef(0);
  useEffect(() => {
    const request = ++latest.current;
    if (raw.trim() === '') {
      setState(EMPTY_FIELD);
      return;
    }
    setState((current) => (current.empty ? { ...current, empty: false } : current));
    api.send('page:describeKey', { raw }).then(
      (answer) => request === latest.current && setState(answer),
      () => {},
    );
  }, [api, raw]);
  return state;
}

function defaultLabel(kindLabel: string, profile: ProfileMeta | undefined): string {
  if (profile !== undefined) return profile.label;
  return kindLabel === '' ? 'My key' : kindLabel;
}
