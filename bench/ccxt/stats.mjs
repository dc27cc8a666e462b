// The pure parts of create-order.mjs: command-line parsing, the open-loop due-time schedule, the
// client order ids and exact percentiles. No I/O, no ccxt: node --test bench/ccxt/ covers them.

/** A bad command line: create-order.mjs prints the message and the usage on stderr and exits 2. */
export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `usage: node bench/ccxt/create-order.mjs --url http://127.0.0.1:PORT --api-key KEY --secret SECRET
         --rate R --count N [--warmup W] [--cancel] [--symbol BTC/USDT] [--side buy|sell]
         [--qty 0.001] [--price 50000] [--timeout-ms 10000]
  --rate R      orders per second, open loop (order i is due at t0 + i/R); 0 = closed loop, one at a time
  --count N     measured orders; --warmup W orders are sent first and not recorded
  --cancel      cancel each order once its createOrder resolved (not measured)
  prints one JSON line on stdout; exit 0 when the run completed, 2 for bad arguments or an unreachable exchange`;

const OPTIONS = Object.freeze({
  '--url': 'url',
  '--api-key': 'apiKey',
  '--secret': 'secret',
  '--symbol': 'symbol',
  '--side': 'side',
  '--qty': 'qty',
  '--price': 'price',
  '--rate': 'rate',
  '--count': 'count',
  '--warmup': 'warmup',
  '--timeout-ms': 'timeoutMs',
});

const FLAGS = Object.freeze({ '--cancel': 'cancel', '--help': 'help', '-h': 'help' });

const DECIMAL = /^(?:\d+\.?\d*|\.\d+)$/;
const INTEGER = /^\d+$/;

function positiveDecimal(name, text) {
  if (!DECIMAL.test(text) || !(Number(text) > 0)) throw new UsageError(`${name} must be a positive decimal, got ${JSON.stringify(text)}`);
  return text;
}

