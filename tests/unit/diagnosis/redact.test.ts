import fc from 'fast-check';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { OPENAI_KEY_MARKER } from '@/utils/diagnosis/keys';
import { findKeyLikeStrings, REDACTION_PATTERNS, redactKeys } from '@/utils/diagnosis/redact';

const body = (length: number, seed = 'a1B2c3D4e5'): string =>
  seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
const projectKey = `sk-proj-${body(70)}${OPENAI_KEY_MARKER}${body(70, 'Zy9_x8-W7')}Q1w2`;
const legacyKey = `sk-${body(20)}${OPENAI_KEY_MARKER}${body(20, 'Xk7')}`;

/** The test's own definition of a live key, written independently of redact.ts. */
function containsLiveKey(text: string): boolean {
  return /sk-[A-Za-z0-9_-]*T3BlbkFJ/.test(text) || /sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40}/.test(text);
}

describe('redactKeys', () => {
  it('masks keys in prose, JSON and code', () => {
    expect(redactKeys(`my key is ${projectKey}, help`)).toBe('my key is sk-proj-…Q1w2, help');
    expect(redactKeys(`{"api_key":"${legacyKey}"}`)).toBe(`{"api_key":"sk-…${legacyKey.slice(-4)}"}`);
    expect(redactKeys(`OPENAI_API_KEY=${projectKey}\nnext`)).toBe('OPENAI_API_KEY=sk-proj-…Q1w2\nnext');
  });

  it('masks the partial keys OpenAI echoes back', () => {
    const echo =
      'Incorrect API key provided: sk-proj-********************************************************************abcd. You can find your API key at https://platform.openai.com/account/api-keys.';
    expect(redactKeys(echo)).toBe(
      'Incorrect API key provided: sk-proj-…abcd. You can find your API key at https://platform.openai.com/account/api-keys.',
    );
    expect(
      redactKeys('Incorrect API key provided: sk-abc12***************************************xyz9.'),
    ).toBe('Incorrect API key provided: sk-…xyz9.');
  });

  it('masks hand-shortened forms and is idempotent', () => {
    expect(redactKeys('I used sk-abc...wxyz and sk-proj-****abcd')).toBe('I used sk-…wxyz and sk-proj-…abcd');
    expect(redactKeys('sk-proj-…abcd')).toBe('sk-proj-…abcd');
    const once = redactKeys(`a ${projectKey} b sk-proj-****9876 c`);
    expect(redactKeys(once)).toBe(once);
  });

  it('masks Bearer tokens but keeps placeholders readable', () => {
    expect(redactKeys('Authorization: Bearer abc123def456ghi789')).toBe('Authorization: Bearer …i789');
    expect(redactKeys(`-H "Authorization: Bearer ${projectKey}"`)).toBe(
      '-H "Authorization: Bearer sk-proj-…Q1w2"',
    );
    expect(redactKeys('Authorization: Bearer undefined')).toBe('Authorization: Bearer undefined');
  });

  it('masks organization and project ids only when asked', () => {
    const text =
      'Rate limit reached for gpt-4o in organization org-AbCdEfGhIjKlMnOpQrStUvWx on tokens per min. Project `proj_AbCdEfGhIjKlMnOpQrSt1234` does not have access';
    expect(redactKeys(text)).toBe(text);
    expect(redactKeys(text, { maskIds: true })).toBe(
      'Rate limit reached for gpt-4o in organization org-…UvWx on tokens per min. Project `proj_…1234` does not have access',
    );
  });

  it('leaves ordinary words alone', () => {
    for (const text of [
      'risk-assessment-of-the-project-and-more',
      'task-manager-for-everyone-and-everything',
      'use scikit-learn and sk-learn',
      'an sk- key',
      'desk-1234567890123456789012345',
    ]) {
      expect(redactKeys(text)).toBe(text);
    }
  });

  it('masks a live key even when glued to a word', () => {
    expect(redactKeys(`KEY${projectKey}`)).toBe('KEYsk-proj-…Q1w2');
  });

  it('never leaves a live key shape', () => {
    const keyArb = fc
      .tuple(
        fc.constantFrom('sk-', 'sk-proj-', 'sk-svcacct-', 'sk-admin-'),
        fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/),
      )
      .map(([prefix, secret]) => `${prefix}${secret}${OPENAI_KEY_MARKER}${secret.slice(0, 10)}`);
    const textArb = fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 20 }),
          keyArb,
          fc.constantFrom('sk-', 'T3BlbkFJ', '...', '*', '…', 'Bearer ', '-', 'x'),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(textArb, fc.boolean(), (text, maskIds) => {
        expect(containsLiveKey(redactKeys(text, { maskIds }))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('changes nothing in text without key-like content', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[^sBbo]*$/), (text) => {
        expect(redactKeys(text)).toBe(text);
      }),
    );
  });

  it('runs in linear time on adversarial input', () => {
    const inputs = [
      'sk-'.repeat(100_000),
      `sk-${'a'.repeat(300_000)}`,
      `sk-${'a.'.repeat(100_000)}`,
      'Bearer '.repeat(50_000),
      `org-${'a'.repeat(300_000)}`,
    ];
    for (const input of inputs) {
      const started = performance.now();
      redactKeys(input, { maskIds: true });
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});

describe('findKeyLikeStrings', () => {
  it('reports positions, kinds and liveness', () => {
    const text = `a ${projectKey} b sk-proj-****abcd c ${legacyKey} d sk-abc...xyz`;
    const found = findKeyLikeStrings(text);
    expect(found.map((f) => [text.slice(f.start, f.end), f.kind, f.live])).toEqual([
      [projectKey, 'project', true],
      ['sk-proj-****abcd', 'project', false],
      [legacyKey, 'legacy', true],
      ['sk-abc...xyz', 'legacy', false],
    ]);
  });

  it('treats modern prefixes with 40+ key characters as live even without the marker', () => {
    const key = `sk-svcacct-${body(48)}`;
    expect(findKeyLikeStrings(key)).toEqual([
      { start: 0, end: key.length, kind: 'service_account', live: true },
    ]);
  });

  it('finds session keys', () => {
    const text = `cookie sess-${body(40)} end`;
    expect(findKeyLikeStrings(text)).toEqual([{ start: 7, end: 52, kind: 'unknown', live: true }]);
  });
});

describe('pattern safety', () => {
  it('runs only patterns a ReDoS checker finds safe', () => {
    for (const pattern of REDACTION_PATTERNS) {
      expect(checkSync(pattern.source, pattern.flags).status, pattern.source).toBe('safe');
    }
  }, 60_000);
});
