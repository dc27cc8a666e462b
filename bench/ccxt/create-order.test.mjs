// node --test bench/ccxt/ : the pure parts of create-order.mjs (stats.mjs), plus its exit-code
// contract for a bad command line and an exchange that cannot be reached (no server is started).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  UsageError, parseArgs, dueOffsetNanos, waitStep, SPIN_BELOW_NANOS, runId, clientOrderId, percentiles, latencyMicros,
} from './stats.mjs';

const BASE = ['--url', 'http://127.0.0.1:18765', '--api-key', 'K', '--secret', 'S', '--rate', '5', '--count', '40'];

test('parseArgs reads the bench runner\'s full command line', () => {
  const a = parseArgs(['--url', 'http://127.0.0.1:18765/', '--api-key', 'fixbridge-demo-key', '--secret', 'fixbridge-demo-secret',
    '--symbol', 'ETH/USDT', '--side', 'sell', '--qty', '0.01', '--price', '90000', '--rate', '2500.5', '--count', '1000',
    '--warmup', '200', '--cancel', '--timeout-ms', '3000']);
  assert.deepEqual(a, {
    url: 'http://127.0.0.1:18765', apiKey: 'fixbridge-demo-key', secret: 'fixbridge-demo-secret', symbol: 'ETH/USDT',
    side: 'sell', qty: '0.01', price: '90000', rate: 2500.5, count: 1000, warmup: 200, cancel: true, timeoutMs: 3000,
  });
});

test('parseArgs defaults: a 0.001 BTC/USDT buy at 50000, no warm-up, no cancel, 10 s timeout; --name=value works', () => {
  const a = parseArgs(['--url=http://127.0.0.1:1', '--api-key=K', '--secret=S=with=equals', '--rate=0', '--count=3']);
  assert.equal(a.secret, 'S=with=equals');
  assert.equal(a.rate, 0);
  assert.equal(a.symbol, 'BTC/USDT');
  assert.equal(a.side, 'buy');
  assert.equal(a.qty, '0.001');
  assert.equal(a.price, '50000');
  assert.equal(a.warmup, 0);
  assert.equal(a.cancel, false);
  assert.equal(a.timeoutMs, 10000);
});

test('parseArgs --help wins', () => {
  assert.deepEqual(parseArgs(['--help']), { help: true });
  assert.deepEqual(parseArgs([...BASE, '-h']), { help: true });
});

