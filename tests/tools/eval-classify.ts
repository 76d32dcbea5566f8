/**
 * Scores the extension's classifier on the real-error corpus (tests/fixtures/errors/corpus.jsonl).
 *   npm run eval:classify            (runs: vite-node --config vitest.config.ts tests/tools/eval-classify.ts)
 *   npm run eval:classify -- --json  (the same figures as one JSON object, for scripts)
 *   npm run eval:classify -- --corpus other.jsonl  (score another file of the same format)
 * Prints precision, recall and support per label (the DESIGN §2.1 categories plus `none`), overall accuracy and
 * every misclassified item. It reports and never asserts: the exit code is 0 unless the corpus itself is malformed
 * (then 1, with the problems listed), so a bad score never hides behind a crash and a broken corpus never hides
 * behind a score. vite-node runs it with vitest.config.ts because that config carries the `@/` alias.
 */
import { classify } from '@/utils/diagnosis';
import { CATEGORY_IDS } from '@/utils/diagnosis/types';
import { CORPUS_PATH, type CorpusItem, type ExpectedLabel, loadCorpus } from '../fixtures/errors/corpus';

interface Outcome {
  item: CorpusItem;
  /** The classifier's category, `none` for no diagnosis, or `error: …` when it threw (always counted wrong). */
  got: string;
}

interface LabelScore {
  label: ExpectedLabel;
  support: number;
  predicted: number;
  correct: number;
  /** undefined when the classifier never predicted this label (precision has no denominator). */
  precision: number | undefined;
  /** undefined when the corpus has no item with this label. */
  recall: number | undefined;
}

const LABELS: readonly ExpectedLabel[] = [...CATEGORY_IDS, 'none'];

function classifyItem(item: CorpusItem): Outcome {
  try {
    const diagnosis = classify(item.text);
    return { item, got: diagnosis ? diagnosis.category : 'none' };
  } catch (error) {
    return { item, got: `error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function scoreLabels(outcomes: readonly Outcome[]): LabelScore[] {
  return LABELS.map((label) => {
    const support = outcomes.filter((o) => o.item.expected === label).length;
    const predicted = outcomes.filter((o) => o.got === label).length;
    const correct = outcomes.filter((o) => o.item.expected === label && o.got === label).length;
    return {
      label,
      support,
      predicted,
      correct,
      precision: predicted > 0 ? correct / predicted : undefined,
      recall: support > 0 ? correct / support : undefined,
    };
  });
}

function percent(value: number | undefined): string {
  return value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 100)}…` : flat;
}

function printReport(outcomes: readonly Outcome[], scores: readonly LabelScore[]): void {
  const labelWidth = Math.max(...LABELS.map((l) => l.length));
  const header = `${'label'.padEnd(labelWidth)}  ${'precision'.padStart(9)}  ${'recall'.padStart(7)}  ${'support'.padStart(7)}  ${'predicted'.padStart(9)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const s of scores) {
    console.log(
      `${s.label.padEnd(labelWidth)}  ${percent(s.precision).padStart(9)}  ${percent(s.recall).padStart(7)}  ${String(s.support).padStart(7)}  ${String(s.predicted).padStart(9)}`,
    );
  }
  const correct = outcomes.filter((o) => o.got === o.item.expected).length;
  const errorItems = outcomes.filter((o) => o.got === 'none' && o.item.expected !== 'none').length;
  const falseAlarms = outcomes.filter((o) => o.item.expected === 'none' && o.got !== 'none').length;
  console.log('-'.repeat(header.length));
  console.log(
    `accuracy: ${percent(outcomes.length ? correct / outcomes.length : undefined)} (${correct}/${outcomes.length}); ` +
      `errors missed (got none): ${errorItems}; non-errors diagnosed: ${falseAlarms}`,
  );

  const wrong = outcomes.filter((o) => o.got !== o.item.expected);
  console.log(`\nmisclassified: ${wrong.length}`);
  for (const o of wrong) {
    console.log(`  ${o.item.id}  expected ${o.item.expected}  got ${o.got}\n      ${preview(o.item.text)}`);
  }
}

/** The value after `--corpus`, or the project's corpus. */
function corpusFile(args: readonly string[]): string {
  const at = args.indexOf('--corpus');
  return (at >= 0 ? args[at + 1] : undefined) ?? CORPUS_PATH;
}

function main(): number {
  const file = corpusFile(process.argv);
  const { items, problems } = loadCorpus(file);
  if (problems.length > 0) {
    console.error(`The corpus ${file} is malformed (${problems.length} problem(s)):`);
    for (const p of problems) console.error(`  ${p}`);
    return 1;
  }
  const outcomes = items.map(classifyItem);
  const scores = scoreLabels(outcomes);
  if (process.argv.includes('--json')) {
    const correct = outcomes.filter((o) => o.got === o.item.expected).length;
    const report = {
      total: outcomes.length,
      correct,
      accuracy: outcomes.length ? correct / outcomes.length : null,
      labels: scores,
      misclassified: outcomes
        .filter((o) => o.got !== o.item.expected)
        .map((o) => ({ id: o.item.id, expected: o.item.expected, got: o.got, text: preview(o.item.text) })),
    };
    console.log(JSON.stringify(report, null, 2));
  } else {
    printReport(outcomes, scores);
  }
  return 0;
}

process.exitCode = main();
