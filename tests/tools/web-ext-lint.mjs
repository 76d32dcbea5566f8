/**
 * `web-ext lint` on the Firefox build: fails on any error, and on any warning or notice not listed below
 * with the reason it is harmless. Run after `npm run build:firefox`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SOURCE = '.output/firefox-mv2';

/** The minified source around a finding (web-ext reports 1-based lines and columns). */
function sourceAround(finding, radius = 60) {
  try {
    const lines = readFileSync(path.join(SOURCE, finding.file), 'utf8').split('\n');
    const line = lines[(finding.line ?? 1) - 1] ?? '';
    const column = (finding.column ?? 1) - 1;
    return line.slice(Math.max(0, column - radius), column + radius);
  } catch {
    return '';
  }
}

/**
 * Warnings we accept, each with why. Matched on code, file and the code at the flagged spot, so a chunk renamed by
 * the bundler is still recognised and an innerHTML assignment of our own is not.
 */
const ACCEPTED = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /\.js$/,
    // Preact's DOM diff: `dom.innerHTML = newHtml.__html`, reached only through `dangerouslySetInnerHTML`, which our
    // code never uses (tests/unit/project-rules.test.ts forbids it); the linter cannot tell the library's call site
    // from a use. Bundled into whichever chunk holds Preact (jsxRuntime, the content scripts).
    source: /[\w$]+\.innerHTML=[\w$]+\.__html\b/,
    why: "Preact's dangerouslySetInnerHTML support (unused by our code)",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^content-scripts\/\w+\.js$/,
    // utils/lazy-modules.ts: a content script imports its own lazily built UI module. The argument is always
    // `browser.runtime.getURL(<path of our own file>)`, so nothing from a page can reach it (mozilla/addons-linter
    // #4686: the rule flags any non-literal import).
    source: /import\([\w$]+(\.default)?\.runtime\.getURL\(/,
    why: 'import() of our own lazy module by its extension URL',
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
    ACCEPTED.find(
      (rule) =>
        rule.code === finding.code &&
        rule.file.test(finding.file ?? '') &&
        rule.source.test(sourceAround(finding)),
    );
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
