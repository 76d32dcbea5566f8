/**
 * The cheap pre-check the page scanner runs on every paragraph before it asks for a diagnosis.
 *
 * Contract: `classify` itself starts with this check on text input, so it can never find an error in text the
 * pre-check rejected — the scanner loses nothing by skipping. The anchors below therefore have to cover every
 * way an error can be recognised (catalogue patterns, codes, exception names, status lines); the catalogue
 * test checks each entry's examples and the whole corpus against it.
 *
 * Why an automaton and not a regular expression: a case-insensitive alternation of ~100 words makes V8's
 * backtracking engine try every alternative at every position (~120 MB/s measured on prose). An Aho–Corasick
 * automaton compiled once into a flat table reads each character exactly once (≥ 300 MB/s on the same prose).
 */

/**
 * Lower-case words and phrases of which at least one appears in every error the classifier can recognise.
 * Generous on purpose: a false "maybe" only costs one classify call; a missing anchor hides an error.
 * Whitespace inside a phrase matches one space, tab or newline.
 */
export const PRECHECK_ANCHORS: readonly string[] = [
  // generic error vocabulary
  'error',
  'exception',
  'failed',
  'failure',
  'traceback',
  'status code',
  'http/',
  'http ',
  'warning',
  // HTTP statuses people quote
  '400',
  '401',
  '403',
  '404',
  '408',
  '409',
  '413',
  '422',
  '429',
  '500',
  '502',
  '503',
  '504',
  '520',
  '522',
  '524',
  'bad request',
  'unauthori',
  'forbidden',
  'not found',
  'too many requests',
  'bad gateway',
  'gateway',
  'unavailable',
  'internal server',
  // keys and accounts
  'api key',
  'api_key',
  'api-key',
  'apikey',
  'openai',
  'bytestring',
  'header',
  'codec',
  'latin-1',
  'authenticat',
  'credential',
  'permission',
  'scope',
  'member',
  'organization',
  'organisation',
  'deactivat',
  'terminat',
  'suspend',
  'banned',
  'region',
  'country',
  'territory',
  'verif',
  // money and limits
  'quota',
  'exceed',
  'limit',
  'billing',
  'credit',
  'spend',
  'payment',
  'throttl',
  'per min',
  'per day',
  // models and endpoints
  'model',
  'engine',
  'deployment',
  'does not exist',
  'not exist',
  'deprecat',
  'discontinu',
  'retired',
  'shut down',
  'completion',
  'endpoint',
  'responses',
  'invalid',
  'unrecogni',
  'unknown',
  'unsupported',
  'not supported',
  'not allowed',
  'parameter',
  'not of type',
  'tool_call',
  'argument',
  'context',
  'tokens',
  'too long',
  'too large',
  // client code
  'no attribute',
  'cannot import',
  'not a constructor',
  'not a function',
  'migrat',
  'removed',
  'proxies',
  'proxy',
  'keyword',
  // network
  'econn',
  'etimedout',
  'enotfound',
  'eai_again',
  'ehostunreach',
  'enetunreach',
  'certificate',
  'ssl',
  'tls',
  'timed out',
  'timeout',
  'time out',
  'connection',
  'connect',
  'socket',
  'getaddrinfo',
  'refused',
  'reset',
  'abort',
  'unreachable',
  'network',
  // server side
  'overload',
  'slow down',
  'server',
  'try again',
  'retry',
  // catalogue wordings that hold none of the words above (each tested bare in precheck-wordings.test.ts)
  'bearer undefined',
  'bearer null',
  'greater than 255',
  'iso-8859-1',
  'no token found',
  'no key found',
  'your tier',
  'usage tier',
  'resource you are requesting',
  'default (1) value',
  'reduce the length',
  'cert_has_expired',
  'premature close',
  'experiencing high',
  'experiencing heavy',
  'experiencing unusually',
  'not authorized',
  'allow list',
  'allowlist',
  'json body',
  'required property',
  'too short',
  // safety
  'safety',
  'policy',
  'policies',
  'flagged',
  'content filter',
  'content_filter',
  'moderation',
  'violat',
];

/**
 * Words in other scripts for the errors people describe in their own language (Chinese, Japanese, Russian
 * issue trackers): quota, rate limit, key, region, model, timeout, error. Checked only when the text has
 * characters of those scripts, so English prose pays nothing for them.
 */
