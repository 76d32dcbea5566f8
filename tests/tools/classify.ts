/**
 * The evaluation command of DESIGN §2.2:
 *   npm run --silent classify < in.jsonl > out.jsonl
 * Reads JSON lines {"id": …, "text": …} on standard input and writes one line per input line, in order:
 * {"id": …, "category": <category id or "none">, "confidence": "high|medium|low"|null}, using exactly the
 * classifier the extension uses. A line that is not JSON, or has no string "text", gets {"id": …, "error": "…"}
 * (id null when it cannot be read). Blank lines are skipped. Nothing else is written to standard output.
 */
import { createInterface } from 'node:readline';
import { classify } from '../../utils/diagnosis/classify';

export interface CliOutput {
  id: unknown;
  category?: string;
  confidence?: string | null;
  error?: string;
}

/** One input line → one output object (exported for the unit test). */
export function classifyLine(line: string): CliOutput {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: 'not a JSON object' };
  }
  const record = value as Record<string, unknown>;
  const id = record.id ?? null;
  if (typeof record.text !== 'string') return { id, error: 'missing string field "text"' };
  const diagnosis = classify(record.text);
  return diagnosis
    ? { id, category: diagnosis.category, confidence: diagnosis.confidence }
    : { id, category: 'none', confidence: null };
}

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const out: string[] = [];
  for await (const line of lines) {
    if (line.trim().length === 0) continue;
    out.push(JSON.stringify(classifyLine(line)));
    if (out.length >= 256) {
      process.stdout.write(`${out.join('\n')}\n`);
      out.length = 0;
    }
  }
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
}

// Run only as a program, not when the unit test imports classifyLine.
if (process.argv[1] !== undefined && /classify\.(?:ts|mjs|js)$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`classify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
