import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBaseUrl,
  checkLabel,
  checkModelId,
  checkOrganizationId,
  checkProfileInput,
  checkProjectId,
} from '@/utils/background/validate';

describe('checkBaseUrl', () => {
  it.each([
    ['', undefined, null],
    ['https://api.openai.com/v1', undefined, null],
    ['https://api.openai.com/v1/', undefined, null],
    ['https://api.openai.com/v2', 'https://api.openai.com/v2', null],
    [
      'https://proxy.example.com/openai/v1//',
      'https://proxy.example.com/openai/v1',
      'https://proxy.example.com/*',
    ],
    ['https://proxy.example.com:8443/v1', 'https://proxy.example.com:8443/v1', 'https://proxy.example.com/*'],
    ['http://localhost:8080/v1', 'http://localhost:8080/v1', 'http://localhost/*'],
    ['http://127.0.0.1:4000/v1', 'http://127.0.0.1:4000/v1', 'http://127.0.0.1/*'],
  ])('%s → %s (permission %s)', (raw, baseUrl, permissionOrigin) => {
    expect(checkBaseUrl(raw)).toEqual({ ok: true, value: { baseUrl, permissionOrigin } });
  });

  it.each([
    'api.openai.com/v1',
    'http://proxy.example.com/v1',
    'ftp://example.com',
    'https://user:pass@proxy.example.com/v1',
    'https://proxy.example.com/v1?key=sk-x',
    'https://proxy.example.com/v1#x',
    'javascript:alert(1)',
  ])('refuses %s', (raw) => {
    expect(checkBaseUrl(raw).ok).toBe(false);
  });

  it('only ever asks for a permission the manifest declares as optional', () => {
    const optional = [/^https:\/\/[^/*]+\/\*$/, /^http:\/\/localhost\/\*$/, /^http:\/\/127\.0\.0\.1\/\*$/];
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'] }), (url) => {
        const checked = checkBaseUrl(url);
        if (!checked.ok || checked.value.permissionOrigin === null) return;
        expect(optional.some((pattern) => pattern.test(checked.value.permissionOrigin!))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ids and labels', () => {
  it('organization and project ids', () => {
    expect(checkOrganizationId(' org-AbC123 ')).toEqual({ ok: true, value: 'org-AbC123' });
    expect(checkOrganizationId('')).toEqual({ ok: true, value: undefined });
    expect(checkOrganizationId('Acme').ok).toBe(false);
    expect(checkProjectId('proj_Xy12')).toEqual({ ok: true, value: 'proj_Xy12' });
    expect(checkProjectId('proj-Xy12').ok).toBe(false);
  });

  it('labels', () => {
    expect(checkLabel('  Work   project ')).toEqual({ ok: true, value: 'Work project' });
    expect(checkLabel('   ').ok).toBe(false);
    expect(checkLabel('x'.repeat(61)).ok).toBe(false);
  });

  it('model ids from a content script: anything but a safe short id is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (raw) => {
        const checked = checkModelId(raw);
        if (checked.ok) expect(checked.value).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/);
      }),
    );
    expect(checkModelId({ toString: () => 'gpt-4o' }).ok).toBe(false);
  });
});

describe('checkProfileInput', () => {
  it('rebuilds the payload from checked fields only', () => {
    const checked = checkProfileInput({
      label: 'Work',
      key: 'sk-x',
      persistence: 'session',
      organizationId: '',
      projectId: 'proj_abcd',
      baseUrl: '',
      extra: 'ignored',
    });
    expect(checked).toEqual({
      ok: true,
      value: {
        label: 'Work',
        key: 'sk-x',
        persistence: 'session',
        projectId: 'proj_abcd',
        permissionOrigin: null,
      },
    });
  });

  it('names the field that is wrong', () => {
    expect(checkProfileInput({ label: '' })).toMatchObject({ ok: false, field: 'label' });
    expect(checkProfileInput({ label: 'x', key: 'k'.repeat(1_001) })).toMatchObject({
      ok: false,
      field: 'key',
    });
    expect(checkProfileInput({ label: 'x', profileId: 5 })).toMatchObject({ ok: false, field: 'profileId' });
    expect(checkProfileInput(null)).toMatchObject({ ok: false, field: 'label' });
  });
});
