import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { WatchSubscription, PollSubscription, nextBackoff, BACKOFF_MIN_MS, BACKOFF_MAX_MS, TRADE_OVERLAP_MS } from '../src/streams.mjs';

/** Collects emitted events; next(predicate) waits for a matching one not yet consumed. */
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

  /** The first event after the previous next()'s match that matches. */
  next(predicate) {
    return new Promise((resolve) => {
      const from = this.cursor;
      this.waiters.push({
        predicate, from, resolve: (e) => { this.cursor = this.all.indexOf(e) + 1; resolve(e); },
      });
      this.wake();
    });
  }
}

/** A watch method whose calls the test answers one by one. */
class Feed {
  constructor() {
    this.calls = [];
    this.callWaiters = [];
  }

  call = (symbol) => new Promise((resolve, reject) => {
    this.calls.push({ symbol, resolve, reject });
    for (const w of this.callWaiters.splice(0)) w();
  });

  /** Resolves with the n-th call (1-based) once it was made. */
  async nth(n) {
    while (this.calls.length < n) await new Promise((resolve) => this.callWaiters.push(resolve));
    return this.calls[n - 1];
  }
}

const scrub = (s) => s.replaceAll('SECRET', '<redacted>');

test('backoff grows from 250 ms to 10 s', () => {
  let d = nextBackoff(undefined);
  const seen = [d];
  while (d < BACKOFF_MAX_MS) { d = nextBackoff(d); seen.push(d); }
  assert.equal(seen[0], BACKOFF_MIN_MS);
  assert.deepEqual(seen, [250, 500, 1000, 2000, 4000, 8000, 10000]);
  assert.equal(nextBackoff(10000), 10000);
});

test('watch: data is sent as events, a failure reports down and the loop re-enters', { timeout: 20000 }, async () => {
  const orders = new Feed();
  const trades = new Feed();
  const ex = { clients: {}, watchOrders: orders.call, watchMyTrades: trades.call };
  const events = new Events();
  const sub = new WatchSubscription({ account: 'main', exchange: ex, symbols: ['BTC/USDT'], emit: events.emit, scrub });
  sub.start();

  (await orders.nth(1)).resolve([{ id: '1', symbol: 'BTC/USDT', status: 'open', amount: 1, info: {} }]);
  const sentOrders = await events.next((e) => e.event === 'orders');
  assert.deepEqual(sentOrders.data.map((o) => [o.id, o.status]), [['1', 'open']]);
  assert.equal(sentOrders.account, 'main');
  assert.equal((await orders.nth(2)).symbol, 'BTC/USDT', 'the loop watches again, per symbol');

  (await trades.nth(1)).resolve([{ id: 't1', order: '1', price: 10, amount: 1, symbol: 'BTC/USDT' }]);
  const up = await events.next((e) => e.event === 'stream');
  assert.equal(up.state, 'up', 'every loop delivered: the account is up');
  const sentTrades = await events.next((e) => e.event === 'trades');
  assert.equal(sentTrades.data[0].id, 't1');

  (await orders.nth(2)).reject(new ccxt.NetworkError('binance ws closed SECRET'));
  const down = await events.next((e) => e.event === 'stream');
  assert.equal(down.state, 'down');
  assert.match(down.detail, /orders:BTC\/USDT: NetworkError: binance ws closed <redacted>; retrying in 250 ms/);

  (await orders.nth(3)).resolve([{ id: '1', status: 'closed' }]);
  const again = await events.next((e) => e.event === 'stream');
  assert.equal(again.state, 'up');

  await sub.stop();
  (await orders.nth(4)).reject(new ccxt.ExchangeClosedByUser('closed'));
  (await trades.nth(2)).reject(new ccxt.ExchangeClosedByUser('closed'));
  await Promise.all(sub.loops);
  assert.equal(events.all.filter((e) => e.event === 'stream').length, 3, 'stopping reports nothing');
});

test('watch: up as soon as the websocket clients are connected, without data; no symbols -> one loop each', { timeout: 20000 }, async () => {
  const orders = new Feed();
  const trades = new Feed();
  const ex = { clients: {}, watchOrders: orders.call, watchMyTrades: trades.call };
  const events = new Events();
  const sub = new WatchSubscription({ account: 'a', exchange: ex, symbols: [], emit: events.emit, scrub });
  sub.start();
  assert.equal((await orders.nth(1)).symbol, undefined);
  assert.equal((await trades.nth(1)).symbol, undefined);
  ex.clients['ws://x'] = { isConnected: true };
  const up = await events.next((e) => e.event === 'stream');
  assert.equal(up.state, 'up');
  assert.equal(sub.loops.length, 2);
  await sub.stop();
  orders.calls[0].reject(new ccxt.ExchangeClosedByUser('closed'));
  trades.calls[0].reject(new ccxt.ExchangeClosedByUser('closed'));
  await Promise.all(sub.loops);
});

