/**
 * The background's half of `npm run bench:scan`: the `content:findErrors` handler's work (`findErrorSpans` on
 * each text) in a Web Worker, so it runs off the page's main thread as it does in the extension's service
 * worker. Messages are JSON strings, as extension messages are serialised. It also reports its own time.
 */
import { findErrorSpans } from '@/utils/diagnosis/spans';

interface WorkerRequest {
  id: number;
  body: string;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  const started = performance.now();
  const { texts } = JSON.parse(event.data.body) as { texts: string[] };
  const results = texts.map((text) =>
    findErrorSpans(text).map(({ start, end, diagnosis }) => ({ start, end, diagnosis })),
  );
  const body = JSON.stringify({ results });
  scope.postMessage({ id: event.data.id, body, ms: performance.now() - started });
};
