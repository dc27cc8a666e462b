#!/usr/bin/env node
// Baseline (b) of the end-to-end bench: what a desk would script instead of a FIX gateway. ccxt's
// binance class, pointed at the project's BinanceSimulator, sends resting limit orders with
// createOrder, open loop at a fixed rate (or closed loop, flat out), and this prints one JSON line
// with exact latency percentiles. See bench/ccxt/README.md.
//
// ccxt is the one the CCXT sidecar installs (adapters/ccxt/bridge, `npm ci` during `mvn install`):
// this script has no package.json and no npm install of its own.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep, setImmediate as yieldToLoop } from 'node:timers/promises';
import {
  USAGE, UsageError, parseArgs, dueOffsetNanos, waitStep, runId, clientOrderId, latencyMicros,
} from './stats.mjs';

/** Exit code for bad arguments and for an exchange that cannot be reached at all. */
const EXIT_UNUSABLE = 2;

function fail(message) {
  process.stderr.write(`create-order: ${message}\n`);
  process.exit(EXIT_UNUSABLE);
}

/**
 * Imports the sidecar's ccxt (its ES module build, as `import ccxt from 'ccxt'` would) and reads the
 * installed package's version (ccxt's own `version` constant can lag the package by one patch).
 * @returns {Promise<{ccxt: object, version: string}>}
 */
async function loadCcxt() {
  const bridge = new URL('../../adapters/ccxt/bridge/package.json', import.meta.url);
  const require = createRequire(bridge);
  let resolved;
  try {
    resolved = require.resolve('ccxt');
  } catch (e) {
    throw new Error(`ccxt is not installed next to ${bridge.pathname} (run \`mvn install\` or \`npm ci\` there): ${e.message}`);
  }
  let dir = dirname(resolved);
  for (;;) {
    const candidate = join(dir, 'package.json');
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(candidate, 'utf8'));
    } catch {
      pkg = undefined;
    }
    if (pkg?.name === 'ccxt') {
      const entry = pkg.exports?.['.']?.import?.default ?? pkg.module ?? pkg.main;
      const mod = await import(pathToFileURL(join(dir, entry)).href);
      return { ccxt: mod.default ?? mod, version: pkg.version };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no ccxt package.json above ${resolved}`);
    dir = parent;
  }
}

/**
 * ccxt's binance (REST class) on the simulator: spot REST urls overridden, and the options that
 * keep loadMarkets to the one spot exchangeInfo request the simulator serves.
 */
function binanceOnSimulator(ccxt, args) {
  const exchange = new ccxt.binance({
    apiKey: args.apiKey,
    secret: args.secret,
    timeout: args.timeoutMs,
    // ccxt's client-side throttle is off: the bench starts the simulator with rate limits high
    // enough for the run, and a desk measuring the exchange would not throttle below its limits.
    enableRateLimit: false,
    options: {
      // loadMarkets: only GET /api/v3/exchangeInfo (the defaults also ask for USD-M and COIN-M
      // exchangeInfo, and GET /sapi/v1/capital/config/getall for currencies)
      fetchMarkets: { types: ['spot'] },
      fetchCurrencies: false,
      fetchMargins: false,
      // no GET /api/v3/time: the simulator runs on this machine's clock (ccxt's default, stated)
      adjustForTimeDifference: false,
    },
  });
  exchange.urls = exchange.deepExtend(exchange.urls, {
    api: { public: `${args.url}/api/v3`, private: `${args.url}/api/v3` },
  });
  return exchange;
}

/**
 * Counts the HTTP requests ccxt makes, per "METHOD url-without-query": wraps the instance's fetch
 * (ccxt's fetch2 calls it once per request). Costs a string slice and a Map update per request.
 */
function countRequests(exchange) {
  const counts = new Map();
  const fetch = exchange.fetch;
  exchange.fetch = function countedFetch(url, method = 'GET', headers = undefined, body = undefined) {
    const q = url.indexOf('?');
    const key = `${String(method).toUpperCase()} ${q < 0 ? url : url.slice(0, q)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return fetch.call(this, url, method, headers, body);
  };
  return {
    /** The counts since the last take, with paths relative to the origin, then starts over. */
    take(origin) {
      const out = {};
      for (const [k, v] of counts) out[k.replace(origin, '')] = v;
      counts.clear();
      return out;
    },
  };
}

function messageOf(e) {
  const text = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
  return text.length > 500 ? `${text.slice(0, 500)}...` : text;
}

