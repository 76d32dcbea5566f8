/**
 * The built manifests against a reviewed snapshot (issue 8): fails on any permission, host, optional host,
 * content-script match or web-accessible resource that is new (or gone), on a loosened content security policy,
 * and on remote or string-evaluated code in the built files. Run after `npm run build && npm run build:firefox`.
 *
 * Changing the snapshot is a decision: update it here, with the reason, and in SECURITY.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What each permission is for. Keep in step with SECURITY.md ("Permissions"). */
const PERMISSIONS = {
  storage: 'keys (local or session, as the user chooses), profiles, settings, cached results',
  contextMenus: '"Explain this OpenAI error" on selected text; the selection arrives with the click',
};
const API_HOST = 'https://api.openai.com/*';
/** Asked for one at a time, when the user sets a custom API base URL (a proxy, a local gateway). */
const OPTIONAL_HOSTS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];
const CONTENT_MATCHES = ['https://community.openai.com/*', 'https://platform.openai.com/*'];
/**
 * The content scripts' own stylesheets (WXT injects them into our shadow roots), and their lazily imported UI
 * modules (utils/build/content-bundle.ts), each readable from its own script's origin only.
 */
const WEB_ACCESSIBLE = [
  'content-scripts/community.css',
  'content-scripts/platform.css',
  'content-scripts/lazy-community/*',
  'content-scripts/lazy-platform/*',
];

const SNAPSHOT = {
  'chrome-mv3': {
    manifest_version: 3,
    permissions: Object.keys(PERMISSIONS),
    host_permissions: [API_HOST],
    optional_host_permissions: OPTIONAL_HOSTS,
    optional_permissions: [],
    content_script_matches: CONTENT_MATCHES,
    web_accessible_resources: WEB_ACCESSIBLE,
    web_accessible_matches: CONTENT_MATCHES,
  },
  'firefox-mv2': {
    manifest_version: 2,
    // MV2 lists host permissions among the permissions.
    permissions: [...Object.keys(PERMISSIONS), API_HOST],
    host_permissions: [],
    optional_host_permissions: [],
    optional_permissions: OPTIONAL_HOSTS,
    content_script_matches: CONTENT_MATCHES,
    web_accessible_resources: WEB_ACCESSIBLE,
    web_accessible_matches: [],
  },
};

/** Keys that would open the extension to other extensions, web pages or remote code. None is wanted. */
const FORBIDDEN_KEYS = [
  'externally_connectable',
  'sandbox',
  'update_url',
  'key',
  'oauth2',
  'content_security_policy',
];

/** Code that runs strings as code, or loads it from elsewhere. */
const REMOTE_OR_EVAL = [
  [/\beval\s*\(/, 'eval('],
  [/\bnew\s+Function\s*\(/, 'new Function('],
  [/\bimportScripts\s*\(/, 'importScripts('],
  [/\bimport\s*\(\s*["'`]https?:/, 'import() of a remote URL'],
  [/\bsetTimeout\s*\(\s*["'`]/, 'setTimeout with a string'],
];
/**
 * Content scripts run next to web pages; they must not even know where keys are stored (`apiKey.<profile>` in
 * utils/storage.ts), so no change to them can read a key by accident. Checked in the built bundles.
 */
const KEY_STORAGE_NAME = /apiKey/;
const REMOTE_IN_HTML = /<(script|link|iframe|object|embed)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?\/\//i;
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>\s*\S/i;

const failures = [];
const fail = (build, text) => failures.push(`${build}: ${text}`);

function compare(build, what, actual, expected) {
  const have = new Set(actual);
  const want = new Set(expected);
  for (const item of have) if (!want.has(item)) fail(build, `new ${what}: ${item}`);
  for (const item of want) if (!have.has(item)) fail(build, `${what} gone: ${item} (update the snapshot)`);
}

function webAccessible(manifest) {
  const entries = manifest.web_accessible_resources ?? [];
  const resources = [];
  const matches = [];
  for (const entry of entries) {
    if (typeof entry === 'string') resources.push(entry);
    else {
      resources.push(...(entry.resources ?? []));
      matches.push(...(entry.matches ?? []));
      if (entry.extension_ids !== undefined) resources.push(`extension_ids:${entry.extension_ids.join(',')}`);
    }
  }
  return { resources, matches };
}

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else yield full;
  }
}

for (const [build, expected] of Object.entries(SNAPSHOT)) {
  const dir = path.join('.output', build);
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) {
    fail(build, `${file} is missing: build both targets first`);
    continue;
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  if (manifest.manifest_version !== expected.manifest_version) {
    fail(build, `manifest_version ${manifest.manifest_version}, expected ${expected.manifest_version}`);
  }
  compare(build, 'permission', manifest.permissions ?? [], expected.permissions);
  compare(build, 'host permission', manifest.host_permissions ?? [], expected.host_permissions);
  compare(
    build,
    'optional host permission',
    manifest.optional_host_permissions ?? [],
    expected.optional_host_permissions,
  );
  compare(build, 'optional permission', manifest.optional_permissions ?? [], expected.optional_permissions);
  const matches = (manifest.content_scripts ?? []).flatMap((script) => [
    ...(script.matches ?? []),
    ...(script.include_globs ?? []).map((glob) => `include_globs:${glob}`),
  ]);
  compare(build, 'content-script match', matches, expected.content_script_matches);
  for (const script of manifest.content_scripts ?? []) {
    if (script.all_frames) fail(build, `content script ${script.js} runs in all frames`);
    if (script.world === 'MAIN') fail(build, `content script ${script.js} runs in the page's world`);
  }
  const accessible = webAccessible(manifest);
  compare(build, 'web-accessible resource', accessible.resources, expected.web_accessible_resources);
  compare(build, 'web-accessible match', accessible.matches, expected.web_accessible_matches);
  for (const key of FORBIDDEN_KEYS) {
    // No custom CSP: the browsers' defaults for extension pages are the strict ones (MV3: script-src 'self'
    // 'wasm-unsafe-eval'; object-src 'self'. MV2 in Firefox: script-src 'self'; object-src 'self').
    if (manifest[key] !== undefined)
      fail(build, `manifest key ${key} is set: ${JSON.stringify(manifest[key])}`);
  }

  for (const full of filesUnder(dir)) {
    const relative = path.relative(dir, full);
    if (full.endsWith('.js')) {
      const code = readFileSync(full, 'utf8');
      for (const [pattern, name] of REMOTE_OR_EVAL) {
        if (pattern.test(code)) fail(build, `${relative} contains ${name}`);
      }
      if (relative.startsWith('content-scripts') && KEY_STORAGE_NAME.test(code)) {
        fail(build, `${relative} mentions the key storage (apiKey): content scripts must never read keys`);
      }
    } else if (full.endsWith('.html')) {
      const html = readFileSync(full, 'utf8');
      if (REMOTE_IN_HTML.test(html)) fail(build, `${relative} loads something from another origin`);
      if (INLINE_SCRIPT.test(html)) fail(build, `${relative} has an inline script (the CSP would block it)`);
    }
  }
}

if (failures.length > 0) {
  console.error(`manifest check failed:\n  ${failures.join('\n  ')}`);
  console.error(
    'If a change is intended, update the snapshot in tests/tools/check-manifest.mjs and SECURITY.md.',
  );
  process.exit(1);
}
console.log(
  `manifest check: ${Object.keys(SNAPSHOT).join(' and ')} match the snapshot (permissions ${Object.keys(PERMISSIONS).join(', ')}; host ${API_HOST}; ${CONTENT_MATCHES.length} content-script matches); default CSP; no remote or string-evaluated code; content scripts never name the key storage`,
);
