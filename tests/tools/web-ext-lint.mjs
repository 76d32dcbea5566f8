/**
 * `web-ext lint` on the Firefox build: fails on any error, and on any warning or notice not listed below
 * with the reason it is harmless. Run after `npm run build:firefox`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SOURCE = '.output/firefox-mv2';

/** Warnings we accept, each with why. Matched on code and file. */
const ACCEPTED = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^(chunks\/popup-[\w-]+\.js|content-scripts\/\w+\.js|[\w-]+\.js)$/,
    // Preact's own DOM diff sets innerHTML only for `dangerouslySetInnerHTML`, which our code never uses
    // (a unit test forbids it); the linter cannot tell the call site apart from the library.
    why: "Preact's dangerouslySetInnerHTML support (unused by our code)",
  },
];

if (!existsSync(SOURCE)) {
  console.error(`${SOURCE} is missing: run \`npm run build:firefox\` first`);
  process.exit(1);
}
let raw;
try {
  raw = execFileSync('npx', ['web-ext', 'lint', '--source-dir', SOURCE, '--output', 'json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
} catch (error) {
  // web-ext exits non-zero when there are errors; its JSON is still on stdout.
  raw = error.stdout;
}
const report = JSON.parse(raw);
const findings = [...report.errors, ...report.warnings, ...report.notices];
let failed = false;
for (const finding of findings) {
  const accepted =
    finding._type !== 'error' &&
    ACCEPTED.find((rule) => rule.code === finding.code && rule.file.test(finding.file ?? ''));
  const line = `${finding._type} ${finding.code} ${finding.file ?? ''}: ${finding.message}`;
  if (accepted) console.log(`accepted ${line} — ${accepted.why}`);
  else {
    console.error(`${line}\n  ${finding.description ?? ''}`);
    failed = true;
  }
}
console.log(
  `web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
);
process.exit(failed ? 1 : 0);
