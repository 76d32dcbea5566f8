/**
 * findErrorSpans: the ranges the forum scanner highlights — the error itself, not the whole post.
 */
import { describe, expect, it } from 'vitest';
import { findErrorSpans } from '@/utils/diagnosis';

const texts = (text: string) => findErrorSpans(text).map((span) => text.slice(span.start, span.end));

describe('findErrorSpans', () => {
  it('marks one span for a traceback: the final exception line, not the frames', () => {
    const block = [
      'Traceback (most recent call last):',
      '  File "/app/bot.py", line 40, in answer',
      '    reply = client.chat.completions.create(model=MODEL, messages=history)',
      '  File "/venv/lib/python3.12/site-packages/openai/_base_client.py", line 1059, in request',
      '    raise self._make_status_error_from_response(err.response) from None',
      "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}",
    ].join('\n');
    const spans = findErrorSpans(block);
    expect(spans).toHaveLength(1);
    expect(spans[0]?.diagnosis.category).toBe('insufficient_quota');
    expect(block.slice(spans[0]?.start, spans[0]?.end)).toMatch(
      /^openai\.RateLimitError: Error code: 429 - \{.*\}\}$/,
    );
  });

  it('takes a pretty-printed JSON body whole, with its label line', () => {
    const block =
      'The app shows:\n\nError: 401\n{\n  "error": {\n    "message": "Incorrect API key provided: sk-abc***xyz.",\n    "type": "invalid_request_error",\n    "param": null,\n    "code": "invalid_api_key"\n  }\n}\n\nAny idea?';
    const [only, ...rest] = texts(block);
    expect(rest).toEqual([]);
    expect(only?.startsWith('Error: 401')).toBe(true);
    expect(only?.endsWith('}\n}')).toBe(true);
  });

  it('narrows a prose paragraph to the quoted message', () => {
    const paragraph =
      'Since yesterday every request from my Vercel function fails. The log says "Country, region, or territory not supported" although I am in Germany. Has anyone seen this before and found a way around it?';
    expect(texts(paragraph)).toEqual(['Country, region, or territory not supported']);
  });

  it('narrows an unquoted prose paragraph to the error sentences', () => {
    const paragraph =
      'I upgraded the SDK this morning and tried the new model right away. Now I get: The model `gpt-5-pro` does not exist or you do not have access to it. I have paid tier 3 credits, so I really do not understand why this happens to me.';
    const [only] = texts(paragraph);
    expect(only).toBe('The model `gpt-5-pro` does not exist or you do not have access to it.');
  });

  it('finds two different errors as two spans, in order', () => {
    const log = [
      '10:00:01 INFO start',
      '10:00:02 ERROR Incorrect API key provided: sk-old***1234.',
      '10:00:03 INFO switching key',
      '10:00:04 INFO retry',
      '10:00:05 INFO retry',
      '10:00:06 INFO retry',
      '10:00:07 INFO retry',
      '10:00:08 INFO retry',
      '10:00:09 ERROR Rate limit reached for gpt-4o in organization org-abcdefghijk on requests per min (RPM): Limit 3, Used 3, Requested 1.',
    ].join('\n');
    const spans = findErrorSpans(log);
    expect(spans.map((span) => span.diagnosis.category)).toEqual(['invalid_api_key', 'rate_limit']);
    expect((spans[0]?.end ?? 0) <= (spans[1]?.start ?? 0)).toBe(true);
  });

  it('keeps an HTML gateway page together as one span', () => {
    const block =
      'openai.InternalServerError: <html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>cloudflare</center>\n</body>\n</html>';
    expect(findErrorSpans(block)).toHaveLength(1);
  });

  it('finds nothing in text without an OpenAI error', () => {
    expect(findErrorSpans('Thanks, that fixed it! The bot answers again.')).toEqual([]);
    expect(
      findErrorSpans('ollama._types.ResponseError: model "llama3" not found, try pulling it first'),
    ).toEqual([]);
  });
});
