import fc from 'fast-check';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import {
  KEY_INPUT_PATTERNS,
  keyKind,
  maskKey,
  OPENAI_KEY_MARKER,
  parseKeyInput,
} from '@/utils/diagnosis/keys';

/** Synthetic keys with the real shapes (never real secrets). */
const body = (length: number, seed = 'a1B2c3D4e5'): string =>
  seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
const projectKey = `sk-proj-${body(70)}${OPENAI_KEY_MARKER}${body(70, 'Zy9_x8-W7')}Q1w2`;
const legacyKey = `sk-${body(20)}${OPENAI_KEY_MARKER}${body(20, 'Xk7')}`;
const serviceKey = `sk-svcacct-${body(60)}${OPENAI_KEY_MARKER}${body(40)}`;
const adminKey = `sk-admin-${body(60)}${OPENAI_KEY_MARKER}${body(40)}`;

describe('keyKind', () => {
  it.each([
    [projectKey, 'project'],
    [serviceKey, 'service_account'],
    [adminKey, 'admin'],
    [legacyKey, 'legacy'],
    ['sk-None-abc', 'legacy'],
    ['org-abc', 'unknown'],
    ['', 'unknown'],
    ['SK-proj-abc', 'unknown'],
  ])('%s → %s', (key, kind) => {
    expect(keyKind(key)).toBe(kind);
  });
});

describe('maskKey', () => {
  it('keeps the kind prefix and the last 4 characters', () => {
    expect(maskKey(projectKey)).toBe('sk-proj-…Q1w2');
    expect(maskKey(serviceKey)).toBe(`sk-svcacct-…${serviceKey.slice(-4)}`);
    expect(maskKey(adminKey)).toBe(`sk-admin-…${adminKey.slice(-4)}`);
    expect(maskKey(legacyKey)).toBe(`sk-…${legacyKey.slice(-4)}`);
  });

  it('reveals less of short or odd input', () => {
    expect(maskKey('sk-abc')).toBe('sk-…');
    expect(maskKey('sk-abcdefghij')).toBe('sk-…ij');
    expect(maskKey('')).toBe('…');
    expect(maskKey('hunter2')).toBe('…');
    expect(maskKey('not-a-key-but-long-enough')).toBe('…ough');
  });

  it('never shows more than 4 characters of the secret part', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'sk-', 'sk-proj-', 'sk-svcacct-', 'sk-admin-'),
        fc.string({ maxLength: 300 }),
        (prefix, secret) => {
          const masked = maskKey(prefix + secret);
          const shownPrefix = masked.slice(0, masked.indexOf('…'));
          const shownSecret = masked.slice(masked.indexOf('…') + 1);
          expect(shownSecret.length).toBeLessThanOrEqual(4);
          expect(secret.endsWith(shownSecret)).toBe(true);
          // The prefix shown is a kind prefix, never secret characters.
          expect(['', 'sk-', 'sk-proj-', 'sk-svcacct-', 'sk-admin-']).toContain(shownPrefix);
          expect(shownSecret.length).toBeLessThanOrEqual(Math.max(0, Math.floor(secret.length / 4)));
        },
      ),
    );
  });
});

