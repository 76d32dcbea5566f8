/**
 * Discourse changes the URL while you scroll (`replaceState` to `/t/slug/123/45`, the post in view) and when you
 * open another topic (`pushState`). Only the second is a new page for the scanner: compare topic keys.
 */

const NUMBER = /^\d+$/;

/** `/t/some-slug/1234/56` and `/t/1234/56` → `t/1234`; other pages → their path. */
export function topicKeyFromUrl(url: URL | string): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  const segments = parsed.pathname.split('/').filter((segment) => segment.length > 0);
  if (segments[0] === 't' && segments.length >= 2) {
    const [, first = '', second = ''] = segments;
    if (NUMBER.test(first)) return `t/${first}`;
    if (NUMBER.test(second)) return `t/${second}`;
    return `t/${first}`;
  }
  return `/${segments.join('/')}`;
}
