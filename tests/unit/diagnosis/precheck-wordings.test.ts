/**
 * The pre-check's contract (utils/diagnosis/precheck.ts): classify never finds an error in text the pre-check
 * rejected, so every wording the catalogue recognises must hold one of its anchors. These catalogue rules hold
 * none of the general words ("error", "model", "limit"…), so each is tried bare, the way it is pasted alone.
 */
import { describe, expect, it } from 'vitest';
import { classify, mightContainError } from '@/utils/diagnosis';

const BARE: Array<[entry: string, text: string]> = [
  ['api-key-placeholder', "Authorization: 'Bearer undefined'"],
  [
    'api-key-bad-characters',
    'Cannot convert argument to a ByteString because the character at index 7 has a value of 8230 which is greater than 255.',
  ],
  ['api-key-bad-characters', 'Header value contains non ISO-8859-1 code point'],
  ['model-not-allowed', 'gpt-image-1 is not available on your usage tier'],
  ['endpoint-invalid-url', 'The resource you are requesting could not be found'],
  ['parameter-sampling-on-reasoning', 'Only the default (1) value is supported.'],
  ['context-length', 'Please reduce the length of the messages.'],
  ['connection-tls', 'CERT_HAS_EXPIRED'],
  ['ip-not-allowed', 'IP address is not authorized'],
  ['ip-not-allowed', 'Your IP is not on the allow list'],
  ['request-malformed', 'We could not parse the JSON body of your request.'],
  ['request-malformed', "'messages' is a required property"],
  ['request-malformed', "[] is too short - 'messages'"],
  [
    'request-malformed',
    "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'.",
  ],
];

describe('wordings without a general word pass the pre-check', () => {
  it.each(BARE)('%s: %s', (_, text) => {
    expect(mightContainError(text)).toBe(true);
  });

  it.each(BARE)('%s is recognised from its wording alone: %s', (entry, text) => {
    const diagnosis = classify(text);
    expect(diagnosis, text).not.toBeNull();
    expect(diagnosis?.entryId).toBe(entry);
  });
});
