import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '@/utils/diagnosis/types';
import { loadCorpus, parseCorpus } from '../fixtures/errors/corpus';

// The corpus is what the classifier's accuracy claim rests on (issue 3): keep it well-formed and broad.
describe('error corpus (tests/fixtures/errors/corpus.jsonl)', () => {
  const { items, problems } = loadCorpus();

  it('parses: every line is a JSON item with a unique id, a valid label and an http(s) source', () => {
    expect(problems).toEqual([]);
  });

  it('holds at least 150 items', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
  });

  it.each([...CATEGORY_IDS])('has at least 5 items expecting %s', (category) => {
    expect(items.filter((item) => item.expected === category).length).toBeGreaterThanOrEqual(5);
  });

  it('has at least 30 items of text that holds no OpenAI error (expected none)', () => {
    expect(items.filter((item) => item.expected === 'none').length).toBeGreaterThanOrEqual(30);
  });

  it('holds no unredacted key (real keys carry T3BlbkFJ)', () => {
    expect(items.filter((item) => item.text.includes('T3BlbkFJ')).map((item) => item.id)).toEqual([]);
  });

  it('does not repeat the same text', () => {
    const seen = new Set<string>();
    const repeated = items.filter((item) => {
      const key = item.text.replace(/\s+/g, ' ').trim();
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    });
    expect(repeated.map((item) => item.id)).toEqual([]);
  });
});

// The checker must be able to fail: feed it the mistakes it exists to catch.
describe('parseCorpus', () => {
  const good = { id: 'a', text: 'Error code: 429', expected: 'rate_limit', source: 'https://example.com/1' };

  it('accepts a well-formed line and a trailing newline', () => {
    const parsed = parseCorpus(`${JSON.stringify(good)}\n`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.items).toEqual([good]);
  });

  it('reports a line that is not JSON', () => {
    expect(parseCorpus('{"id": "a",').problems[0]).toMatch(/^line 1: not JSON/);
  });

  it('reports a duplicate id', () => {
    const line = JSON.stringify(good);
    expect(parseCorpus(`${line}\n${line}`).problems).toEqual(['line 2: id "a" already used on line 1']);
  });

  it('reports an unknown label, a non-http source and a missing text', () => {
    const bad = { id: 'b', expected: 'rate_limited', source: 'github.com/x' };
    const { problems } = parseCorpus(JSON.stringify(bad));
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/"text"/);
    expect(problems.join('\n')).toMatch(/"expected" "rate_limited"/);
    expect(problems.join('\n')).toMatch(/"source"/);
  });

  it('accepts none as a label and rejects unknown fields', () => {
    expect(parseCorpus(JSON.stringify({ ...good, expected: 'none' })).problems).toEqual([]);
    expect(parseCorpus(JSON.stringify({ ...good, label: 'x' })).problems).toEqual([
      'line 1: unknown field(s) label',
    ]);
  });
});
