/**
 * Which platform.openai.com page a URL is, from the URL alone.
 *
 * We do not know the page's DOM and must not depend on it (DESIGN §4): the app is a single-page app whose markup
 * changes without notice, so the URL decides what the panel says and whether the script does anything at all.
 * Error messages and old tutorials still link the legacy `/account/…` paths, and the app still answers them,
 * so each page kind lists its current and legacy paths.
 *
 * Reviewed 2026-11-30 against the sources named on each row.
 */

/** Pages the panel serves. */
export type PanelPageKind = 'billing' | 'limits' | 'api-keys' | 'usage' | 'organization-general';

/** Pages where we only look for error text (the playground shows API errors in its own banners). */
export type ScanOnlyPageKind = 'playground';

export type PlatformPageKind = PanelPageKind | ScanOnlyPageKind;

export interface PlatformPage {
  kind: PlatformPageKind;
  /** Set for `/settings/proj_<id>/…` pages: the project the page is about. */
  projectId?: string;
  /** The page is one of the old `/account/…` paths. */
  legacy: boolean;
}

interface RouteRow {
  kind: PlatformPageKind;
  /** Matched against the path with any trailing slash removed. */
  pattern: RegExp;
  legacy: boolean;
  /** Where the path was seen in public (errors, docs, forum posts). */
  source: string;
}

const PROJECT = 'proj_[A-Za-z0-9]+';

/** Current paths first; the first matching row wins. */
const ROUTES: readonly RouteRow[] = [
  {
    kind: 'billing',
    // overview, payment-methods, history, preferences, credit grants: all about paying.
    pattern: /^\/settings\/organization\/billing(?:\/[^/]+)*$/,
    legacy: false,
    source: 'DESIGN §4; quota errors link /settings/organization/billing/overview',
  },
  {
    kind: 'billing',
    // /account/billing/overview and /account/billing/limits (the old spend limits page).
    pattern: /^\/account\/billing(?:\/[^/]+)*$/,
    legacy: true,
    source: 'DESIGN §4; older quota errors say "check your plan and billing details" at /account/billing',
  },
  {
    kind: 'limits',
    pattern: /^\/settings\/organization\/limits$/,
    legacy: false,
    source: 'DESIGN §4',
  },
  {
    kind: 'limits',
    pattern: new RegExp(`^/settings/(${PROJECT})/limits$`),
    legacy: false,
    source: 'DESIGN §4: project rate limits and model allow-list',
  },
  {
    kind: 'limits',
    // Rate-limit errors still end with "Visit https://platform.openai.com/account/rate-limits to learn more."
    pattern: /^\/account\/(?:rate-)?limits$/,
    legacy: true,
    source: 'rate_limit_exceeded messages (DESIGN §3)',
  },
  {
    kind: 'api-keys',
    pattern: new RegExp(`^/(?:api-keys|settings/organization/api-keys|settings/(${PROJECT})/api-keys)$`),
    legacy: false,
    source: 'DESIGN §4',
  },
  {
    kind: 'api-keys',
    // "You can find your API key at https://platform.openai.com/account/api-keys." (invalid_api_key)
    pattern: /^\/account\/api-keys$/,
    legacy: true,
    source: 'invalid_api_key messages (DESIGN §3)',
  },
  {
    kind: 'usage',
    pattern: /^\/(?:usage|settings\/organization\/usage)(?:\/[^/]+)*$/,
    legacy: false,
    source: 'DESIGN §4; /settings/organization/usage in public READMEs',
  },
  { kind: 'usage', pattern: /^\/account\/usage$/, legacy: true, source: 'older tutorials' },
  {
    kind: 'organization-general',
    pattern: /^\/settings\/organization\/general$/,
    legacy: false,
    source: 'DESIGN §4: organization verification',
  },
  {
    kind: 'organization-general',
    // "find your organization ID at https://platform.openai.com/account/org-settings" in old READMEs.
    pattern: /^\/account\/(?:org-settings|organization)$/,
    legacy: true,
    source: 'older tutorials and SDK READMEs',
  },
  {
    kind: 'playground',
    // The chat/prompt playground, audio and realtime playgrounds, assistants: where API errors show in banners.
    pattern: /^\/(?:playground|chat|audio|realtime|assistants)(?:\/[^/]+)*$/,
    legacy: false,
    source: 'playground error banners quoted on community.openai.com',
  },
];

export const PLATFORM_ORIGIN = 'https://platform.openai.com';

/**
 * First path segments of every route above. Most pages we do not serve (docs, logs, the dashboard) are turned
 * away by this one lookup, without compiling or running any route pattern: the script's whole cost there.
 */
const SERVED_FIRST_SEGMENTS = new Set([
  'settings',
  'account',
  'api-keys',
  'usage',
  'playground',
  'chat',
  'audio',
  'realtime',
  'assistants',
]);

/**
 * The page kind of a URL, or `null` for every page we do not serve (the script must then do nothing).
 * Accepts a `URL` or a string; anything off platform.openai.com is `null`.
 */
export function platformPageOf(url: URL | string): PlatformPage | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  if (parsed.origin !== PLATFORM_ORIGIN) return null;
  const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : parsed.pathname;
  const second = path.indexOf('/', 1);
  if (!SERVED_FIRST_SEGMENTS.has(path.slice(1, second === -1 ? undefined : second))) return null;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    const projectId = match.slice(1).find((group) => group !== undefined);
    return projectId === undefined
      ? { kind: route.kind, legacy: route.legacy }
      : { kind: route.kind, legacy: route.legacy, projectId };
  }
  return null;
}

export function isPanelPage(page: PlatformPage | null): page is PlatformPage & { kind: PanelPageKind } {
  return page !== null && page.kind !== 'playground';
}

/** Two pages are the same for the panel when kind and project agree (a query or hash change is not a new page). */
export function samePage(a: PlatformPage | null, b: PlatformPage | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && a.projectId === b.projectId;
}

/** The routes as data, for the tests and the README. */
export const PLATFORM_ROUTES: readonly Readonly<RouteRow>[] = ROUTES;