describe('parseKeyInput: cleaning pasted keys', () => {
  it.each([
    [`  ${projectKey}  `, ['spaces']],
    [`${projectKey}\n`, ['newlines']],
    [`${projectKey.slice(0, 50)}\n${projectKey.slice(50)}`, ['newlines']],
    [`${projectKey.slice(0, 50)} ${projectKey.slice(50)}`, ['spaces']],
    [`"${projectKey}"`, ['quotes']],
    [`'${projectKey}'`, ['quotes']],
    [`\`${projectKey}\``, ['quotes']],
    [`“${projectKey}”`, ['quotes']],
    [`Bearer ${projectKey}`, ['Bearer prefix']],
    [`Authorization: Bearer ${projectKey}`, ['Authorization header name', 'Bearer prefix']],
    [`OPENAI_API_KEY=${projectKey}`, ['OPENAI_API_KEY= prefix']],
    [`export OPENAI_API_KEY="${projectKey}"`, ['OPENAI_API_KEY= prefix', 'quotes']],
    [`OPENAI_API_KEY = '${projectKey}'`, ['OPENAI_API_KEY= prefix', 'quotes']],
    [`set OPENAI_API_KEY=${projectKey}`, ['OPENAI_API_KEY= prefix']],
    [`$env:OPENAI_API_KEY="${projectKey}"`, ['OPENAI_API_KEY= prefix', 'quotes']],
    [`"OPENAI_API_KEY": "${projectKey}",`, ['OPENAI_API_KEY= prefix', 'quotes', 'trailing punctuation']],
    [`{"OPENAI_API_KEY": "${projectKey}"}`, ['OPENAI_API_KEY= prefix', 'quotes', 'trailing punctuation']],
    [`openai.api_key = "${projectKey}"`, ['openai.api_key= prefix', 'quotes']],
    [`api-key: ${projectKey}`, ['api-key= prefix']],
    [`\u200B${projectKey}\uFEFF`, ['invisible characters']],
    [`${projectKey}\u00A0`, ['spaces']],
    [`"Bearer ${projectKey}"\r\n`, ['newlines', 'quotes', 'Bearer prefix']],
  ])('%j', (raw, removed) => {
    const parsed = parseKeyInput(raw);
    expect(parsed.key).toBe(projectKey);
    expect(parsed.kind).toBe('project');
    expect(parsed.warnings).toEqual([]);
    for (const label of removed) expect(parsed.removed).toContain(label);
  });

  it('takes the key out of a line of code', () => {
    for (const raw of [
      `client = OpenAI(api_key="${projectKey}")`,
      `const openai = new OpenAI({ apiKey: '${projectKey}' });`,
      `headers = {"Authorization": "Bearer ${projectKey}"}`,
    ]) {
      const parsed = parseKeyInput(raw);
      expect(parsed.key, raw.slice(0, 20)).toBe(projectKey);
      expect(parsed.warnings).toEqual([]);
    }
    expect(parseKeyInput(`client = OpenAI(api_key="${projectKey}")`).removed).toContain('surrounding code');
  });

  it('does not cut a key that has a stray character inside', () => {
    const broken = `${projectKey.slice(0, 100)}…${projectKey.slice(100)}`;
    const parsed = parseKeyInput(broken);
    expect(parsed.key).toBe(broken);
    expect(parsed.warnings.join(' ')).toMatch(/U\+2026/);
  });

  it('reports nothing removed for a clean key', () => {
    expect(parseKeyInput(legacyKey)).toEqual({ key: legacyKey, kind: 'legacy', warnings: [], removed: [] });
  });

  it('does not strip assignments of unrelated variables', () => {
    const parsed = parseKeyInput('MODEL=gpt-4o-mini-2024-07-18-with-a-long-suffix');
    expect(parsed.key).toBe('MODEL=gpt-4o-mini-2024-07-18-with-a-long-suffix');
    expect(parsed.removed).toEqual([]);
    expect(parsed.warnings.join(' ')).toMatch(/sk-/);
  });
});

