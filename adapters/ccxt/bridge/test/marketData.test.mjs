import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { MarketDataWatch, MarketData, watchLimit, levelsOut, publicTradeOut, isGap, BYBIT_DEPTHS } from '../src/marketData.mjs';
import { methods } from '../src/methods.mjs';
import { Accounts } from '../src/accounts.mjs';
import { ProtocolError } from '../src/protocol.mjs';

/** Collects emitted events; next(predicate) waits for a matching one after the previous match. */
class Events {
  constructor() {
    this.all = [];
    this.cursor = 0;
    this.waiters = [];
    this.emit = (event, account, fields) => {
      this.all.push({ event, account, ...fields });
      this.wake();
    };
  }

  wake() {
    for (const w of [...this.waiters]) {
      const index = this.all.findIndex((e, i) => i >= w.from && w.predicate(e));
      if (index >= 0) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(this.all[index]);
      }
    }
  }

  next(predicate) {
    return new Promise((resolve) => {
      const from = this.cursor;
      this.waiters.push({
        predicate, from, resolve: (e) => { this.cursor = this.all.indexOf(e) + 1; resolve(e); },
      });
      this.wake();
    });
  }

  of(kind) {
    return this.all.filter((e) => e.event === kind);
  }
}

/** A watch method whose calls the test answers one by one. */
class Feed {
  constructor() {
    this.calls = [];
    this.callWaiters = [];
  }

  call = (...args) => new Promise((resolve, reject) => {
    const entry = { args, resolve, reject, settled: false };
    entry.resolve = (v) => { entry.settled = true; resolve(v); };
    entry.reject = (e) => { entry.settled = true; reject(e); };
    this.calls.push(entry);
    for (const w of this.callWaiters.splice(0)) w();
  });

  /** Fails the call still waiting, as ccxt's unWatch does (UnsubscribeError). */
  unsubscribe() {
    for (const c of this.calls) if (!c.settled) c.reject(new ccxt.UnsubscribeError('fake unsubscribed'));
  }

  async nth(n) {
    while (this.calls.length < n) await new Promise((resolve) => this.callWaiters.push(resolve));
    return this.calls[n - 1];
  }
}

const scrub = (s) => s.replaceAll('SECRET', '<redacted>');

/** A ccxt-like book: sides as arrays of [price, size] numbers. */
function book(bids, asks, nonce = 1, timestamp = 1700000000000) {
  return { bids, asks, nonce, timestamp };
}

function fakeExchange(extra = {}) {
  const books = new Feed();
  const trades = new Feed();
  const unwatched = [];
  const ex = {
    id: 'fake',
    has: { watchOrderBook: true, watchTrades: true, unWatchOrderBook: true, unWatchTrades: true },
    watchOrderBook: books.call,
    watchTrades: trades.call,
    unWatchOrderBook: async (...args) => { unwatched.push(['book', ...args]); books.unsubscribe(); return true; },
    unWatchTrades: async (...args) => { unwatched.push(['trades', ...args]); trades.unsubscribe(); return true; },
    ...extra,
  };
  return { ex, books, trades, unwatched };
}

test('watchLimit: bybit topic depths, binance ccxt default, others the depth', async () => {
  const bybit = new ccxt.pro.bybit();
  const binance = new ccxt.pro.binance();
  assert.deepEqual(BYBIT_DEPTHS, [1, 50, 200, 1000]);
  assert.deepEqual([1, 2, 50, 51, 100, 200, 201, 1000, 5000].map((d) => watchLimit(bybit, d)), [1, 50, 50, 200, 200, 200, 1000, 1000, 1000]);
  assert.equal(watchLimit(binance, 100), undefined, 'binance: ccxt default 1000-level snapshot');
  assert.equal(watchLimit(new ccxt.pro.binanceusdm(), 20), undefined, 'a binance subclass is binance');
  assert.equal(watchLimit(new ccxt.pro.kraken(), 25), 25);
  await Promise.all([bybit.close(), binance.close()]);
});

