import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosisCard, linkText, safeHref } from '@/components/diagnosis/DiagnosisCard';
import { makeDiagnosis } from './fixtures';

let container: HTMLElement;

function mount(node: preact.ComponentChild): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  render(node, container);
  return container;
}

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('DiagnosisCard', () => {
  it('shows title, explanation, causes, steps with links, fields and evidence', () => {
    const root = mount(
      <DiagnosisCard
        diagnosis={makeDiagnosis({
          fields: { status: 403, code: 'model_not_found', requestId: 'req_123', limit: 30_000 },
        })}
        evidence={[
          {
            method: 'POST',
            path: '/chat/completions',
            httpStatus: 403,
            code: 'model_not_found',
            durationMs: 88.6,
          },
        ]}
      />,
    );
    expect(root.querySelector('h3')?.textContent).toBe('Project blocks gpt-4o');
    expect(root.textContent).toContain('No access to model');
    expect(root.textContent).toContain('Certain');
    expect(root.querySelectorAll('.mad-card__causes li')).toHaveLength(1);
    const link = root.querySelector<HTMLAnchorElement>('.mad-card__steps a');
    expect(link?.getAttribute('href')).toBe('https://platform.openai.com/settings/proj_abc/limits');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link?.textContent).toContain('platform.openai.com/settings/proj_abc/limits');
    const fields = [...root.querySelectorAll('.mad-card__fields dt')].map((dt) => dt.textContent);
    expect(fields).toEqual(['HTTP status', 'Code', 'Request id', 'Limit']);
    expect(root.textContent).toContain('30,000');
    expect(root.querySelector('.mad-card__evidence')?.textContent).toContain(
      'POST /chat/completions → 403 model_not_found',
    );
    expect(root.querySelector('.mad-card__evidence')?.textContent).toContain('89 ms');
  });

  it('renders text from errors as text, never as markup, and links only to https pages', () => {
    const hostile = '<img src=x onerror="window.pwned=1">';
    const root = mount(
      <DiagnosisCard
        diagnosis={makeDiagnosis({
          title: hostile,
          explanation: hostile,
          steps: [
            { text: 'bad link', url: 'javascript:alert(1)' },
            { text: 'plain http', url: 'http://example.com/' },
          ],
          fields: { message: hostile },
        })}
      />,
    );
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('h3')?.textContent).toBe(hostile);
    expect(root.querySelectorAll('a[href^="javascript"], a[href^="http:"]')).toHaveLength(0);
    expect(root.textContent).toContain('bad link');
  });

  it('fits the host outline: heading level and sub-headings one below', () => {
    const root = mount(<DiagnosisCard diagnosis={makeDiagnosis()} headingLevel={2} />);
    expect(root.querySelector('h2')?.textContent).toBe('Project blocks gpt-4o');
    expect([...root.querySelectorAll('h3')].map((h) => h.textContent)).toEqual([
      'Likely causes',
      'How to fix it',
    ]);
  });

  it('compact mode keeps causes behind the disclosure and renders actions', () => {
    const root = mount(
      <DiagnosisCard diagnosis={makeDiagnosis()} compact>
        <button type="button">Check with my key</button>
      </DiagnosisCard>,
    );
    expect(root.querySelector('details .mad-card__causes')).not.toBeNull();
    expect(root.querySelector('.mad-card__actions button')?.textContent).toBe('Check with my key');
  });

  it('suggests a model id unless the explanation already names it', () => {
    const withSuggestion = mount(
      <DiagnosisCard
        diagnosis={makeDiagnosis({
          suggestion: { model: 'gpt-4o', reason: 'spelling' },
          explanation: 'No such id.',
        })}
      />,
    );
    expect(withSuggestion.querySelector('.mad-card__suggestion')?.textContent).toBe('Did you mean gpt-4o?');
    render(null, container);
    container.remove();
    const named = mount(
      <DiagnosisCard
        diagnosis={makeDiagnosis({
          suggestion: { model: 'gpt-4o', reason: 'spelling' },
          explanation: 'Did you mean gpt-4o?',
        })}
      />,
    );
    expect(named.querySelector('.mad-card__suggestion')).toBeNull();
  });
});

describe('link helpers', () => {
  it('safeHref and linkText', () => {
    expect(safeHref('https://platform.openai.com/usage')).toBe('https://platform.openai.com/usage');
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
    expect(safeHref(undefined)).toBeNull();
    expect(linkText('https://platform.openai.com/')).toBe('platform.openai.com');
  });
});