/**
 * One phase (warm-up or measured) of n orders. Open loop when rate > 0: order i is started when it
 * is due (t0 + i/rate) whatever is still in flight, and its latency runs from its due time to the
 * moment createOrder resolved. Closed loop when rate is 0: one order at a time (and its cancel),
 * latency from its start.
 * @returns {Promise<{latencies: number[], ok: number, errors: number, firstError: string|null,
 *     cancelFailures: number, firstCancelError: string|null, elapsedNanos: bigint}>}
 */
async function runPhase(exchange, args, run, phase, n) {
  const result = { latencies: [], ok: 0, errors: 0, firstError: null, cancelFailures: 0, firstCancelError: null, elapsedNanos: 0n };
  const inFlight = [];
  const amount = Number(args.qty);
  const price = Number(args.price);
  let lastDone = 0n;
  const cancel = async (id) => {
    try {
      await exchange.cancelOrder(id, args.symbol);
    } catch (e) {
      result.cancelFailures += 1;
      result.firstCancelError ??= messageOf(e);
    }
  };
  const one = async (i, due) => {
    let order;
    try {
      order = await exchange.createOrder(args.symbol, 'limit', args.side, amount, price,
        { newClientOrderId: clientOrderId(run, phase, i) });
    } catch (e) {
      lastDone = process.hrtime.bigint();
      result.errors += 1;
      result.firstError ??= messageOf(e);
      return undefined;
    }
    const done = process.hrtime.bigint();
    lastDone = done;
    result.latencies.push(Number(done - due));
    result.ok += 1;
    return args.cancel ? cancel(order.id) : undefined;
  };

  const t0 = process.hrtime.bigint();
  if (args.rate === 0) {
    for (let i = 0; i < n; i++) await one(i, process.hrtime.bigint());
  } else {
    let i = 0;
    let due = t0;
    while (i < n) {
      const now = process.hrtime.bigint();
      while (i < n && due <= now) {
        inFlight.push(one(i, due));
        i += 1;
        if (i < n) due = t0 + dueOffsetNanos(i, args.rate);
      }
      if (i >= n) break;
      const step = waitStep(process.hrtime.bigint(), due);
      if (step.kind === 'timer') await sleep(step.ms);
      else if (step.kind === 'immediate') await yieldToLoop();
    }
    // every order's promise settles after its cancel (if any) did: none rejects
    await Promise.all(inFlight);
  }
  result.elapsedNanos = lastDone > t0 ? lastDone - t0 : 0n;
  return result;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) fail(`${e.message}\n${USAGE}`);
    throw e;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { ccxt, version } = await loadCcxt();
  const exchange = binanceOnSimulator(ccxt, args);
  const requests = countRequests(exchange);
  const origin = new URL(args.url).origin;

  try {
    await exchange.loadMarkets();
  } catch (e) {
    fail(`cannot load markets from ${args.url}: ${messageOf(e)}`);
  }
  if (exchange.markets[args.symbol] === undefined) {
    fail(`${args.symbol} is not listed by ${args.url} (markets: ${Object.keys(exchange.markets).slice(0, 10).join(', ')})`);
  }
  const loadMarketsRequests = requests.take(origin);

  const run = runId(Date.now(), Math.random);
  // warm-up: same schedule, nothing recorded (an order error here shows again in the measured run)
  await runPhase(exchange, args, run, 'w', args.warmup);
  requests.take(origin);
  const measured = await runPhase(exchange, args, run, 'm', args.count);
  const measuredRequests = requests.take(origin);

  const elapsedSeconds = Number(measured.elapsedNanos) / 1e9;
  const report = {
    tool: 'ccxt',
    ccxtVersion: version,
    node: process.version,
    rate: args.rate,
    sent: args.count,
    ok: measured.ok,
    errors: measured.errors,
    firstError: measured.firstError,
    elapsedSeconds: Math.round(elapsedSeconds * 1e6) / 1e6,
    throughput: elapsedSeconds > 0 ? Math.round((measured.ok / elapsedSeconds) * 10) / 10 : 0,
    latencyMicros: latencyMicros(measured.latencies),
    warmup: args.warmup,
    cancel: args.cancel,
    cancelFailures: measured.cancelFailures,
    firstCancelError: measured.firstCancelError,
    httpRequests: { loadMarkets: loadMarketsRequests, measured: measuredRequests },
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  // ccxt keeps idle keep-alive sockets for 60 s; the run is over
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`create-order: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
