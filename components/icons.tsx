/**
 * Small stroke icons drawn inline, so they render the same in the popup and inside a page's shadow root, without
 * an icon font or emoji font (headless Chromium on Linux has none). Each one sits next to a text label: icons add
 * a non-colour signal, they never carry meaning alone (hence `aria-hidden`).
 */
import type { CategoryTone } from './diagnosis/categories';

export type IconName =
  | CategoryTone
  | 'ok'
  | 'denied'
  | 'unknown'
  | 'pending'
  | 'chevron'
  | 'external'
  | 'copy'
  | 'settings'
  | 'back'
  | 'close'
  | 'key'
  | 'plus'
  | 'trash'
  | 'refresh';

/** SVG path data on a 16×16 grid, stroked with currentColor. */
const PATHS: { readonly [N in IconName]: string } = {
  block: 'M8 1.75a6.25 6.25 0 1 0 0 12.5 6.25 6.25 0 0 0 0-12.5ZM3.6 3.6l8.8 8.8',
  access: 'M4 7.25h8v6.5H4zM5.75 7.25V5a2.25 2.25 0 0 1 4.5 0v2.25',
  limit: 'M8 1.75a6.25 6.25 0 1 0 0 12.5 6.25 6.25 0 0 0 0-12.5ZM8 4.5V8l2.5 1.75',
  code: 'M5.5 4 1.75 8l3.75 4M10.5 4l3.75 4-3.75 4',
  service: 'M4.5 12.5h7a3 3 0 0 0 .4-5.97A4 4 0 0 0 4.2 7.1 2.7 2.7 0 0 0 4.5 12.5Z',
  ok: 'M3 8.5 6.5 12 13 4.5',
  denied: 'M4 4l8 8M12 4l-8 8',
  unknown: 'M6 6a2 2 0 1 1 2.9 1.8c-.6.3-.9.8-.9 1.45V10M8 12.5v.25',
  pending: 'M8 1.75a6.25 6.25 0 1 0 6.25 6.25',
  chevron: 'M6 3.5 10.5 8 6 12.5',
  external: 'M9 2.5h4.5V7M13.5 2.5 7.5 8.5M11.5 9.5v4h-9v-9h4',
  copy: 'M5.5 5.5h8v8h-8zM10.5 5.5v-3h-8v8h3',
  settings:
    'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5ZM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
  back: 'M10 3.5 5.5 8l4.5 4.5',
  close: 'M4 4l8 8M12 4l-8 8',
  key: 'M6 10a3.5 3.5 0 1 1 2.45-6A3.5 3.5 0 0 1 6 10ZM8.5 8.5l5.5 5.5M11.5 11.5l1.5-1.5',
  plus: 'M8 3v10M3 8h10',
  trash: 'M2.5 4h11M6 4V2.5h4V4M4 4l.75 9.5h6.5L12 4',
  refresh: 'M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2v3.5H10',
};

export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  return (
    <svg
      class={className === undefined ? 'mad-icon' : `mad-icon ${className}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        stroke-width="1.6"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

/**
 * The extension's mark: a small rounded square with a check, drawn inline (no image request from the page).
 * Used by the platform panel and the explain page.
 */
export function BrandMark({ class: className, size }: { class: string; size: number }) {
  return (
    <svg
      class={className}
      viewBox="0 0 20 20"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
    >
      <rect x="1" y="1" width="18" height="18" rx="5" fill="currentColor" />
      <path
        d="M6 10.5 8.7 13 14 7.5"
        fill="none"
        stroke="var(--mad-on-accent)"
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}