test('levelsOut: the first depth levels as plain decimal strings, empty and invalid levels left out', () => {
  assert.deepEqual(levelsOut([[60000.01, 0.5], [60000, 0], [59999.5, 1e-7], [59999, 2], [59998, 3]], 3),
    [['60000.01', '0.5'], ['59999.5', '0.0000001'], ['59999', '2']]);
  assert.deepEqual(levelsOut([[null, 1], [NaN, 1], ['x', 1], [100, -1], 'junk', [99, 1, 4]], 10), [['99', '1']]);
  assert.deepEqual(levelsOut(undefined, 5), []);
});

test('publicTradeOut: id, price, amount, taker side, timestamp; numbers as strings', () => {
  assert.deepEqual(publicTradeOut({ id: 12345, price: 60000.1, amount: 0.001, side: 'buy', timestamp: 1700000000123, info: { x: 1 }, cost: 60 }),
    { id: '12345', price: '60000.1', amount: '0.001', side: 'buy', timestamp: 1700000000123 });
  assert.deepEqual(publicTradeOut({ id: undefined, price: undefined, amount: NaN, side: 'unknown', timestamp: undefined }),
    { id: null, price: null, amount: null, side: null, timestamp: null });
});

test('isGap: ccxt ChecksumError and InvalidNonce are sequence gaps, network errors are not', () => {
  assert.equal(isGap(new ccxt.ChecksumError('x')), true);
  assert.equal(isGap(new ccxt.InvalidNonce('x')), true);
  assert.equal(isGap(new ccxt.NetworkError('x')), false);
  assert.equal(isGap(new Error('x')), false);
});

test('book: the first book is resynced, unchanged tops are not sent, a change is, with nonce and timestamp', { timeout: 20000 }, async () => {
  const { ex, books } = fakeExchange();
  const events = new Events();
  const w = new MarketDataWatch({ account: 'main', exchange: ex, symbol: 'BTC/USDT', depth: 2, emit: events.emit, scrub });
  w.start();
  const b = book([[100, 1], [99, 2], [98, 3]], [[101, 1], [102, 2]], 7, 1700000000001);
  const first = await books.nth(1);
  assert.deepEqual(first.args, ['BTC/USDT', 2, {}], 'a generic exchange is asked for the depth');
  first.resolve(b);
  const sent = await events.next((e) => e.event === 'book');
  assert.deepEqual(sent, {
    event: 'book', account: 'main', symbol: 'BTC/USDT', resynced: true, nonce: 7, timestamp: 1700000000001,
    bids: [['100', '1'], ['99', '2']], asks: [['101', '1'], ['102', '2']],
  });
  b.bids[2][1] = 5; // below the depth: nothing to send
  b.nonce = 8;
  (await books.nth(2)).resolve(b);
  b.asks[0][1] = 0.5;
  b.nonce = 9;
  (await books.nth(3)).resolve(b);
  const changed = await events.next((e) => e.event === 'book');
  assert.equal(changed.resynced, false);
  assert.equal(changed.nonce, 9, 'the unchanged top of nonce 8 was not sent');
  assert.deepEqual(changed.asks, [['101', '0.5'], ['102', '2']]);
  (await books.nth(4)).resolve(book([[100, 1]], [[101, 1]], 1));
  const rebuilt = await events.next((e) => e.event === 'book');
  assert.equal(rebuilt.resynced, true, 'ccxt handed a new book object: it was rebuilt');
  assert.equal(events.of('book').length, 3);
  await books.nth(5);
  await w.stop();
  await Promise.all(w.loops);
});

