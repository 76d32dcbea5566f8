/**
 * "Copy report": a Markdown summary for a forum post or a support ticket — what was checked, the results, the
 * request ids OpenAI support asks for. The whole text goes through `redactKeys` at the end, so nothing shaped like
 * a key can leave, whatever a field happened to hold; organization and project ids are masked unless the user
 * unticks it.
 */
import { redactKeys } from '../diagnosis/redact';
import type { KeyKind, ModelResult, ProbeReport } from '../probes/types';
import { type CachedReport, DEFAULT_BASE_URL, type ProfileMeta } from '../storage';
import { describeTier, describeTierEvidence, selectKeyBanner } from './access-view';
import { formatUtc } from './time';

export interface ReportInput {
  profile: ProfileMeta;
  entry: CachedReport;
  /** Mask `org-…` and `proj_…` ids (default on). */
  maskIds: boolean;
  /** The extension's version, so a reader knows which rules produced the report. */
  version: string;
}

const KIND_WORDS: { readonly [K in KeyKind]: string } = {
  project: 'project key',
  service_account: 'service-account key',
  admin: 'admin key',
  legacy: 'legacy user key',
  unknown: 'unrecognised key shape',
};

const STATUS_WORDS = { ok: '✅ usable', denied: '❌ blocked', unknown: '❔ unknown' } as const;

/** A table cell: one line, no pipe that would split it. */
function cell(text: string | number | undefined): string {
  if (text === undefined || text === '') return '–';
  return String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** The answer that decided a model's row: the last request with an HTTP status, else the last one. */
function decisiveEvidence(result: ModelResult) {
  const withStatus = result.evidence.filter((entry) => entry.httpStatus !== undefined);
  return withStatus[withStatus.length - 1] ?? result.evidence[result.evidence.length - 1];
}

function keyLines(report: ProbeReport, profile: ProfileMeta): string[] {
  const key = report.key;
  const lines = [`- Key: \`${profile.maskedKey}\` (${KIND_WORDS[key.kind] ?? KIND_WORDS.unknown})`];
  if (profile.organizationId !== undefined)
    lines.push(`- Organization header: \`${profile.organizationId}\``);
  if (profile.projectId !== undefined) lines.push(`- Project header: \`${profile.projectId}\``);
  if (report.baseUrl !== DEFAULT_BASE_URL) lines.push(`- API base URL: ${report.baseUrl}`);
  lines.push(`- Key valid: ${key.valid === null ? 'could not be told' : key.valid ? 'yes' : 'no'}`);
  if (key.organizations.length > 0) {
    const orgs = key.organizations
      .map(
        (org) =>
          `\`${org.id}\`${org.isDefault === true ? ' (default)' : ''}${org.role ? `, ${org.role}` : ''}`,
      )
      .join('; ');
    lines.push(`- Organizations: ${orgs}`);
  }
  lines.push(
    `- Quota: ${key.quota.state === 'exhausted' ? `exhausted${key.quota.code ? ` (\`${key.quota.code}\`)` : ''}` : key.quota.state}`,
  );
  if (key.regionBlocked) lines.push('- Region: blocked (unsupported country, region or territory)');
  if (key.missingScopes !== undefined && key.missingScopes.length > 0) {
    lines.push(`- Missing scopes: ${key.missingScopes.map((scope) => `\`${scope}\``).join(', ')}`);
  }
  lines.push(`- ${describeTier(key.tier)}: ${describeTierEvidence(key.tier)}`);
  const canary = report.canary;
  lines.push(
    `- Zero-cost probing trusted: ${report.trusted ? 'yes' : 'NO'} (canary \`${canary.model}\` → ${canary.httpStatus ?? 'no answer'})`,
  );
  return lines;
}

export function buildReportMarkdown({ profile, entry, maskIds, version }: ReportInput): string {
  const { report } = entry;
  const lines: string[] = [
    '### OpenAI API access report',
    '',
    `Checked ${formatUtc(entry.checkedAt)} with Model Access Doctor ${version} (zero-cost probes: requests that fail on purpose before any tokens are used).`,
    '',
    ...keyLines(report, profile),
  ];
  const banner = selectKeyBanner(report);
  if (banner !== null) {
    lines.push('', `**Key-level problem — ${banner.title}** (\`${banner.category}\`): ${banner.text}`);
  }

  lines.push(
    '',
    '| Model | Result | Category | Confidence | HTTP | Request id |',
    '|---|---|---|---|---|---|',
  );
  const order = new Map(entry.models.map((model, index) => [model, index]));
  const results = [...report.models].sort(
    (a, b) =>
      (order.get(a.model) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.model) ?? Number.MAX_SAFE_INTEGER),
  );
  for (const result of results) {
    const evidence = decisiveEvidence(result);
    lines.push(
      `| \`${cell(result.model)}\` | ${STATUS_WORDS[result.status] ?? cell(result.status)} | ${cell(result.category)} | ${cell(result.confidence)} | ${cell(evidence?.httpStatus)} | ${evidence?.requestId ? `\`${cell(evidence.requestId)}\`` : '–'} |`,
    );
  }

  const problems = results.filter((result) => result.status !== 'ok');
  if (problems.length > 0) {
    lines.push('', '**Details**', '');
    for (const result of problems) {
      const evidence = decisiveEvidence(result);
      const answer =
        evidence === undefined
          ? ''
          : ` — ${evidence.method} ${evidence.path} → ${evidence.httpStatus ?? 'no HTTP answer'}${evidence.code ? ` \`${evidence.code}\`` : ''}${evidence.message ? `: “${cell(evidence.message)}”` : ''}`;
      const workaround =
        result.workaround !== undefined ? ` Closest usable model: \`${result.workaround}\`.` : '';
      lines.push(`- \`${result.model}\`: ${cell(result.summary)}${answer}${workaround}`);
    }
  }
  lines.push('', `Timing: ${Math.round(report.timings.totalMs)} ms, ${report.requestCount} requests.`);
  return redactKeys(`${lines.join('\n')}\n`, { maskIds });
}