/** A REST exchange whose answers the test sets; records the calls. */
function pollExchange() {
  const ex = {
    open: [],
    trades: [],
    orders: new Map(),
    calls: [],
    fail: null,
    failTrades: null,
    async fetchOpenOrders(symbol) {
      ex.calls.push(['fetchOpenOrders', symbol]);
      if (ex.fail) throw ex.fail;
      return ex.open;
    },
    async fetchMyTrades(symbol, since) {
      ex.calls.push(['fetchMyTrades', symbol, since]);
      if (ex.failTrades) throw ex.failTrades;
      return ex.trades.filter((t) => t.timestamp >= since);
    },
    async fetchOrder(id, symbol, params) {
      ex.calls.push(['fetchOrder', id, symbol, params]);
      if (!ex.orders.has(id)) throw new ccxt.OrderNotFound(`order ${id} not found`);
      return ex.orders.get(id);
    },
  };
  return ex;
}

test('poll: open orders when changed, trades once from the start time, tracked orders until final', { timeout: 20000 }, async () => {
  const ex = pollExchange();
  const events = new Events();
  const tracked = new Map();
  let clock = 5000;
  const sub = new PollSubscription({ account: 'p', exchange: ex, symbols: ['BTC/USDT'], intervalMs: 1000, emit: events.emit, scrub, tracked, now: () => clock });
  clock = 100_000;

  ex.open = [{ id: '1', status: 'open', filled: 0, amount: 2 }];
  ex.trades = [{ id: 'old', timestamp: 4000 }, { id: 't1', timestamp: 6000, order: '1' }];
  await sub.cycle();
  assert.deepEqual(ex.calls, [['fetchOpenOrders', 'BTC/USDT'], ['fetchMyTrades', 'BTC/USDT', 5000], ['fetchMyTrades', 'BTC/USDT', 6000]],
    'trades from the start time, paged forward until nothing new');
  assert.deepEqual(events.all.map((e) => [e.event, e.data.map((d) => d.id)]), [['orders', ['1']], ['trades', ['t1']]]);
  assert.equal(sub.tradeSince.get('BTC/USDT'), 100_000 - TRADE_OVERLAP_MS, 'the cursor follows the time read, less the overlap');

  events.all.length = 0;
  ex.calls.length = 0;
  ex.trades.push({ id: 't2', timestamp: 99_000, order: '1' });
  await sub.cycle();
  assert.deepEqual(ex.calls[1], ['fetchMyTrades', 'BTC/USDT', 100_000 - TRADE_OVERLAP_MS], 'since is the cursor');
  assert.deepEqual(events.all.map((e) => [e.event, e.data.map((d) => d.id)]), [['trades', ['t2']]], 'unchanged order not resent, t1 not resent');

  events.all.length = 0;
  ex.calls.length = 0;
  tracked.set('1', { symbol: 'BTC/USDT', id: '1', clientOrderId: 'c1' });
  tracked.set('2', { symbol: 'BTC/USDT', id: '2', clientOrderId: 'c2' });
  ex.open = [{ id: '1', status: 'open', filled: 1, amount: 2 }];
  ex.orders.set('2', { id: '2', status: 'closed', filled: 1, amount: 1 });
  await sub.cycle();
  assert.deepEqual(ex.calls.filter((c) => c[0] === 'fetchOrder'), [['fetchOrder', '2', 'BTC/USDT', {}]], 'only the tracked order missing from the open list is fetched');
  assert.deepEqual(events.all.map((e) => [e.event, e.data.map((d) => `${d.id}:${d.status}:${d.filled}`)]), [['orders', ['1:open:1']], ['orders', ['2:closed:1']]]);
  assert.ok(!tracked.has('2'), 'a final order is no longer tracked');

  events.all.length = 0;
  ex.calls.length = 0;
  ex.open = [];
  ex.orders.set('1', { id: '1', status: 'canceled', filled: 1, amount: 2 });
  await sub.cycle();
  assert.deepEqual(events.all.map((e) => e.data.map((d) => `${d.id}:${d.status}`)), [['1:canceled']]);
  assert.equal(tracked.size, 0);

  events.all.length = 0;
  ex.calls.length = 0;
  tracked.set('9', { symbol: 'BTC/USDT', id: '9', clientOrderId: null });
  await sub.cycle();
  assert.ok(tracked.has('9'), 'an order the venue cannot find yet stays tracked and the cycle goes on');
  assert.deepEqual(ex.calls.map((c) => c[0]), ['fetchOpenOrders', 'fetchOrder', 'fetchMyTrades'], 'a page of trades already sent ends the read');
  assert.equal(events.all.length, 0);
});