function wholeNumber(name, text, min) {
  if (!INTEGER.test(text)) throw new UsageError(`${name} must be a whole number, got ${JSON.stringify(text)}`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${name} must be at least ${min}, got ${text}`);
  return n;
}

/**
 * Parses create-order.mjs's arguments ("--name value", "--name=value", flags without a value).
 * --url, --api-key, --secret, --rate and --count are required; the others default to a 0.001 BTC/USDT
 * buy at 50000 with no warm-up, no cancel and ccxt's 10 s timeout. qty and price stay decimal strings.
 * @param {string[]} argv the arguments after the script name
 * @returns {{help: true} | {url: string, apiKey: string, secret: string, symbol: string, side: string,
 *     qty: string, price: string, rate: number, count: number, warmup: number, cancel: boolean, timeoutMs: number}}
 * @throws {UsageError} for an unknown option, a missing or malformed value
 */
export function parseArgs(argv) {
  const raw = {};
  let cancel = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (FLAGS[name] !== undefined) {
      if (name !== arg) throw new UsageError(`${name} takes no value`);
      if (FLAGS[name] === 'help') return { help: true };
      cancel = true;
      continue;
    }
    const key = OPTIONS[name];
    if (key === undefined) throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    let value;
    if (name !== arg) {
      value = arg.slice(eq + 1);
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
      value = argv[++i];
    }
    if (raw[key] !== undefined) throw new UsageError(`${name} is given twice`);
    raw[key] = value;
  }
  for (const [name, key] of [['--url', 'url'], ['--api-key', 'apiKey'], ['--secret', 'secret'], ['--rate', 'rate'], ['--count', 'count']]) {
    if (raw[key] === undefined || raw[key] === '') throw new UsageError(`${name} is required`);
  }
  let url;
  try {
    url = new URL(raw.url);
  } catch {
    throw new UsageError(`--url is not a URL: ${JSON.stringify(raw.url)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be http:// or https://, got ${raw.url}`);
  if (!DECIMAL.test(raw.rate) || !Number.isFinite(Number(raw.rate))) {
    throw new UsageError(`--rate must be a non-negative number (0 = closed loop), got ${JSON.stringify(raw.rate)}`);
  }
  const side = raw.side ?? 'buy';
  if (side !== 'buy' && side !== 'sell') throw new UsageError(`--side must be buy or sell, got ${JSON.stringify(side)}`);
  const symbol = raw.symbol ?? 'BTC/USDT';
  if (!/^[A-Z0-9]+\/[A-Z0-9]+$/.test(symbol)) throw new UsageError(`--symbol must be a spot symbol such as BTC/USDT, got ${JSON.stringify(symbol)}`);
  return {
    url: raw.url.replace(/\/+$/, ''),
    apiKey: raw.apiKey,
    secret: raw.secret,
    symbol,
    side,
    qty: positiveDecimal('--qty', raw.qty ?? '0.001'),
    price: positiveDecimal('--price', raw.price ?? '50000'),
    rate: Number(raw.rate),
    count: wholeNumber('--count', raw.count, 1),
    warmup: raw.warmup === undefined ? 0 : wholeNumber('--warmup', raw.warmup, 0),
    cancel,
    timeoutMs: raw.timeoutMs === undefined ? 10000 : wholeNumber('--timeout-ms', raw.timeoutMs, 1),
  };
}

/**
 * When order i is due in an open loop at rate orders/s, as nanoseconds after t0: round(i * 1e9 / rate).
 * @param {number} i order index, from 0
 * @param {number} rate orders per second, > 0
 * @returns {bigint}
 * @throws {RangeError} for a rate that is not positive or a negative index
 */
export function dueOffsetNanos(i, rate) {
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be positive, got ${rate}`);
  if (!Number.isSafeInteger(i) || i < 0) throw new RangeError(`index must be a non-negative integer, got ${i}`);
  return BigInt(Math.round((i * 1e9) / rate));
}

/** Below this much time to the next due order the scheduler yields with setImmediate instead of a timer. */
export const SPIN_BELOW_NANOS = 2_000_000n;

/**
 * How the open-loop scheduler waits for the next due time: timers fire late by up to a millisecond
 * or so, so it sleeps on a timer only until about 1 ms before the due time (ms = whole milliseconds
 * left, minus one), and yields with setImmediate (which still lets I/O callbacks run) for the rest.
 * @param {bigint} now hrtime nanoseconds
 * @param {bigint} due hrtime nanoseconds of the next order
 * @returns {{kind: 'now'} | {kind: 'immediate'} | {kind: 'timer', ms: number}}
 */
export function waitStep(now, due) {
  const left = due - now;
  if (left <= 0n) return { kind: 'now' };
  if (left < SPIN_BELOW_NANOS) return { kind: 'immediate' };
  return { kind: 'timer', ms: Number(left / 1_000_000n) - 1 };
}

const CLIENT_ORDER_ID = /^[a-zA-Z0-9_-]{1,36}$/;

/**
 * A run id: base-36 milliseconds plus 4 random base-36 characters, unique enough between runs
 * against one simulator account.
 * @param {number} nowMs
 * @param {() => number} random a source in [0, 1)
 */
export function runId(nowMs, random) {
  const suffix = Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0');
  return `${nowMs.toString(36)}${suffix}`;
}

/**
 * The newClientOrderId of order i of a phase ("w" warm-up, "m" measured): "cb" + run + phase + i,
 * within Binance's ^[a-zA-Z0-9-_]{1,36}$.
 * @throws {RangeError} when the result would not be a valid Binance client order id
 */
export function clientOrderId(run, phase, i) {
  const id = `cb${run}${phase}${i}`;
  if (!CLIENT_ORDER_ID.test(id)) throw new RangeError(`not a valid Binance client order id: ${JSON.stringify(id)}`);
  return id;
}

/**
 * Exact percentiles (nearest rank: the smallest value with at least p of all values at or below
 * it, i.e. sorted[ceil(p * n) - 1]) of all the values, plus min, max and mean.
 * @param {ArrayLike<number>} values latencies in any unit, any order; not modified
 * @returns {{min: number, p50: number, p90: number, p99: number, p999: number, max: number, mean: number} | null}
 *     null when there are no values
 */
export function percentiles(values) {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  // per mille in integers: 0.999 * n in floating point can land just above a whole number
  const rank = (perMille) => sorted[Math.max(0, Math.ceil((perMille * n) / 1000) - 1)];
  return { min: sorted[0], p50: rank(500), p90: rank(900), p99: rank(990), p999: rank(999), max: sorted[n - 1], mean: sum / n };
}

/**
 * Nanosecond latencies to the report's microseconds, rounded to 0.1 µs.
 * @param {ArrayLike<number>} nanos
 * @returns {object|null} percentiles() of the values in microseconds
 */
export function latencyMicros(nanos) {
  const p = percentiles(nanos);
  if (p === null) return null;
  const out = {};
  for (const [k, v] of Object.entries(p)) out[k] = Math.round(v / 100) / 10;
  return out;
}
