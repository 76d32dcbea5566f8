/**
 * Settings, saved as they change (no Save button to forget): models to probe, paid-check consent, concurrency,
 * timeout, and the forum's inline labels. The background validates and stores; the popup shows what was stored.
 */
import { useEffect, useState } from 'preact/hooks';
import { isModelId, SETTINGS_LIMITS, type Settings } from '@/utils/storage';
import { Icon } from '../icons';
import type { PopupApi } from './api';

export interface SettingsPanelProps {
  api: PopupApi;
  settings: Settings;
}

export function SettingsPanel({ api, settings }: SettingsPanelProps) {
  const [defaults, setDefaults] = useState<string[] | null>(null);
  const [newModel, setNewModel] = useState('');
  const [modelError, setModelError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    let live = true;
    api.send('page:modelDefaults', {}).then(
      ({ models }) => live && setDefaults(models),
      () => live && setDefaults([]),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const models = settings.models ?? defaults ?? [];
  const usingDefaults = settings.models === null;

  async function save(patch: Partial<Settings>, message = 'Saved.') {
    try {
      await api.send('page:saveSettings', { settings: patch });
      setStatus(message);
    } catch (error: unknown) {
      setStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function addModel(event: Event) {
    event.preventDefault();
    const model = newModel.trim();
    if (!isModelId(model)) {
      setModelError('Model ids use letters, digits, ".", "-", "_" and ":" only (e.g. gpt-4o-mini).');
      return;
    }
    if (models.includes(model)) {
      setModelError(`${model} is already in the list.`);
      return;
    }
    if (models.length >= SETTINGS_LIMITS.models.max) {
      setModelError(`At most ${SETTINGS_LIMITS.models.max} models.`);
      return;
    }
    setModelError(null);
    setNewModel('');
    void save({ models: [...models, model] }, `Added ${model}.`);
  }

  function removeModel(model: string) {
    if (models.length <= 1) {
      setModelError('Keep at least one model to check.');
      return;
    }
    setModelError(null);
    void save({ models: models.filter((entry) => entry !== model) }, `Removed ${model}.`);
  }

  return (
    <div class="settings">
      <section class="settings__section" aria-labelledby="settings-models">
        <div class="settings__head">
          <h3 id="settings-models" class="section-title">
            Models to check
          </h3>
          <button
            type="button"
            class="button button--quiet button--small"
            disabled={usingDefaults}
            onClick={() => save({ models: null }, 'Back to the default models.')}
          >
            Reset to defaults
          </button>
        </div>
        <p class="muted settings__note">
          {usingDefaults ? 'The current defaults from the model catalogue.' : 'Your own list.'} Each check
          costs nothing: the request fails on purpose before any tokens are used.
        </p>
        {defaults === null && settings.models === null ? (
          <p class="muted">Loading the default list…</p>
        ) : (
          <ul class="model-chips" aria-label="Models to check">
            {models.map((model) => (
              <li key={model} class="model-chip">
                <code>{model}</code>
                <button
                  type="button"
                  class="icon-button icon-button--small"
                  aria-label={`Remove ${model}`}
                  title={`Remove ${model}`}
                  onClick={() => removeModel(model)}
                >
                  <Icon name="close" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="settings__add" onSubmit={addModel}>
          <label for="settings-new-model" class="sr-only">
            Model id to add
          </label>
          <input
            id="settings-new-model"
            class="field__input field__input--mono"
            type="text"
            placeholder="Add a model id, e.g. gpt-4.1-nano"
            spellcheck={false}
            value={newModel}
            onInput={(event) => setNewModel(event.currentTarget.value)}
            aria-invalid={modelError !== null}
            aria-describedby={modelError !== null ? 'settings-model-error' : undefined}
          />
          <button type="submit" class="button button--small">
            <Icon name="plus" /> Add
          </button>
        </form>
        {modelError !== null && (
          <p id="settings-model-error" class="field__error" role="alert">
            {modelError}
          </p>
        )}
      </section>

      <section class="settings__section" aria-labelledby="settings-run">
        <h3 id="settings-run" class="section-title">
          Checking
        </h3>
        <div class="settings__grid">
          <label for="settings-concurrency">Requests at once</label>
          <input
            id="settings-concurrency"
            class="field__input field__input--number"
            type="number"
            min={SETTINGS_LIMITS.concurrency.min}
            max={SETTINGS_LIMITS.concurrency.max}
            value={settings.concurrency}
            onChange={(event) => save({ concurrency: Number(event.currentTarget.value) })}
          />
          <label for="settings-timeout">Timeout per request (seconds)</label>
          <input
            id="settings-timeout"
            class="field__input field__input--number"
            type="number"
            min={SETTINGS_LIMITS.timeoutMs.min / 1000}
            max={SETTINGS_LIMITS.timeoutMs.max / 1000}
            value={Math.round(settings.timeoutMs / 1000)}
            onChange={(event) => save({ timeoutMs: Number(event.currentTarget.value) * 1000 })}
          />
        </div>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={settings.paidChecksConsent}
            onChange={(event) => save({ paidChecksConsent: event.currentTarget.checked })}
          />
          <span>
            Allow paid checks when I ask for one
            <span class="muted checkbox__hint">
              A real 1-token request (a fraction of a cent, shown before it runs) confirms a model when
              zero-cost checks cannot, or tells whether your organization is verified.
            </span>
          </span>
        </label>
      </section>

      <section class="settings__section" aria-labelledby="settings-pages">
        <h3 id="settings-pages" class="section-title">
          On web pages
        </h3>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={settings.inlineLabels}
            onChange={(event) => save({ inlineLabels: event.currentTarget.checked })}
          />
          <span>
            Show a short explanation after each error on community.openai.com
            <span class="muted checkbox__hint">Highlights and the hover card stay either way.</span>
          </span>
        </label>
      </section>
      <p class="settings__status muted" role="status">
        {status}
      </p>
    </div>
  );
}