export const WIDE_ANCHORS: readonly string[] = [
  '错误',
  '报错',
  '异常',
  '失败',
  '配额',
  '额度',
  '余额',
  '频率',
  '速率',
  '限制',
  '密钥',
  '作用域',
  '缺少范围',
  '秘钥',
  '无效',
  '地区',
  '国家',
  '模型',
  '超时',
  '连接',
  '封号',
  '停用',
  '上下文',
  'エラー',
  'クォータ',
  'レート',
  'キー',
  '無効',
  '地域',
  'タイムアウト',
  'ошибк',
  'квот',
  'лимит',
  'ключ',
  'регион',
  'модел',
];

/** The compiled automaton: a flat transition table over character classes. */
interface Automaton {
  /** UTF-16 unit → character class (0 = any other character, including all non-ASCII). */
  classOf: Uint8Array;
  /**
   * (state offset + class) → next state offset, where a state's offset is state × class count (premultiplied so
   * the inner loop does one addition), or ACCEPT when an anchor ends there.
   */
  next: Uint32Array;
}

const ACCEPT = 0xffffffff;

function buildAutomaton(anchors: readonly string[]): Automaton {
  // Indexed by any UTF-16 unit: non-ASCII units are class 0, so the inner loop needs no range check.
  const classOf = new Uint8Array(65536);
  let classCount = 1;
  const classFor = (char: string): number => {
    const code = char.charCodeAt(0);
    if (classOf[code] === 0) {
      const id = classCount++;
      classOf[code] = id;
      const upper = char.toUpperCase().charCodeAt(0);
      if (upper < 128) classOf[upper] = id;
    }
    return classOf[code] as number;
  };
  // White space is one class so "status code" also matches "status\ncode".
  const space = classFor(' ');
  for (const ws of ['\t', '\n', '\r']) classOf[ws.charCodeAt(0)] = space;
  for (const anchor of anchors) for (const char of anchor) classFor(char);

  // Trie, then failure links (Aho–Corasick), then the full transition table.
  const children: Array<Map<number, number>> = [new Map()];
  const terminal: boolean[] = [false];
  for (const anchor of anchors) {
    let state = 0;
    for (const char of anchor) {
      const cls = classOf[char.charCodeAt(0)] as number;
      let child = children[state]?.get(cls);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        terminal.push(false);
        children[state]?.set(cls, child);
      }
      state = child;
    }
    terminal[state] = true;
  }
  const stateCount = children.length;
  const table = new Uint32Array(stateCount * classCount);
  const failure = new Uint32Array(stateCount);
  const queue: number[] = [];
  for (let cls = 0; cls < classCount; cls++) {
    const child = children[0]?.get(cls);
    if (child !== undefined) {
      table[cls] = child;
      queue.push(child);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    const fail = failure[state] as number;
    if (terminal[fail]) terminal[state] = true;
    for (let cls = 0; cls < classCount; cls++) {
      const child = children[state]?.get(cls);
      const viaFailure = table[fail * classCount + cls] as number;
      if (child !== undefined) {
        failure[child] = viaFailure;
        table[state * classCount + cls] = child;
        queue.push(child);
      } else {
        table[state * classCount + cls] = viaFailure;
      }
    }
  }
  // Premultiply and mark accepting targets.
  const next = new Uint32Array(table.length);
  for (let i = 0; i < table.length; i++) {
    const target = table[i] as number;
    next[i] = terminal[target] ? ACCEPT : target * classCount;
  }
  return { classOf, next };
}

const AUTOMATON = buildAutomaton(PRECHECK_ANCHORS);

/**
 * True when `text` might hold an OpenAI API error (one of PRECHECK_ANCHORS occurs, ASCII case-insensitive).
 * False means classify would return null: the scanner may skip the text.
 */
export function mightContainError(text: string): boolean {
  const { classOf, next } = AUTOMATON;
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    state = next[state + (classOf[text.charCodeAt(i)] as number)] as number;
    if (state === ACCEPT) return true;
  }
  return WIDE_SCRIPT.test(text) && WIDE_ANCHORS.some((anchor) => text.includes(anchor));
}

/** Cyrillic, CJK and other scripts of WIDE_ANCHORS (one cheap scan, only after the automaton said no). */
const WIDE_SCRIPT = /[\u0400-\uffff]/;
