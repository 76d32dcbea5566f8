/**
 * "Copy report": copies at once (one click does the job) and shows exactly what was copied, so the user can check
 * it before pasting it in public. Keys are always masked; organization and project ids unless unticked.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CachedReport, ProfileMeta } from '@/utils/storage';
import { Icon } from '../icons';
import type { PopupApi } from './api';

export interface ReportPanelProps {
  api: PopupApi;
  profile: ProfileMeta;
  entry: CachedReport;
  maskIds: boolean;
}

type CopyState = 'idle' | 'copied' | 'failed';
type Built = { state: 'building' } | { state: 'ready'; text: string } | { state: 'error'; reason: string };

export function ReportPanel({ api, profile, entry, maskIds }: ReportPanelProps) {
  const [masked, setMasked] = useState(maskIds);
  const [copy, setCopy] = useState<CopyState>('idle');
  const [built, setBuilt] = useState<Built>({ state: 'building' });

  // Built by the background: one place redacts every report, and the popup stays small.
  // Rebuilt when the cached check changes (`entry`), e.g. after a paid confirmation.
  useEffect(() => {
    let live = true;
    api.send('page:buildReport', { profileId: profile.id, maskIds: masked }).then(
      ({ markdown }) => live && setBuilt({ state: 'ready', text: markdown }),
      (error: unknown) =>
        live && setBuilt({ state: 'error', reason: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, profile.id, masked, entry]);
  const text = built.state === 'ready' ? built.text : '';

  async function copyNow(value: string) {
    try {
      await api.copyText(value);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  // Copy as the panel opens and whenever the masking changes: what is shown is what is on the clipboard.
  useEffect(() => {
    if (text !== '') void copyNow(text);
  }, [text]);

  return (
    <div class="report">
      <div class="report__bar">
        <label class="checkbox checkbox--inline">
          <input
            type="checkbox"
            checked={masked}
            onChange={(event) => {
              const value = event.currentTarget.checked;
              setMasked(value);
              void api.send('page:saveSettings', { settings: { maskIdsInReport: value } }).catch(() => {});
            }}
          />
          <span>Mask organization and project ids</span>
        </label>
        <button
          type="button"
          class="button button--small"
          onClick={() => copyNow(text)}
          disabled={text === ''}
        >
          <Icon name="copy" /> Copy again
        </button>
      </div>
      <p class="report__status" role="status" data-copy-state={copy}>
        {copy === 'copied' && 'Copied to the clipboard as Markdown. API keys are always masked.'}
        {copy === 'failed' && 'The browser refused the clipboard: select the text below and copy it.'}
      </p>
      {built.state === 'error' && (
        <p class="error-text" role="alert">
          The report could not be built: {built.reason}
        </p>
      )}
      {built.state === 'building' && <pre class="report__text muted">Building the report…</pre>}
      {built.state === 'ready' && (
        // The exact text that was copied, to review before pasting it in public (and for tests to read). A
        // read-only textarea: focusable, scrollable and selectable by keyboard when the clipboard is refused.
        <textarea class="report__text" data-report-text="" readOnly aria-label="Report text" value={text} />
      )}
    </div>
  );
}
