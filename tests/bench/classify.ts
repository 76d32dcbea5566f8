/**
 * npm run bench:classify — speed figures for issue 3 (printed, not asserted):
 * - diagnoses per second over the real-error corpus (target ≥ 20,000/s);
 * - the pre-check's throughput on 1 MB of ordinary forum prose (target ≥ 200 MB/s), called per paragraph as the
 *   page scanner calls it, and on the whole megabyte at once;
 * - findErrorSpans per second over the corpus, for the scanner's budget.
 * The prose is generated from a fixed word list with a fixed seed, so every run measures the same text.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { classify } from '../../utils/diagnosis/classify';
import { mightContainError } from '../../utils/diagnosis/precheck';
import { findErrorSpans } from '../../utils/diagnosis/spans';

// Resolved from the working directory: the bundled copy runs from node_modules/.cache (npm runs scripts at the root).
const CORPUS = path.resolve('tests/fixtures/errors/corpus.jsonl');

/** Everyday words of forum posts (no error vocabulary: this is the text the pre-check must reject fast). */
const WORDS = (
  'the a of and to in is you that it he was for on are as with his they at be this have from or one had by word ' +
  'but not what all were we when your can said there use an each which she do how their if will up other about ' +
  'out many then them these so some her would make like him into time has look two more write go see number no ' +
  'way could people my than first water been call who its now find long down day did get come made may part over ' +
  'new sound take only little work know place year live me back give most very after thing our just name good ' +
  'sentence man think say great where help through much before line right too mean old any same tell boy follow ' +
  'came want show also around form three small set put end does another well large must big even such because ' +
  'turn here why ask went men read need land different home us move try kind hand picture again change off play ' +
  'spell air away animal house point page letter mother answer found study still learn should world thanks idea ' +
  'question maybe today project build share example simple happy together week friend morning group'
).split(' ');

/** 1 MB of prose in paragraphs of 40–160 words, deterministic (linear congruential generator, seed 1). */
function proseParagraphs(bytes: number): string[] {
  let seed = 1;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const paragraphs: string[] = [];
  let total = 0;
  while (total < bytes) {
    const words: string[] = [];
    const count = 40 + Math.floor(next() * 120);
    for (let i = 0; i < count; i++) {
      let word = WORDS[Math.floor(next() * WORDS.length)] as string;
      if (i === 0 || next() < 0.06) word = word[0]?.toUpperCase() + word.slice(1);
      words.push(next() < 0.08 ? `${word}.` : next() < 0.05 ? `${word},` : word);
    }
    const paragraph = words.join(' ');
    paragraphs.push(paragraph);
    total += paragraph.length + 1;
  }
  return paragraphs;
}

interface Rate {
  /** Rounds per second of wall-clock time. */
  wall: number;
  /** Rounds per second of this process's CPU time (fairer on a shared, busy machine). */
  cpu: number;
}

/** Run `work` repeatedly for at least `ms` milliseconds of CPU time. */
function measure(work: () => void, ms = 1500): Rate {
  for (let i = 0; i < 3; i++) work();
  let rounds = 0;
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  let cpuMs = 0;
  while (cpuMs < ms) {
    work();
    rounds++;
    const cpu = process.cpuUsage(cpuStart);
    cpuMs = (cpu.user + cpu.system) / 1000;
  }
  const wallMs = performance.now() - wallStart;
  return { wall: rounds / (wallMs / 1000), cpu: rounds / (cpuMs / 1000) };
}

const texts = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => (JSON.parse(line) as { text: string }).text);

const format = (value: number) => Math.round(value).toLocaleString('en-US');

const classifyRounds = measure(() => {
  for (const text of texts) classify(text);
});
const spanRounds = measure(() => {
  for (const text of texts) findErrorSpans(text);
});

const paragraphs = proseParagraphs(1_000_000);
const prose = paragraphs.join('\n');
const megabytes = prose.length / 1_000_000;
let flagged = 0;
for (const paragraph of paragraphs) if (mightContainError(paragraph)) flagged++;
let sink = 0;
const perParagraph = measure(() => {
  for (const paragraph of paragraphs) if (mightContainError(paragraph)) sink++;
});
// The whole megabyte at once stops at the first "maybe", so measure it on the paragraphs the pre-check rejects
// (joined with a full stop, so no phrase is formed across paragraphs): a full read of the text.
const clean = paragraphs.filter((paragraph) => !mightContainError(paragraph)).join('.\n');
const cleanMegabytes = clean.length / 1_000_000;
const whole = measure(() => {
  if (mightContainError(clean)) sink++;
});

const both = (rate: Rate, scale: number, unit: string) =>
  `${format(rate.wall * scale)} ${unit} wall-clock, ${format(rate.cpu * scale)} ${unit} of CPU time`;
const [load1] = loadavg();
console.log(
  `machine: ${cpus().length} CPUs, load average ${load1?.toFixed(1)} (wall-clock figures suffer when it is high)`,
);
console.log(
  `corpus: ${texts.length} texts, ${format(texts.reduce((n, t) => n + t.length, 0) / texts.length)} characters on average`,
);
console.log(`classify:           ${both(classifyRounds, texts.length, 'diagnoses/s')}   (target ≥ 20,000/s)`);
console.log(`findErrorSpans:     ${both(spanRounds, texts.length, 'texts/s')}`);
console.log(
  `prose: ${paragraphs.length} paragraphs, ${megabytes.toFixed(2)} MB; pre-check says "maybe" for ${flagged}`,
);
console.log(
  `mightContainError:  ${both(perParagraph, megabytes, 'MB/s')} per paragraph   (target ≥ 200 MB/s)`,
);
console.log(
  `mightContainError:  ${both(whole, cleanMegabytes, 'MB/s')} on ${cleanMegabytes.toFixed(2)} MB in one string (the rejected paragraphs)`,
);
if (sink < 0) console.log(sink);
