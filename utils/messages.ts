/**
 * Every message between the extension's parts, typed, in one place.
 *
 * Names say the direction: `page:*` messages come from the extension's own pages (popup, explain page) and may
 * touch profiles and keys; `content:*` messages come from content scripts on community/platform pages and may
 * only ask for results by model id — never for a key, never for another host (DESIGN §1, STYLE: Dark Reader,
 * Bitwarden). The background checks the sender of every message against `MESSAGE_SENDERS`.
 */

/** Who may send a message. */
export type SenderKind = 'extension-page' | 'content-script';

/** The request and response of each message type. */
export interface MessageProtocol {
  /** Health check: any part of the extension may ask. */
  'any:ping': { request: Record<string, never>; response: { ok: true; version: string } };
}

export type MessageType = keyof MessageProtocol;
export type MessageRequest<T extends MessageType> = MessageProtocol[T]['request'];
export type MessageResponse<T extends MessageType> = MessageProtocol[T]['response'];

/** The envelope on the wire. */
export interface MessageEnvelope<T extends MessageType = MessageType> {
  /** Marks our messages apart from anything else on `runtime.onMessage`. */
  mad: 1;
  type: T;
  payload: MessageRequest<T>;
}

/** An error answer; handlers never throw across the wire (the polyfill would turn it into a bare string). */
export interface MessageFailure {
  madError: string;
}

/** Which senders each message accepts. A message missing here fails to compile. */
export const MESSAGE_SENDERS: { readonly [T in MessageType]: readonly SenderKind[] } = {
  'any:ping': ['extension-page', 'content-script'],
};

export const MESSAGE_TYPES = Object.keys(MESSAGE_SENDERS) as MessageType[];

export function isMessageEnvelope(value: unknown): value is MessageEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { mad?: unknown; type?: unknown; payload?: unknown };
  return (
    candidate.mad === 1 &&
    typeof candidate.type === 'string' &&
    Object.hasOwn(MESSAGE_SENDERS, candidate.type) &&
    typeof candidate.payload === 'object' &&
    candidate.payload !== null
  );
}

export function isMessageFailure(value: unknown): value is MessageFailure {
  return typeof value === 'object' && value !== null && typeof (value as MessageFailure).madError === 'string';
}
