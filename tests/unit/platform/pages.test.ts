import { describe, expect, it } from 'vitest';
import { isPanelPage, PLATFORM_ROUTES, platformPageOf, samePage } from '@/utils/platform/pages';

const at = (path: string) => platformPageOf(`https://platform.openai.com${path}`);

describe('platformPageOf: the page kind from the URL alone', () => {
  it.each([
    ['/settings/organization/billing/overview', 'billing', false],
    ['/settings/organization/billing/payment-methods', 'billing', false],
    ['/settings/organization/billing', 'billing', false],
    ['/account/billing/overview', 'billing', true],
    ['/account/billing/limits', 'billing', true],
    ['/account/billing', 'billing', true],
    ['/settings/organization/limits', 'limits', false],
    ['/account/limits', 'limits', true],
    ['/account/rate-limits', 'limits', true],
    ['/api-keys', 'api-keys', false],
    ['/settings/organization/api-keys', 'api-keys', false],
    ['/account/api-keys', 'api-keys', true],
    ['/usage', 'usage', false],
    ['/settings/organization/usage', 'usage', false],
    ['/account/usage', 'usage', true],
    ['/settings/organization/general', 'organization-general', false],
    ['/account/org-settings', 'organization-general', true],
    ['/account/organization', 'organization-general', true],
    ['/playground', 'playground', false],
    ['/playground/chat', 'playground', false],
    ['/chat/edit', 'playground', false],
    ['/audio/realtime', 'playground', false],
  ])('%s → %s', (path, kind, legacy) => {
    expect(at(path)).toEqual({ kind, legacy });
  });

  it('reads the project of /settings/proj_<id>/limits and /settings/proj_<id>/api-keys', () => {
    expect(at('/settings/proj_AbC123xyz/limits')).toEqual({
      kind: 'limits',
      legacy: false,
      projectId: 'proj_AbC123xyz',
    });
    expect(at('/settings/proj_AbC123xyz/api-keys')).toEqual({
      kind: 'api-keys',
      legacy: false,
      projectId: 'proj_AbC123xyz',
    });
  });

  it('ignores a trailing slash, the query and the hash', () => {
    expect(at('/settings/organization/limits/')?.kind).toBe('limits');
    expect(at('/settings/organization/billing/overview?tab=credits#top')?.kind).toBe('billing');
    expect(at('/api-keys?x=1')?.kind).toBe('api-keys');
  });

  it.each([
    '/',
    '/docs/overview',
    '/docs/guides/error-codes/api-errors',
    '/settings/organization/people',
    '/settings/organization/limitsX',
    '/settings/proj_/limits',
    '/settings/proj_abc/members',
    '/logs',
    '/api-keys/extra',
    '/Settings/organization/limits',
    '/account/billingX',
  ])('serves nothing on %s', (path) => {
    expect(at(path)).toBeNull();
  });

  it('serves nothing off platform.openai.com, and survives junk', () => {
    expect(platformPageOf('https://community.openai.com/settings/organization/limits')).toBeNull();
    expect(platformPageOf('http://platform.openai.com/settings/organization/limits')).toBeNull();
    expect(platformPageOf('https://platform.openai.com.evil.example/api-keys')).toBeNull();
    expect(platformPageOf('not a url')).toBeNull();
    expect(platformPageOf(new URL('https://platform.openai.com/usage'))?.kind).toBe('usage');
  });

  it('has a source for every route, and puts the panel on panel pages only', () => {
    for (const route of PLATFORM_ROUTES) expect(route.source.length).toBeGreaterThan(3);
    expect(isPanelPage(at('/usage'))).toBe(true);
    expect(isPanelPage(at('/playground'))).toBe(false);
    expect(isPanelPage(null)).toBe(false);
  });

  it('treats a query change as the same page and another project as another page', () => {
    expect(samePage(at('/usage'), at('/usage?date=2026-11'))).toBe(true);
    expect(samePage(at('/settings/proj_a1/limits'), at('/settings/proj_b2/limits'))).toBe(false);
    expect(samePage(null, null)).toBe(true);
    expect(samePage(at('/usage'), null)).toBe(false);
  });
});

describe('the first-segment shortcut', () => {
  it('never turns away a path a route would match', () => {
    // Every route's own examples, and variants: the shortcut may only drop paths no route matches.
    const samples = [
      '/settings/organization/billing/history',
      '/account/billing/limits',
      '/api-keys',
      '/usage/2026',
      '/playground/prompts',
      '/chat',
      '/audio/tts',
      '/realtime',
      '/assistants/asst_1',
    ];
    for (const path of samples) expect(platformPageOf(`https://platform.openai.com${path}`)).not.toBeNull();
  });
});
