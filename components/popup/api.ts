/**
 * Everything the popup does outside itself, in one injectable object: messages to the background, the host
 * permission prompt, the clipboard and the clock. Tests pass a fake; the popup entrypoint uses `defaultPopupApi`.
 */
import { browser } from 'wxt/browser';
import type { MessageRequest, MessageResponse, MessageType } from '@/utils/messages';
import { sendMessage } from '@/utils/messaging/client';

export interface PopupApi {
  send<T extends MessageType>(type: T, payload: MessageRequest<T>): Promise<MessageResponse<T>>;
  /** Asks the browser for an optional host permission; must run inside the click that asked for it. */
  requestHostPermission(origin: string): Promise<boolean>;
  copyText(text: string): Promise<void>;
  now(): number;
  version: string;
}

export function defaultPopupApi(): PopupApi {
  return {
    send: sendMessage,
    requestHostPermission: (origin) => browser.permissions.request({ origins: [origin] }),
    copyText: (text) => navigator.clipboard.writeText(text),
    now: () => Date.now(),
    version: browser.runtime.getManifest().version,
  };
}