test('book: a gap is reported once and resynced at once; other failures back off; a repeated watch resends', { timeout: 20000 }, async () => {
  const { ex, books } = fakeExchange();
  const events = new Events();
  const w = new MarketDataWatch({ account: 'main', exchange: ex, symbol: 'BTC/USDT', depth: 5, emit: events.emit, scrub });
  w.start();
  (await books.nth(1)).resolve(book([[100, 1]], [[101, 1]]));
  await events.next((e) => e.event === 'book');
  (await books.nth(2)).reject(new ccxt.ChecksumError('fake BTC/USDT orderbook checksum SECRET'));
  const gap = await events.next((e) => e.event === 'bookInterrupted');
  assert.deepEqual(gap, { event: 'bookInterrupted', account: 'main', symbol: 'BTC/USDT', reason: 'sequence gap: ChecksumError: fake BTC/USDT orderbook checksum <redacted>' });
  const started = Date.now();
  (await books.nth(3)).reject(new ccxt.NetworkError('connection lost'));
  (await books.nth(4)).resolve(book([[100, 2]], [[101, 1]]));
  assert.ok(Date.now() - started >= 200, 'a second failure in a row waits (250 ms)');
  const resynced = await events.next((e) => e.event === 'book');
  assert.equal(resynced.resynced, true);
  assert.deepEqual(resynced.bids, [['100', '2']]);
  assert.equal(events.of('bookInterrupted').length, 1, 'one interruption until a book is sent again');

  w.resend();
  const again = await events.next((e) => e.event === 'book');
  assert.equal(again.resynced, true, 'the book held is sent again as resynced');
  assert.deepEqual(again.bids, [['100', '2']]);
  await books.nth(5);
  await w.stop();
  await Promise.all(w.loops);
  assert.equal(events.of('bookInterrupted').length, 1, 'stopping reports nothing');
});

test('trades: each answer goes out as publicTrades; a failure is retried; stop unwatches book and trades', { timeout: 20000 }, async () => {
  const { ex, books, trades, unwatched } = fakeExchange();
  const events = new Events();
  const w = new MarketDataWatch({ account: 'a', exchange: ex, symbol: 'ETH/USDT', depth: 10, emit: events.emit, scrub });
  w.start();
  (await trades.nth(1)).resolve([{ id: '1', price: 3000.5, amount: 0.1, side: 'sell', timestamp: 1700000000000 }]);
  const sent = await events.next((e) => e.event === 'publicTrades');
  assert.deepEqual(sent, { event: 'publicTrades', account: 'a', symbol: 'ETH/USDT',
    data: [{ id: '1', price: '3000.5', amount: '0.1', side: 'sell', timestamp: 1700000000000 }] });
  (await trades.nth(2)).reject(new ccxt.NetworkError('closed'));
  (await trades.nth(3)).resolve([{ id: '2', price: 3001, amount: 1, side: 'buy', timestamp: 1700000000001 }]);
  assert.equal((await events.next((e) => e.event === 'publicTrades')).data[0].id, '2');
  assert.equal(events.of('bookInterrupted').length, 0, 'a trade stream failure is not a book interruption');
  await trades.nth(4);
  assert.equal(await w.stop(), true);
  assert.deepEqual(unwatched, [['book', 'ETH/USDT', {}], ['trades', 'ETH/USDT', {}]]);
  assert.deepEqual(trades.calls[0].args, ['ETH/USDT', undefined, undefined, {}]);
  await Promise.all(w.loops);
  assert.equal(books.calls.length, 1, 'the book loop ended with its unsubscribed watch');
});

test('binance derivatives watch aggregate trades (their documented stream), spot the raw ones', async () => {
  const accounts = new Accounts();
  await accounts.open({ account: 'a', exchange: 'binance' });
  const ex = accounts.get('a').exchange;
  ex.setMarkets([{ ...SPOT, lowercaseId: 'btcusdt' }, { ...LINEAR, lowercaseId: 'btcusdt' }]);
  const spot = new MarketDataWatch({ account: 'a', exchange: ex, symbol: 'BTC/USDT', depth: 5, emit: () => {}, scrub });
  const perp = new MarketDataWatch({ account: 'a', exchange: ex, symbol: 'BTC/USDT:USDT', depth: 5, emit: () => {}, scrub });
  assert.deepEqual(spot.tradeParams(), {});
  assert.deepEqual(perp.tradeParams(), { name: 'aggTrade' });
  assert.deepEqual(perp.bookParams(), {});
  await accounts.closeAll();
});

