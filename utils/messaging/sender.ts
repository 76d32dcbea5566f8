import type { SenderKind } from '../messages';

/** The parts of `runtime.MessageSender` we read. */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
}

/** Origins our content scripts run on (keep in step with the entrypoints' `matches`). */
export const CONTENT_SCRIPT_ORIGINS = [
  'https://community.openai.com',
  'https://platform.openai.com',
] as const;

/**
 * Decides who sent a message, or `null` when it is not one of ours.
 *
 * An extension page (popup, explain page) has our id and a URL under our own base URL, and is not a tab's
 * content script. A content script has our id, a tab, and a URL on one of the origins we inject into. Anything
 * else — another extension, a page URL we do not serve — is refused.
 */
export function classifySender(
  sender: SenderInfo,
  extensionId: string,
  extensionBaseUrl: string,
): SenderKind | null {
  if (sender.id !== extensionId) return null;
  const url = sender.url ?? '';
  if (url.startsWith(extensionBaseUrl)) return 'extension-page';
  if (sender.tab === undefined) return null;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return null;
  }
  return (CONTENT_SCRIPT_ORIGINS as readonly string[]).includes(origin) ? 'content-script' : null;
}
