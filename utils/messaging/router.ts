import {
  isMessageEnvelope,
  MESSAGE_SENDERS,
  type MessageFailure,
  type MessageRequest,
  type MessageResponse,
  type MessageType,
  type SenderKind,
} from '../messages';
import { classifySender, type SenderInfo } from './sender';

export interface HandlerContext {
  sender: SenderInfo;
  senderKind: SenderKind;
}

export type MessageHandlers = {
  [T in MessageType]: (payload: MessageRequest<T>, context: HandlerContext) => Promise<MessageResponse<T>>;
};

export interface RouterOptions {
  extensionId: string;
  /** `browser.runtime.getURL('/')`. */
  extensionBaseUrl: string;
  handlers: MessageHandlers;
  /** Where refused or failed messages are reported (never with the payload: it may hold a key). */
  log?: (text: string) => void;
}

/**
 * Builds the `runtime.onMessage` listener.
 *
 * For anything that is not ours, or that the sender may not send, it returns `undefined` synchronously: with
 * webextension-polyfill any other return value answers the message first and breaks other listeners.
 * For our messages it returns a promise that always resolves — failures become `{ madError }`.
 */
export function createMessageListener(options: RouterOptions) {
  const log = options.log ?? (() => {});
  return (message: unknown, sender: SenderInfo): Promise<unknown> | undefined => {
    if (!isMessageEnvelope(message)) return undefined;
    const senderKind = classifySender(sender, options.extensionId, options.extensionBaseUrl);
    if (senderKind === null || !MESSAGE_SENDERS[message.type].includes(senderKind)) {
      log(`refused ${message.type} from ${senderKind ?? 'an unknown sender'}`);
      return undefined;
    }
    const handler = options.handlers[message.type] as (
      payload: unknown,
      context: HandlerContext,
    ) => Promise<unknown>;
    return handler(message.payload, { sender, senderKind }).catch((error: unknown): MessageFailure => {
      const text = error instanceof Error ? error.message : String(error);
      log(`${message.type} failed: ${text}`);
      return { madError: text };
    });
  };
}