test('without unWatch methods stop ends the loops and says ccxt keeps its subscription', async () => {
  const { ex, books } = fakeExchange({ has: { watchOrderBook: true, watchTrades: false } });
  const w = new MarketDataWatch({ account: 'a', exchange: ex, symbol: 'X/Y', depth: 1, emit: () => {}, scrub });
  w.start();
  assert.equal(w.loops.length, 1, 'no watchTrades: books only');
  await books.nth(1);
  assert.equal(await w.stop(), false);
  books.calls[0].resolve(book([[1, 1]], [[2, 1]]));
  await Promise.all(w.loops);
});

// ------------------------------------------------------------------ bybit: the sidecar's sequence check over ccxt's own handler

const LINEAR = { id: 'BTCUSDT', symbol: 'BTC/USDT:USDT', base: 'BTC', quote: 'USDT', settle: 'USDT', baseId: 'BTC', quoteId: 'USDT', settleId: 'USDT',
  type: 'swap', spot: false, swap: true, future: false, linear: true, inverse: false, contract: true, active: true,
  precision: { amount: 0.001, price: 0.1 }, limits: {} };
const SPOT = { id: 'BTCUSDT', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', baseId: 'BTC', quoteId: 'USDT',
  type: 'spot', spot: true, swap: false, future: false, contract: false, active: true, precision: { amount: 0.001, price: 0.1 }, limits: {} };

async function bybitWithMarkets() {
  const accounts = new Accounts();
  await accounts.open({ account: 'a', exchange: 'bybit' });
  const ex = accounts.get('a').exchange;
  ex.setMarkets([LINEAR, SPOT]);
  return { accounts, ex };
}

function orderbookMessage(type, u, bids, asks, symbol = 'BTCUSDT') {
  return { topic: `orderbook.200.${symbol}`, type, ts: 1700000000000 + u, data: { s: symbol, b: bids, a: asks, u, seq: 1000 + u } };
}

test('bybit sequence check: deltas in order apply; a skipped u fails the watch with InvalidNonce and drops deltas until a snapshot', async () => {
  const { accounts, ex } = await bybitWithMarkets();
  const client = ex.client('ws://127.0.0.1:1/v5/public/linear');
  const hash = 'orderbook:BTC/USDT:USDT';
  let pending = client.future(hash);
  ex.handleMessage(client, orderbookMessage('snapshot', 10, [['100.5', '1']], [['101', '2']]));
  let b = await pending;
  assert.deepEqual([[...b.bids], [...b.asks], b.nonce], [[[100.5, 1]], [[101, 2]], 10]);

  pending = client.future(hash);
  ex.handleMessage(client, orderbookMessage('delta', 11, [['100.4', '3']], []));
  b = await pending;
  assert.deepEqual([b.bids.length, b.nonce], [2, 11]);

  pending = client.future(hash);
  ex.handleMessage(client, orderbookMessage('delta', 13, [], [['101', '0']]));
  await assert.rejects(pending, (e) => e instanceof ccxt.InvalidNonce && /u=13 came after u=11 \(expected 12\)/.test(e.message));
  assert.equal(ex.orderbooks['BTC/USDT:USDT'], undefined, 'ccxt\'s book of the symbol is dropped');

  const waiting = client.future(hash);
  let resolved = false;
  waiting.then(() => { resolved = true; });
  ex.handleMessage(client, orderbookMessage('delta', 14, [['100.3', '1']], []));
  await new Promise((r) => setImmediate(r));
  assert.equal(resolved, false, 'a delta during the gap is not applied to an empty book');
  ex.handleMessage(client, orderbookMessage('snapshot', 1, [['99', '1']], [['100', '1']]));
  b = await waiting;
  assert.deepEqual([[...b.bids], [...b.asks], b.nonce], [[[99, 1]], [[100, 1]], 1], 'a snapshot (u = 1: the venue restarted) rebuilds it');
  await accounts.closeAll();
});

