import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { readTrades, tradePagingOf, SLICE_MAX_PAGES } from '../src/trades.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/**
 * Replaces fetchMyTrades of a real ccxt instance with the venue's paging rules over the given trades:
 * only trades in [since, until]; at most `limit` (default defaultLimit) of them, the oldest
 * (oldest-first venues) or the newest (newest-first venues); returned oldest first, as ccxt's
 * parseTrades sorts them. A request over more than maxWindow fails like the venue.
 */
function venueTrades(ex, trades, { newestFirst, defaultLimit, maxWindow }) {
  const calls = [];
  ex.fetchMyTrades = async (symbol, since, limit, params = {}) => {
    calls.push({ symbol, since, limit, until: params.until });
    if (params.until !== undefined && params.until - since > maxWindow) throw new ccxt.BadRequest('window too long');
    const inWindow = trades.filter((t) => t.timestamp >= since && (params.until === undefined || t.timestamp <= params.until));
    const n = limit ?? defaultLimit;
    const page = newestFirst ? inWindow.slice(Math.max(0, inWindow.length - n)) : inWindow.slice(0, n);
    return page.map((t) => ({ ...t }));
  };
  return calls;
}

function tradesAt(count, from, step, prefix = 't') {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, timestamp: from + i * step, symbol: 'BTC/USDT' }));
}

test('paging rules by class chain', () => {
  const spot = new ccxt.binanceus();
  spot.markets = { 'BTC/USDT': { spot: true }, 'BTC/USDT:USDT': { swap: true, linear: true } };
  assert.deepEqual(tradePagingOf(spot, 'BTC/USDT'), { order: 'oldest', limit: 1000, sliceMs: DAY - 1000 });
  assert.equal(tradePagingOf(spot, 'BTC/USDT:USDT').sliceMs, 7 * DAY - 1000);
  assert.deepEqual(tradePagingOf(new ccxt.bybiteu(), 'BTC/USDT'), { order: 'newest', limit: 100, sliceMs: 7 * DAY - 1000 });
  assert.deepEqual(tradePagingOf(new ccxt.kraken(), 'BTC/USD'), { order: 'oldest', limit: undefined, sliceMs: undefined });
});

test('bybit: newest-first pages of 100 are followed down with a moving until until the window is done', async () => {
  const ex = new ccxt.bybit();
  const all = tradesAt(250, 10_000, 10);
  const calls = venueTrades(ex, all, { newestFirst: true, defaultLimit: 50, maxWindow: 7 * DAY });
  const { trades, readUpTo, truncated } = await readTrades(ex, 'BTC/USDT', 10_000, 20_000);
  // until moves to the oldest trade of each full page (inclusive: that trade comes twice, once kept)
  assert.equal(trades.length, 250, 'every trade, none skipped');
  assert.deepEqual(trades.map((t) => t.id), all.map((t) => t.id), 'oldest first, each once');
  assert.equal(readUpTo, 20_000);
  assert.equal(truncated, false);
  assert.deepEqual(calls.map((c) => [c.since, c.limit, c.until]), [
    [10_000, 100, 20_000], [10_000, 100, 11_500], [10_000, 100, 10_510],
  ]);
});

test('binance spot: oldest-first pages of 1000 with a moving since, in slices of under 24 h', async () => {
  const ex = new ccxt.binance();
  ex.markets = { 'BTC/USDT': { spot: true } };
  const start = 1_700_000_000_000;
  const busy = tradesAt(2500, start, 1, 'busy');
  const later = tradesAt(3, start + 2 * DAY, HOUR, 'later');
  const calls = venueTrades(ex, [...busy, ...later], { newestFirst: false, defaultLimit: 500, maxWindow: DAY });
  const { trades, truncated } = await readTrades(ex, 'BTC/USDT', start, start + 3 * DAY);
  assert.equal(trades.length, 2503);
  assert.equal(truncated, false);
  assert.deepEqual(calls.slice(0, 3).map((c) => c.since), [start, start + 999, start + 1998], 'since moves to the newest trade of a full page');
  assert.ok(calls.every((c) => c.until - c.since < DAY), 'no request spans 24 h');
  assert.equal(calls.at(-1).until, start + 3 * DAY);
});

test('maxPages: no new slice after the cap, readUpTo is what was fully read', async () => {
  const ex = new ccxt.binance();
  ex.markets = { 'BTC/USDT': { spot: true } };
  const calls = venueTrades(ex, tradesAt(5, 0, DAY), { newestFirst: false, defaultLimit: 500, maxWindow: DAY });
  const { trades, readUpTo, truncated } = await readTrades(ex, 'BTC/USDT', 0, 10 * DAY, { maxPages: 2 });
  assert.equal(truncated, true);
  assert.equal(calls.length, 2);
  assert.equal(readUpTo, 2 * (DAY - 1000));
  assert.deepEqual(trades.map((t) => t.id), ['t0', 't1'], 'only trades at or before readUpTo');
});

test('a slice that stays full is given up after SLICE_MAX_PAGES requests', async () => {
  const ex = new ccxt.bybit();
  let calls = 0;
  ex.fetchMyTrades = async (symbol, since, limit, params) => {
    calls += 1;
    return Array.from({ length: limit }, (_, i) => ({ id: `${calls}-${i}`, timestamp: params.until - 1 - i }));
  };
  const { trades, truncated } = await readTrades(ex, 'BTC/USDT', 0, 1_000_000);
  assert.equal(calls, SLICE_MAX_PAGES);
  assert.equal(trades.length, SLICE_MAX_PAGES * 100);
  assert.equal(truncated, false);
});

test('other exchanges: forward by since until a page brings nothing new (or only known trades)', async () => {
  const calls = [];
  const all = tradesAt(7, 100, 100);
  const ex = {
    id: 'fakex',
    async fetchMyTrades(symbol, since, ...rest) {
      calls.push([symbol, since, ...rest]);
      return all.filter((t) => t.timestamp >= since).slice(0, 3);
    },
  };
  const read = await readTrades(ex, 'BTC/USD', 100, 10_000);
  assert.equal(read.trades.length, 7);
  assert.equal(read.readUpTo, 10_000);
  assert.deepEqual(calls, [['BTC/USD', 100], ['BTC/USD', 300], ['BTC/USD', 500], ['BTC/USD', 700]]);
  calls.length = 0;
  await readTrades(ex, 'BTC/USD', 500, 10_000, { known: (id) => ['t4', 't5', 't6'].includes(id) });
  assert.equal(calls.length, 1, 'a page of known trades ends the read');
});
