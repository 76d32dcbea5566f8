import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { type LAZY_ENTRIES, lazyDir, writeLazyModules } from './utils/build/content-bundle';

// Hosts the extension may touch. Kept here, once, so the manifest snapshot test and the code agree.
const API_HOST = 'https://api.openai.com/*';
/** The site of each content script (they all have lazy UI modules: see the `build:manifestGenerated` hook). */
const CONTENT_MATCHES: Record<keyof typeof LAZY_ENTRIES, string> = {
  community: 'https://community.openai.com/*',
  platform: 'https://platform.openai.com/*',
};
const CONTENT_HOSTS = Object.values(CONTENT_MATCHES);
// A custom API base URL (a proxy, a regional endpoint) is asked for when the user sets it.
const OPTIONAL_HOSTS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];
/** Modules the extension pages share that the popup needs before its first paint (one chunk, see below). */
const SHARED_PAGE_CODE =
  /node_modules\/(preact|webextension-polyfill|@wxt-dev)\/|\/utils\/(storage|messages|messaging\/)|\/components\/(icons|diagnosis\/categories)/;

export default defineConfig({
  // `wxt/browser` becomes webextension-polyfill's promise-based `browser` (same code on Chrome and Firefox).
  modules: ['@wxt-dev/webextension-polyfill'],
  // Static files (the icons) live under assets/ to keep the fixed top-level layout.
  publicDir: 'assets/public',
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  /*
   * Firefox: Manifest V2 (WXT's default for Firefox), on purpose.
   * In Firefox MV3, host permissions are user-revocable and are not granted to temporary add-ons at install
   * (mozilla/web-ext#2980; MDN host_permissions), so our calls to api.openai.com and our content scripts would
   * silently do nothing until the user found the toggle in about:addons. MV2 grants them at install, supports
   * `storage.session` (Firefox 115+) and optional host permissions, and WXT builds both from the same source.
   */
  manifest: ({ browser }) => ({
    name: 'Model Access Doctor',
    description:
      'Explains OpenAI API access errors and checks, with your own key, which models you can use and why not.',
    // contextMenus: "Explain this OpenAI error" on selected text; the selection arrives with the click, so no
    // host permission is needed for it.
    permissions: ['storage', 'contextMenus'],
    host_permissions: [API_HOST],
    optional_host_permissions: OPTIONAL_HOSTS,
    action: { default_title: 'Model Access Doctor' },
    ...(browser === 'firefox'
      ? {
          // MV2 has no optional_host_permissions (WXT drops the key): the same hosts go in optional_permissions,
          // or Firefox refuses `permissions.request` for a custom base URL.
          optional_permissions: OPTIONAL_HOSTS,
          browser_specific_settings: {
            gecko: {
              id: 'model-access-doctor@model-access-doctor.dev',
              strict_min_version: '140.0',
              // Nothing is collected: the key and results stay in the browser (see SECURITY.md).
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions arrived in Firefox for Android 142 (web-ext lint says so).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      // Content script matches are declared in each entrypoint; assert here that they never widen.
      for (const script of manifest.content_scripts ?? []) {
        for (const match of script.matches ?? []) {
          if (!CONTENT_HOSTS.includes(match)) throw new Error(`content script match not allowed: ${match}`);
        }
      }
      // Each content script's lazily loaded UI modules (utils/build/content-bundle.ts), readable from that
      // script's site, where `import()` fetches them from (MV2 has no per-site list: there the random per-install
      // UUID hides them). A page that imports them itself gains nothing: they run nothing on import and reach no
      // extension API from the page. Listed from CONTENT_MATCHES, not from manifest.content_scripts, which a
      // development build for MV3 leaves empty (WXT registers the scripts at run time there).
      const accessible = (manifest.web_accessible_resources ?? []) as unknown[];
      for (const [name, match] of Object.entries(CONTENT_MATCHES)) {
        const resources = [`${lazyDir(name)}/*`];
        accessible.push(wxt.config.manifestVersion === 2 ? resources[0] : { resources, matches: [match] });
      }
      manifest.web_accessible_resources = accessible as typeof manifest.web_accessible_resources;
    },
    // Extension pages (popup, explain): the code both share goes into one chunk, not eight small ones, so the
    // popup fetches and starts three files before its first paint (npm run bench:popup).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entrypoint) => entrypoint.type === 'popup')) return;
      config.build ??= {};
      config.build.rollupOptions ??= {};
      const output = config.build.rollupOptions.output;
      if (Array.isArray(output)) return;
      config.build.rollupOptions.output = {
        ...output,
        codeSplitting: { groups: [{ name: 'shared', test: SHARED_PAGE_CODE }] },
      };
    },
    // WXT builds each content script as one classic script; the UI parts they load later are ES modules.
    'build:done': async (wxt) => {
      await writeLazyModules(wxt.config.outDir);
    },
  },
});
