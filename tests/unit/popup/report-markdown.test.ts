import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findKeyLikeStrings } from '@/utils/diagnosis/redact';
import { buildReportMarkdown } from '@/utils/popup/report-markdown';
import {
  deniedResult,
  makeCached,
  makeDiagnosis,
  makeKeyFacts,
  makeProfile,
  makeReport,
  okResult,
  REAL_LOOKING_KEY,
} from './fixtures';

const profile = makeProfile({
  organizationId: 'org-CCCCCCCCCCCCCCCCCCCCCCCC',
  projectId: 'proj_DDDDDDDDDDDDDDDDDDDDDDDD',
});

function report() {
  return makeReport([okResult('gpt-4o-mini'), deniedResult('gpt-4o')]);
}

describe('buildReportMarkdown', () => {
  it('lists what was checked, every model in the user’s order, and request ids', () => {
    const entry = makeCached(report(), {
      models: ['gpt-4o-mini', 'gpt-4o'],
      checkedAt: Date.UTC(2026, 10, 24, 14, 5),
    });
    const text = buildReportMarkdown({ profile, entry, maskIds: true, version: '1.2.3' });
    expect(text).toContain('Checked 2026-11-24 14:05 UTC with Model Access Doctor 1.2.3');
    expect(text).toContain('- Key: `sk-proj-…WXYZ` (project key)');
    expect(text).toContain('- Tier 3 (estimated): x-ratelimit-limit-tokens = 4,000,000');
    expect(text).toContain('| `gpt-4o-mini` | ✅ usable | ok | confirmed | 400 | `req_gpt-4o-mini` |');
    expect(text).toContain(
      '| `gpt-4o` | ❌ blocked | model_access_denied | confirmed | 403 | `req_gpt-4o` |',
    );
    expect(text.indexOf('`gpt-4o-mini` |')).toBeLessThan(text.indexOf('| `gpt-4o` |'));
    expect(text).toContain('**Details**');
    expect(text).toContain(
      '- `gpt-4o`: Project blocks gpt-4o — POST /chat/completions → 403 `model_not_found`',
    );
  });

  it('masks organization and project ids by default, and shows them when unticked', () => {
    const entry = makeCached(report());
    const masked = buildReportMarkdown({ profile, entry, maskIds: true, version: '1' });
    expect(masked).not.toContain('org-CCCCCCCCCCCCCCCCCCCCCCCC');
    expect(masked).not.toContain('proj_DDDDDDDDDDDDDDDDDDDDDDDD');
    expect(masked).not.toContain('org-BBBBBBBBBBBBBBBBBBBBBBBB');
    expect(masked).toContain('org-…CCCC');
    const open = buildReportMarkdown({ profile, entry, maskIds: false, version: '1' });
    expect(open).toContain('org-CCCCCCCCCCCCCCCCCCCCCCCC');
    expect(open).toContain('proj_DDDDDDDDDDDDDDDDDDDDDDDD');
  });

  it('never lets a key through, wherever it hides (an echoed message, a label, a summary)', () => {
    const leaky = deniedResult('gpt-4o', 'invalid_api_key');
    leaky.evidence[0]!.message = `Incorrect API key provided: ${REAL_LOOKING_KEY}.`;
    leaky.summary = `Bearer ${REAL_LOOKING_KEY}`;
    const entry = makeCached(makeReport([leaky]));
    for (const maskIds of [true, false]) {
      const text = buildReportMarkdown({
        profile: { ...profile, label: REAL_LOOKING_KEY },
        entry,
        maskIds,
        version: '1',
      });
      expect(text).not.toContain(REAL_LOOKING_KEY);
      expect(text).not.toContain(REAL_LOOKING_KEY.slice(8, 40));
      expect(findKeyLikeStrings(text).filter((found) => found.live)).toEqual([]);
    }
  });

  it('states a key-level problem and an untrusted canary', () => {
    const diagnosis = makeDiagnosis({
      category: 'insufficient_quota',
      title: 'No credit left',
      explanation: 'No credit. More.',
    });
    const entry = makeCached(
      makeReport([deniedResult('gpt-4o', 'insufficient_quota')], {
        key: makeKeyFacts({
          quota: { state: 'exhausted', code: 'insufficient_quota' },
          problem: { category: 'insufficient_quota', diagnosis },
        }),
        trusted: false,
        canary: { model: 'mad-canary-q', httpStatus: 400, trusted: false },
      }),
    );
    const text = buildReportMarkdown({ profile, entry, maskIds: true, version: '1' });
    expect(text).toContain('**Key-level problem — No credit left** (`insufficient_quota`): No credit.');
    expect(text).toContain('- Quota: exhausted (`insufficient_quota`)');
    expect(text).toContain('- Zero-cost probing trusted: NO (canary `mad-canary-q` → 400)');
  });

  it('keeps table rows intact whatever a message holds (pipes, newlines)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (message) => {
        const result = deniedResult('gpt-4o');
        result.summary = message;
        result.evidence[0]!.requestId = message;
        const text = buildReportMarkdown({
          profile,
          entry: makeCached(makeReport([result])),
          maskIds: true,
          version: '1',
        });
        const row = text.split('\n').find((line) => line.startsWith('| `gpt-4o`'));
        expect(row).toBeDefined();
        // 7 unescaped pipes: 6 columns.
        expect(row!.replace(/\\\|/g, '').split('|').length).toBe(8);
      }),
      { numRuns: 200 },
    );
  });
});