test('bybit sequence check: a gap seen with no watch pending is reported by the watch loop, which resubscribes for a snapshot', { timeout: 20000 }, async () => {
  const { accounts, ex } = await bybitWithMarkets();
  const client = ex.client('ws://127.0.0.1:1/v5/public/linear');
  const hash = 'orderbook:BTC/USDT:USDT';
  const calls = [];
  const unwatches = [];
  ex.watchOrderBook = (symbol, limit, params) => {
    calls.push([symbol, limit, params]);
    if (calls.length === 2) {
      // the venue's snapshot answers the new subscription
      setImmediate(() => ex.handleMessage(client, orderbookMessage('snapshot', 40, [['98', '1']], [['99', '1']])));
    }
    return client.future(hash);
  };
  ex.unWatchOrderBook = async (symbol, params) => { unwatches.push([symbol, params]); return true; };
  const events = new Events();
  const w = new MarketDataWatch({ account: 'a', exchange: ex, symbol: 'BTC/USDT:USDT', depth: 100, emit: events.emit, scrub });
  w.trades = false;
  w.start();
  ex.handleMessage(client, orderbookMessage('snapshot', 20, [['100', '1']], [['101', '1']]));
  const first = await events.next((e) => e.event === 'book');
  assert.equal(first.resynced, true);
  assert.equal(first.nonce, 20);
  assert.deepEqual(calls[0], ['BTC/USDT:USDT', 200, { limit: 200 }], 'bybit: topic depth 200 covers 100 levels');
  // the gap comes while the loop is between two watches: it is seen by the check before the next watch
  const next = client.future(hash);
  ex.handleMessage(client, orderbookMessage('delta', 25, [], [['101', '0']]));
  await assert.rejects(next, ccxt.InvalidNonce);
  const gap = await events.next((e) => e.event === 'bookInterrupted');
  assert.match(gap.reason, /^sequence gap: InvalidNonce: bybit BTC\/USDT:USDT orderbook update u=25 came after u=20/);
  const rebuilt = await events.next((e) => e.event === 'book');
  assert.deepEqual(unwatches, [['BTC/USDT:USDT', { limit: 200 }]], 'unsubscribed so that subscribing again brings a snapshot');
  assert.equal(rebuilt.resynced, true);
  assert.deepEqual([rebuilt.bids, rebuilt.asks, rebuilt.nonce], [[['98', '1']], [['99', '1']], 40]);
  await w.stop();
  client.reject(new ccxt.ExchangeClosedByUser('closed'), hash);
  await Promise.all(w.loops);
  await accounts.closeAll();
});

test('bybit: a snapshot in the middle of the stream (service restart) marks the next book resynced', { timeout: 20000 }, async () => {
  const { accounts, ex } = await bybitWithMarkets();
  const client = ex.client('ws://127.0.0.1:1/v5/public/spot');
  const hash = 'orderbook:BTC/USDT';
  ex.watchOrderBook = () => client.future(hash);
  const events = new Events();
  const w = new MarketDataWatch({ account: 'a', exchange: ex, symbol: 'BTC/USDT', depth: 50, emit: events.emit, scrub });
  w.trades = false;
  w.start();
  await new Promise((r) => setImmediate(r));
  ex.handleMessage(client, orderbookMessage('snapshot', 5, [['100', '1']], [['101', '1']]));
  assert.equal((await events.next((e) => e.event === 'book')).resynced, true);
  ex.handleMessage(client, orderbookMessage('delta', 6, [['100', '2']], []));
  const delta = await events.next((e) => e.event === 'book');
  assert.deepEqual([delta.resynced, delta.bids], [false, [['100', '2']]]);
  ex.handleMessage(client, orderbookMessage('snapshot', 1, [['100', '2']], [['101', '1']]));
  const restarted = await events.next((e) => e.event === 'book');
  assert.equal(restarted.resynced, true, 'same levels, but the venue replaced the book');
  assert.equal(events.of('bookInterrupted').length, 0);
  await w.stop();
  client.reject(new ccxt.ExchangeClosedByUser('closed'), hash);
  await Promise.all(w.loops);
  await accounts.closeAll();
});