test('poll: the trade cursor advances by time without trades, so a quiet week leaves nothing behind', { timeout: 20000 }, async () => {
  const ex = pollExchange();
  const events = new Events();
  let clock = 1_000_000;
  const sub = new PollSubscription({ account: 'p', exchange: ex, symbols: ['BTC/USDT'], intervalMs: 1000, emit: events.emit, scrub, tracked: new Map(), now: () => clock });
  for (let day = 1; day <= 7; day++) {
    clock += 24 * 3600 * 1000;
    await sub.cycle();
    assert.equal(sub.tradeSince.get('BTC/USDT'), clock - TRADE_OVERLAP_MS, `day ${day}: cursor moved without a trade`);
  }
  ex.trades = [{ id: 'late', timestamp: clock + 10, order: '1' }];
  ex.calls.length = 0;
  clock += 2000;
  await sub.cycle();
  assert.deepEqual(ex.calls.find((c) => c[0] === 'fetchMyTrades'), ['fetchMyTrades', 'BTC/USDT', clock - 2000 - TRADE_OVERLAP_MS]);
  assert.deepEqual(events.all.filter((e) => e.event === 'trades').map((e) => e.data.map((d) => d.id)), [['late']]);
  ex.failTrades = new ccxt.NetworkError('down');
  const before = sub.tradeSince.get('BTC/USDT');
  clock += 3600 * 1000;
  await assert.rejects(sub.cycle(), ccxt.NetworkError);
  assert.equal(sub.tradeSince.get('BTC/USDT'), before, 'a failed cycle does not move the cursor past what was read');
});

test('poll on bybit: more than a page of trades in one cycle (newest first) are all sent', { timeout: 20000 }, async () => {
  const ex = new ccxt.bybit();
  const events = new Events();
  let clock = 1_000_000;
  ex.fetchOpenOrders = async () => [];
  const all = Array.from({ length: 230 }, (_, i) => ({ id: `b${i}`, timestamp: 1_000_100 + i, symbol: 'BTC/USDT', price: 1, amount: 1 }));
  const requests = [];
  ex.fetchMyTrades = async (symbol, since, limit, params) => {
    requests.push([since, limit, params.until]);
    const inWindow = all.filter((t) => t.timestamp >= since && t.timestamp <= params.until);
    return inWindow.slice(Math.max(0, inWindow.length - (limit ?? 50)));
  };
  const sub = new PollSubscription({ account: 'b', exchange: ex, symbols: ['BTC/USDT'], intervalMs: 1000, emit: events.emit, scrub, tracked: new Map(), now: () => clock });
  clock = 1_002_000;
  await sub.cycle();
  const sent = events.all.filter((e) => e.event === 'trades').flatMap((e) => e.data.map((d) => d.id));
  assert.equal(sent.length, 230);
  assert.equal(new Set(sent).size, 230);
  assert.ok(requests.length >= 3, 'paged');
  assert.ok(requests.every(([since, limit]) => since === 1_000_000 && limit === 100));
});

test('poll: a failing cycle reports down (scrubbed), the next good one reports polling', { timeout: 20000 }, async () => {
  const ex = pollExchange();
  const events = new Events();
  const sub = new PollSubscription({ account: 'p', exchange: ex, symbols: [], intervalMs: 50, emit: events.emit, scrub, tracked: new Map() });
  ex.fail = new ccxt.RequestTimeout('GET /x SECRET timed out');
  sub.start();
  assert.equal((await events.next((e) => e.event === 'stream')).state, 'polling');
  const down = await events.next((e) => e.event === 'stream');
  assert.equal(down.state, 'down');
  assert.match(down.detail, /RequestTimeout: GET \/x <redacted> timed out/);
  assert.deepEqual(ex.calls[0], ['fetchOpenOrders', undefined], 'no symbols: one call without a symbol');
  ex.fail = null;
  assert.equal((await events.next((e) => e.event === 'stream')).state, 'polling');
  await sub.stop();
  await sub.done;
});
