/**
 * The evaluation command of DESIGN §2.2, run the way the independent check runs it:
 *   npm run --silent classify < in.jsonl > out.jsonl
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyLine } from '../../tools/classify';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('classify command', () => {
  it('answers one JSON line per input line, in order, with errors for bad lines', () => {
    const input = [
      JSON.stringify({
        id: 'a',
        text: 'You exceeded your current quota, please check your plan and billing details.',
      }),
      JSON.stringify({ id: 2, text: 'The weather is lovely today.' }),
      'this is not json',
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ id: 'c', text: 'openai.APIConnectionError: Connection error.' }),
    ].join('\n');
    const run = spawnSync('npm', ['run', '--silent', 'classify'], {
      cwd: ROOT,
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    const out = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(out[0]).toEqual({ id: 'a', category: 'insufficient_quota', confidence: 'high' });
    expect(out[1]).toEqual({ id: 2, category: 'none', confidence: null });
    expect(out[2]?.id).toBeNull();
    expect(typeof out[2]?.error).toBe('string');
    expect(out[3]).toMatchObject({ id: 'no-text' });
    expect(typeof out[3]?.error).toBe('string');
    expect(out[4]).toMatchObject({ id: 'c', category: 'connection_error' });
  }, 90_000);

  it('maps a line the same way in process', () => {
    expect(classifyLine('{"id":1,"text":"Billing hard limit has been reached"}')).toEqual({
      id: 1,
      category: 'billing_limit',
      confidence: 'high',
    });
    expect(classifyLine('[1,2]')).toMatchObject({ id: null });
    expect(classifyLine('{"id":"x","text":42}')).toMatchObject({ id: 'x' });
  });
});