test('binance: ccxt\'s own gap check (ChecksumError) reaches the loop as an interruption', async () => {
  const accounts = new Accounts();
  await accounts.open({ account: 'a', exchange: 'binance' });
  const ex = accounts.get('a').exchange;
  ex.setMarkets([{ ...SPOT, lowercaseId: 'btcusdt' }]);
  const client = ex.client('ws://127.0.0.1:1/stream/0');
  const orderbook = ex.orderBook({}, 1000);
  orderbook.reset({ bids: [[100, 1]], asks: [[101, 1]], nonce: 50 });
  ex.orderbooks['BTC/USDT'] = orderbook;
  client.subscriptions['orderbook::BTC/USDT'] = {};
  let pending = client.future('orderbook::BTC/USDT');
  ex.handleMessage(client, { e: 'depthUpdate', E: 1700000000000, s: 'BTCUSDT', U: 51, u: 52, b: [['100', '2']], a: [] });
  assert.equal((await pending).nonce, 52);
  pending = client.future('orderbook::BTC/USDT');
  ex.handleMessage(client, { e: 'depthUpdate', E: 1700000000001, s: 'BTCUSDT', U: 55, u: 56, b: [], a: [['101', '0']] });
  await assert.rejects(pending, (e) => isGap(e));
  assert.equal(ex.orderbooks['BTC/USDT'], undefined, 'ccxt dropped its book');
  assert.equal(client.subscriptions['orderbook::BTC/USDT'], undefined, 'and its subscription: the next watch subscribes again');
  await accounts.closeAll();
});

// ------------------------------------------------------------------ protocol methods

async function contextWith(exchange) {
  const accounts = new Accounts();
  await accounts.open({ account: 'a', exchange });
  const events = new Events();
  return { ctx: { accounts, emit: events.emit, scrub: (s) => s, shutdown: () => {} }, ex: accounts.get('a').exchange, events };
}

test('watchMarketData / unwatchMarketData: validated, one watch per symbol, repeated watch resends, close stops', { timeout: 20000 }, async () => {
  const { ctx, ex, events } = await contextWith('bybit');
  ex.setMarkets([LINEAR, SPOT]);
  const books = new Feed();
  const unwatched = [];
  ex.watchOrderBook = books.call;
  ex.watchTrades = () => new Promise(() => {});
  ex.unWatchOrderBook = async (...args) => { unwatched.push(args); return true; };
  ex.unWatchTrades = async () => true;
  await assert.rejects(methods.watchMarketData({ account: 'a', symbol: 'BTC/USDT:USDT' }, ctx), ProtocolError);
  await assert.rejects(methods.watchMarketData({ account: 'a', symbol: 'BTC/USDT:USDT', depth: 0 }, ctx), ProtocolError);
  await assert.rejects(methods.watchMarketData({ account: 'a', symbol: 'NOSUCH/COIN', depth: 10 }, ctx), ccxt.BadSymbol);
  assert.deepEqual(await methods.watchMarketData({ account: 'a', symbol: 'BTC/USDT:USDT', depth: 100 }, ctx),
    { limit: 200, trades: true, unWatch: true });
  (await books.nth(1)).resolve(book([[100, 1]], [[101, 1]]));
  assert.equal((await events.next((e) => e.event === 'book')).resynced, true);
  await methods.watchMarketData({ account: 'a', symbol: 'BTC/USDT:USDT', depth: 100 }, ctx);
  assert.equal((await events.next((e) => e.event === 'book')).resynced, true, 'the held book is sent again');
  assert.equal(ctx.accounts.get('a').marketData.watches.size, 1, 'still one watch');
  assert.deepEqual(await methods.unwatchMarketData({ account: 'a', symbol: 'BTC/USDT:USDT' }, ctx), { unwatched: true });
  assert.deepEqual(unwatched, [['BTC/USDT:USDT', { limit: 200 }]]);
  assert.deepEqual(await methods.unwatchMarketData({ account: 'a', symbol: 'BTC/USDT:USDT' }, ctx), { unwatched: false });
  await methods.watchMarketData({ account: 'a', symbol: 'BTC/USDT', depth: 5 }, ctx);
  await ctx.accounts.close('a');
  assert.equal(unwatched.length, 2, 'closing the account stops its watches');
  ex.has = { ...ex.has, watchOrderBook: false };
  await ctx.accounts.open({ account: 'a', exchange: 'bybit' });
  ctx.accounts.get('a').exchange.has = { watchOrderBook: false };
  await assert.rejects(methods.watchMarketData({ account: 'a', symbol: 'BTC/USDT', depth: 5 }, ctx), ccxt.NotSupported);
  await ctx.accounts.closeAll();
});

