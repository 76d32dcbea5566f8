import { browser } from 'wxt/browser';
import {
  isMessageFailure,
  type MessageEnvelope,
  type MessageRequest,
  type MessageResponse,
  type MessageType,
} from '../messages';

/** Sends a typed message to the background and returns its typed answer; an error answer is thrown. */
export async function sendMessage<T extends MessageType>(
  type: T,
  payload: MessageRequest<T>,
): Promise<MessageResponse<T>> {
  const envelope: MessageEnvelope<T> = { mad: 1, type, payload };
  const answer: unknown = await browser.runtime.sendMessage(envelope);
  if (isMessageFailure(answer)) throw new Error(answer.madError);
  if (answer === undefined) throw new Error(`No answer to ${type}`);
  return answer as MessageResponse<T>;
}