test('parseArgs refuses what the runner should never send', () => {
  const bad = [
    [[...BASE, '--bogus', '1'], /unknown argument/],
    [BASE.slice(2), /--url is required/],
    [BASE.slice(0, 8), /--count is required/],
    [[...BASE.slice(0, 6), '--count', '40'], /--rate is required/],
    [[...BASE, '--rate', '6'], /given twice/],
    [[...BASE, '--warmup'], /needs a value/],
    [[...BASE, '--cancel=yes'], /takes no value/],
    [['--url', 'ftp://x', ...BASE.slice(2)], /http:\/\/ or https:\/\//],
    [['--url', 'not a url', ...BASE.slice(2)], /not a URL/],
    [[...BASE.slice(0, 6), '--rate', '-1', '--count', '4'], /--rate must be/],
    [[...BASE.slice(0, 6), '--rate', 'Infinity', '--count', '4'], /--rate must be/],
    [[...BASE.slice(0, 8), '--count', '0'], /--count must be at least 1/],
    [[...BASE.slice(0, 8), '--count', '2.5'], /whole number/],
    [[...BASE, '--warmup', '-3'], /whole number/],
    [[...BASE, '--qty', '0'], /--qty must be a positive decimal/],
    [[...BASE, '--price', '1e5'], /--price must be a positive decimal/],
    [[...BASE, '--side', 'BUY'], /--side must be buy or sell/],
    [[...BASE, '--symbol', 'BTCUSDT'], /--symbol must be a spot symbol/],
  ];
  for (const [argv, message] of bad) {
    assert.throws(() => parseArgs(argv), (e) => e instanceof UsageError && message.test(e.message), argv.join(' '));
  }
});

test('dueOffsetNanos: order i is due i/R seconds after t0', () => {
  assert.equal(dueOffsetNanos(0, 5), 0n);
  assert.equal(dueOffsetNanos(1, 5), 200_000_000n);
  assert.equal(dueOffsetNanos(40, 5), 8_000_000_000n);
  assert.equal(dueOffsetNanos(1, 3), 333_333_333n);
  assert.equal(dueOffsetNanos(2, 3), 666_666_667n, 'rounded, not truncated');
  assert.equal(dueOffsetNanos(3, 3), 1_000_000_000n, 'no drift: computed from i, not summed');
  assert.equal(dueOffsetNanos(1, 2500.5), 399_920n);
  assert.equal(dueOffsetNanos(10_000_000, 10_000), 1_000_000_000_000n);
});

test('dueOffsetNanos: strictly increasing at any rate the bench uses', () => {
  for (const rate of [1, 7, 333, 5000, 10000, 20000]) {
    let previous = -1n;
    for (let i = 0; i < 3000; i++) {
      const due = dueOffsetNanos(i, rate);
      assert.ok(due > previous, `rate ${rate}, order ${i}`);
      previous = due;
    }
  }
});

test('dueOffsetNanos refuses a closed-loop rate and bad indexes', () => {
  assert.throws(() => dueOffsetNanos(1, 0), RangeError);
  assert.throws(() => dueOffsetNanos(1, -5), RangeError);
  assert.throws(() => dueOffsetNanos(1, Number.NaN), RangeError);
  assert.throws(() => dueOffsetNanos(-1, 5), RangeError);
  assert.throws(() => dueOffsetNanos(1.5, 5), RangeError);
});

test('waitStep: start now when due, yield below 2 ms, else a timer ending about 1 ms early', () => {
  const now = 1_000_000_000n;
  assert.deepEqual(waitStep(now, now), { kind: 'now' });
  assert.deepEqual(waitStep(now, now - 5n), { kind: 'now' });
  assert.deepEqual(waitStep(now, now + 1n), { kind: 'immediate' });
  assert.deepEqual(waitStep(now, now + SPIN_BELOW_NANOS - 1n), { kind: 'immediate' });
  assert.deepEqual(waitStep(now, now + SPIN_BELOW_NANOS), { kind: 'timer', ms: 1 });
  assert.deepEqual(waitStep(now, now + 200_000_000n), { kind: 'timer', ms: 199 });
  assert.deepEqual(waitStep(now, now + 200_999_999n), { kind: 'timer', ms: 199 });
});

test('percentiles are exact nearest-rank values of all samples', () => {
  const values = Array.from({ length: 1000 }, (_, i) => 1000 - i); // 1000 .. 1, unsorted
  const copy = [...values];
  assert.deepEqual(percentiles(values), { min: 1, p50: 500, p90: 900, p99: 990, p999: 999, max: 1000, mean: 500.5 });
  assert.deepEqual(values, copy, 'the input is not sorted in place');
});

test('percentiles of small and uneven samples', () => {
  assert.equal(percentiles([]), null);
  assert.deepEqual(percentiles([7]), { min: 7, p50: 7, p90: 7, p99: 7, p999: 7, max: 7, mean: 7 });
  const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
  assert.deepEqual(percentiles(ten), { min: 1, p50: 5, p90: 9, p99: 10, p999: 10, max: 10, mean: 5.5 });
  // 101 samples 0..100: p50 is the 51st (50), p90 the 91st (90), p99 the 100th (99), p999 the 101st
  const r = percentiles(Array.from({ length: 101 }, (_, i) => i));
  assert.deepEqual([r.p50, r.p90, r.p99, r.p999], [50, 90, 99, 100]);
  // numeric order, not string order
  assert.equal(percentiles([100, 20, 3]).p50, 20);
});

test('latencyMicros turns nanoseconds into microseconds rounded to 0.1', () => {
  assert.equal(latencyMicros([]), null);
  const m = latencyMicros([1_234_567, 2_000_049, 3_000_051]);
  assert.deepEqual(m, { min: 1234.6, p50: 2000, p90: 3000.1, p99: 3000.1, p999: 3000.1, max: 3000.1, mean: 2078.2 });
});

test('client order ids are valid for Binance and unique within and between phases', () => {
  const run = runId(Date.UTC(2026, 10, 21), () => 0.999999);
  assert.match(run, /^[0-9a-z]{12}$/);
  assert.notEqual(runId(1, () => 0), runId(1, () => 0.5));
  const ids = new Set();
  for (const phase of ['w', 'm']) {
    for (let i = 0; i < 100_000; i += 7) {
      const id = clientOrderId(run, phase, i);
      assert.match(id, /^[a-zA-Z0-9_-]{1,36}$/);
      ids.add(id);
    }
  }
  assert.equal(ids.size, 2 * Math.ceil(100_000 / 7));
  assert.throws(() => clientOrderId('x'.repeat(40), 'm', 1), RangeError);
});

const SCRIPT = fileURLToPath(new URL('./create-order.mjs', import.meta.url));

test('create-order.mjs exits 2 with the usage on stderr for a bad command line, nothing on stdout', () => {
  const r = spawnSync(process.execPath, [SCRIPT, ...BASE, '--rate', '9'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /--rate is given twice/);
  assert.match(r.stderr, /usage: node bench\/ccxt\/create-order.mjs/);
});

test('create-order.mjs exits 2 when the exchange cannot be reached (port 1 refuses)', () => {
  const r = spawnSync(process.execPath, [SCRIPT, '--url', 'http://127.0.0.1:1', '--api-key', 'K', '--secret', 'S',
    '--rate', '0', '--count', '1', '--timeout-ms', '5000'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /cannot load markets from http:\/\/127\.0\.0\.1:1/);
});