test('MarketData runs the requests of one symbol one after the other', async () => {
  const order = [];
  let release;
  const gate = new Promise((r) => { release = r; });
  const { ex } = fakeExchange({ unWatchOrderBook: async () => { order.push('unwatch started'); await gate; order.push('unwatch done'); } });
  ex.markets = { 'BTC/USDT': {} };
  const md = new MarketData({ account: 'a', exchange: ex, emit: () => {}, scrub });
  await md.watch('BTC/USDT', 5);
  const unwatch = md.unwatch('BTC/USDT');
  const watch = md.watch('BTC/USDT', 5).then(() => order.push('watch answered'));
  await new Promise((r) => setImmediate(r));
  release();
  await Promise.all([unwatch, watch]);
  assert.deepEqual(order, ['unwatch started', 'unwatch done', 'watch answered']);
  assert.equal(md.watches.size, 1);
  await md.stopAll();
  assert.equal(md.watches.size, 0);
});

test('bybit: when unsubscribing after a gap fails, the gap stands and is tried again; no book comes from a stale topic', { timeout: 20000 }, async () => {
  const { accounts, ex } = await bybitWithMarkets();
  const client = ex.client('ws://127.0.0.1:1/v5/public/linear');
  const hash = 'orderbook:BTC/USDT:USDT';
  let unwatches = 0;
  let unsubscribed = false;
  ex.watchOrderBook = () => {
    const future = client.future(hash);
    if (unsubscribed) {
      // subscribing again: the venue answers with a snapshot
      unsubscribed = false;
      setImmediate(() => ex.handleMessage(client, orderbookMessage('snapshot', 70, [['97', '1']], [['98', '1']])));
    }
    return future;
  };
  ex.unWatchOrderBook = async () => {
    unwatches += 1;
    if (unwatches === 1) throw new ccxt.RequestTimeout('bybit unsubscribe: no answer');
    unsubscribed = true;
    return true;
  };
  const events = new Events();
  const w = new MarketDataWatch({ account: 'a', exchange: ex, symbol: 'BTC/USDT:USDT', depth: 10, emit: events.emit, scrub });
  w.trades = false;
  w.start();
  await new Promise((r) => setImmediate(r));
  ex.handleMessage(client, orderbookMessage('snapshot', 60, [['100', '1']], [['101', '1']]));
  await events.next((e) => e.event === 'book');
  ex.handleMessage(client, orderbookMessage('delta', 62, [], [['101', '0']]));
  await events.next((e) => e.event === 'bookInterrupted');
  ex.handleMessage(client, orderbookMessage('delta', 63, [['100', '5']], []));
  const rebuilt = await events.next((e) => e.event === 'book');
  assert.equal(unwatches, 2, 'unsubscribed again after the backoff');
  assert.deepEqual([rebuilt.resynced, rebuilt.bids, rebuilt.nonce], [true, [['97', '1']], 70], 'the delta of the stale topic was not applied');
  assert.equal(events.of('bookInterrupted').length, 1);
  await w.stop();
  client.reject(new ccxt.ExchangeClosedByUser('closed'), hash);
  await Promise.all(w.loops);
  await accounts.closeAll();
});
