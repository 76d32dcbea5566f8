/**
 * `npm run bench:probes` (issue 4): a probe of 12 models against the fake API at 150 ms injected latency,
 * through the real SDK over loopback. Prints the measured time, the ideal ceil(N / limit)·L + one round of key
 * checks, their ratio (target ≤ 1.2) and the requests sent per model (target 1 for a healthy key).
 *
 * `--strict` exits 1 when a target is missed. Options: `--latency=<ms>`, `--runs=<n>`, `--concurrency=<n>`.
 */
import { defaultProbeModels } from '../../utils/diagnosis/models';
import { runProbe } from '../../utils/probes';
import { chatModel, FAKE_KEYS, FAKE_MODELS, OTHER_LIMITS, startFakeApi } from '../fake-api';

function option(name: string, fallback: number): number {
  const raw = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const LATENCY_MS = option('latency', 150);
const RUNS = option('runs', 5);
const CONCURRENCY = option('concurrency', 4);
const MODEL_COUNT = 12;
const strict = process.argv.includes('--strict');

/** The catalogue's defaults first, topped up with older models the fake knows, to exactly twelve. */
function benchModels(): string[] {
  const models = defaultProbeModels().slice(0, MODEL_COUNT);
  for (const id of ['gpt-4o-mini', 'gpt-4o', 'gpt-5-mini', 'gpt-4.1', 'gpt-4.1-mini']) {
    if (models.length >= MODEL_COUNT) break;
    if (!models.includes(id)) models.push(id);
  }
  return models;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const models = benchModels();
  // A default the fake does not know yet is a plain chat model to it (the catalogue grows faster).
  const extraModels = Object.fromEntries(
    models
      .filter((id) => !Object.hasOwn(FAKE_MODELS, id))
      .map((id) => [id, chatModel(OTHER_LIMITS, 1, false)]),
  );
  const server = await startFakeApi({ latencyMs: LATENCY_MS, extraModels });
  const profile = { apiKey: FAKE_KEYS.tier3, baseUrl: server.baseUrl };
  try {
    await runProbe(profile, models, { concurrency: CONCURRENCY }); // Warm-up: module and connection set-up.
    const totals: number[] = [];
    let perModel = 0;
    let keyCheckRequests = 0;
    let notOk = 0;
    for (let run = 0; run < RUNS; run++) {
      server.clearRequests();
      const started = performance.now();
      const report = await runProbe(profile, models, { concurrency: CONCURRENCY });
      totals.push(performance.now() - started);
      const modelRequests = server.requests.filter(
        (request) => request.model !== undefined && models.includes(request.model),
      );
      perModel = modelRequests.length / models.length;
      keyCheckRequests = server.requests.length - modelRequests.length;
      notOk = report.models.filter((result) => result.status !== 'ok').length;
    }
    const measured = median(totals);
    const ideal = Math.ceil(models.length / CONCURRENCY) * LATENCY_MS + LATENCY_MS;
    const ratio = measured / ideal;
    const lines = [
      `models: ${models.length} (${models.join(', ')})`,
      `latency injected: ${LATENCY_MS} ms, concurrency: ${CONCURRENCY}, runs: ${RUNS} (median)`,
      `measured: ${measured.toFixed(0)} ms (runs: ${totals.map((t) => t.toFixed(0)).join(', ')})`,
      `ideal: ceil(${models.length}/${CONCURRENCY})·${LATENCY_MS} + ${LATENCY_MS} (key checks) = ${ideal} ms`,
      `ratio: ${ratio.toFixed(3)} (target ≤ 1.2) ${ratio <= 1.2 ? 'OK' : 'MISSED'}`,
      `requests per model: ${perModel.toFixed(2)} (target 1) ${perModel === 1 ? 'OK' : 'MISSED'}`,
      `key-check requests per run: ${keyCheckRequests} (/v1/me, /v1/models, canary${keyCheckRequests > 3 ? ', tier hint' : ''})`,
      `models not ok: ${notOk} (healthy tier-3 key: expect 0)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (strict && (ratio > 1.2 || perModel !== 1 || notOk !== 0)) process.exitCode = 1;
  } finally {
    await server.close();
  }
}

await main();