describe('parseKeyInput: warnings', () => {
  const warningsFor = (raw: string): string => parseKeyInput(raw).warnings.join('\n');

  it('names placeholders sent when the variable was empty', () => {
    for (const raw of [
      'undefined',
      'null',
      '"undefined"',
      'None',
      'YOUR_API_KEY',
      '<your key>',
      'sk-xxxxxxxx',
    ]) {
      expect(warningsFor(raw)).toMatch(/placeholder/);
    }
  });

  it('names variable references', () => {
    expect(warningsFor('$OPENAI_API_KEY')).toMatch(/name of a variable/);
    expect(warningsFor('process.env.OPENAI_API_KEY')).toMatch(/name of a variable/);
  });

  it('recognises ids and other providers’ keys', () => {
    expect(warningsFor('org-AbCdEfGhIjKlMnOpQrStUvWx')).toMatch(/organization id/);
    expect(warningsFor('proj_AbCdEfGhIjKlMnOpQrStUvWx')).toMatch(/project id/);
    expect(warningsFor(`sess-${body(40)}`)).toMatch(/session key/);
    expect(warningsFor(`sk-ant-api03-${body(80)}`)).toMatch(/Anthropic/);
    expect(warningsFor(`sk-or-v1-${body(64)}`)).toMatch(/OpenRouter/);
    expect(warningsFor(`AIza${body(35)}`)).toMatch(/Google/);
  });

  it('explains non-Latin-1 characters that make fetch throw', () => {
    const withEllipsis = `${projectKey.slice(0, 40)}…${projectKey.slice(-4)}`;
    const text = warningsFor(withEllipsis);
    expect(text).toMatch(/U\+2026/);
    expect(text).toMatch(/ByteString/);
    expect(text).toMatch(/masked or shortened/);
    // A Cyrillic "а" that looks like a Latin "a".
    expect(warningsFor(projectKey.replace('a', '\u0430'))).toMatch(/U\+0430.*ByteString/s);
  });

  it('distinguishes Latin-1 characters (sent, then refused by the server)', () => {
    const text = warningsFor(projectKey.replace('a', 'é'));
    expect(text).toMatch(/U\+00E9/);
    expect(text).not.toMatch(/ByteString/);
    expect(text).toMatch(/401/);
  });

  it('flags ASCII punctuation, missing prefix, short keys and a missing marker', () => {
    expect(warningsFor(projectKey.replace('a', '.'))).toMatch(/punctuation/);
    expect(warningsFor(projectKey.slice(3))).toMatch(/start with "sk-"/);
    expect(warningsFor('sk-proj-abc123')).toMatch(/only 14 characters/);
    expect(warningsFor(projectKey.replace(OPENAI_KEY_MARKER, 'ABCDEFGH'))).toMatch(/T3BlbkFJ/);
  });

  it('warns that admin keys cannot call models', () => {
    expect(warningsFor(adminKey)).toMatch(/admin key/);
  });

  it('never repeats the key in a warning', () => {
    for (const raw of [
      projectKey.replace('a', 'é'),
      projectKey.replace(OPENAI_KEY_MARKER, 'x'),
      adminKey,
      `${projectKey}…`,
    ]) {
      const parsed = parseKeyInput(raw);
      for (const warning of parsed.warnings) expect(warning).not.toContain(parsed.key.slice(8, 30));
    }
  });

  it('never throws and always returns a string key without whitespace', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500, unit: 'binary' }), (raw) => {
        const parsed = parseKeyInput(raw);
        expect(typeof parsed.key).toBe('string');
        expect(parsed.key).not.toMatch(/[\s\u200B\uFEFF]/);
        expect(Array.isArray(parsed.warnings)).toBe(true);
      }),
    );
    expect(() => parseKeyInput(undefined as unknown as string)).not.toThrow();
  });

  it('round-trips any real-shaped key wrapped in paste debris', () => {
    const wrappers = [
      (k: string) => ` ${k} `,
      (k: string) => `"${k}"`,
      (k: string) => `Bearer ${k}`,
      (k: string) => `export OPENAI_API_KEY='${k}'\n`,
      (k: string) => `${k.slice(0, 30)}\n  ${k.slice(30)}`,
    ];
    fc.assert(
      fc.property(
        fc.constantFrom('sk-', 'sk-proj-', 'sk-svcacct-'),
        fc.stringMatching(/^[A-Za-z0-9_-]{40,120}$/),
        fc.constantFrom(...wrappers),
        (prefix, secret, wrap) => {
          const key = `${prefix}${secret}${OPENAI_KEY_MARKER}`;
          expect(parseKeyInput(wrap(key)).key).toBe(key);
        },
      ),
    );
  });
});

describe('pattern safety', () => {
  it('runs only patterns a ReDoS checker finds safe', () => {
    for (const pattern of KEY_INPUT_PATTERNS) {
      expect(checkSync(pattern.source, pattern.flags).status, pattern.source).toBe('safe');
    }
  }, 60_000);

  it('the checker does catch the trailing-run pattern this module avoids', () => {
    expect(checkSync('[,;}]+$', '').status).toBe('vulnerable');
  }, 60_000);

  it('parses a hostile 200 KB paste quickly', () => {
    for (const raw of [
      ',;'.repeat(100_000),
      ' '.repeat(200_000),
      `OPENAI_API_KEY=${'='.repeat(200_000)}`,
      '"'.repeat(200_000),
      `${'a'.repeat(200_000)}:`,
    ]) {
      const started = performance.now();
      parseKeyInput(raw);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
