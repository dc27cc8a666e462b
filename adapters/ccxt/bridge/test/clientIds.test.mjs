import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { fetchOrderByClientId, fetchOrderById, clientIdLookupOf, SCAN_MAX_PAGES } from '../src/clientIds.mjs';

// Real ccxt instances whose network-facing methods are replaced by recorders.

test('binance: fetchOrder(undefined, symbol, {origClientOrderId})', { timeout: 20000 }, async () => {
  for (const Exchange of [ccxt.binance, ccxt.pro.binance, ccxt.binanceusdm]) {
    const ex = new Exchange();
    const calls = [];
    ex.fetchOrder = async (...args) => { calls.push(args); return { id: '9', clientOrderId: 'c1' }; };
    assert.deepEqual(await fetchOrderByClientId(ex, 'c1', 'BTC/USDT'), { id: '9', clientOrderId: 'c1' });
    assert.deepEqual(calls, [[undefined, 'BTC/USDT', { origClientOrderId: 'c1' }]]);
  }
});

test('binance: OrderNotFound becomes null, other errors pass', { timeout: 20000 }, async () => {
  const ex = new ccxt.binance();
  ex.fetchOrder = async () => { throw new ccxt.OrderNotFound('binance {"code":-2013,"msg":"Order does not exist."}'); };
  assert.equal(await fetchOrderByClientId(ex, 'c1', 'BTC/USDT'), null);
  ex.fetchOrder = async () => { throw new ccxt.NetworkError('down'); };
  await assert.rejects(fetchOrderByClientId(ex, 'c1', 'BTC/USDT'), ccxt.NetworkError);
});

test('bybit: the open list by orderLinkId, then the history by orderLinkId, else null', { timeout: 20000 }, async () => {
  const ex = new ccxt.pro.bybit();
  const calls = [];
  let open = [];
  let done = [];
  ex.fetchOpenOrders = async (...args) => { calls.push(['open', ...args]); return open; };
  ex.fetchCanceledAndClosedOrders = async (...args) => { calls.push(['history', ...args]); return done; };
  ex.fetchOrder = async () => assert.fail('bybit fetchOrder needs an order id; it must not be used by client id');

  open = [{ id: '1', clientOrderId: 'c1', status: 'open' }];
  assert.equal((await fetchOrderByClientId(ex, 'c1', 'BTC/USDT')).id, '1');
  assert.deepEqual(calls, [['open', 'BTC/USDT', undefined, undefined, { orderLinkId: 'c1' }]]);

  calls.length = 0;
  open = [];
  done = [{ id: '2', clientOrderId: 'c2', status: 'canceled' }];
  assert.equal((await fetchOrderByClientId(ex, 'c2', 'BTC/USDT')).id, '2');
  assert.deepEqual(calls, [
    ['open', 'BTC/USDT', undefined, undefined, { orderLinkId: 'c2' }],
    ['history', 'BTC/USDT', undefined, undefined, { orderLinkId: 'c2' }],
  ]);

  done = [{ id: '3', clientOrderId: 'other' }];
  assert.equal(await fetchOrderByClientId(ex, 'c3', 'BTC/USDT'), null, 'a list entry with another client id does not match');
});

test('bybit fetchOrder by id: acknowledged:true, falling back to the history on OrderNotFound', { timeout: 20000 }, async () => {
  const ex = new ccxt.bybit();
  const calls = [];
  ex.fetchOrder = async (...args) => { calls.push(['fetchOrder', ...args]); throw new ccxt.OrderNotFound('Order 7 was not found.'); };
  ex.fetchCanceledAndClosedOrders = async (...args) => { calls.push(['history', ...args]); return [{ id: '7', status: 'closed' }]; };
  assert.equal((await fetchOrderById(ex, '7', 'BTC/USDT', { trigger: true })).status, 'closed');
  assert.deepEqual(calls, [
    ['fetchOrder', '7', 'BTC/USDT', { acknowledged: true, trigger: true }],
    ['history', 'BTC/USDT', undefined, undefined, { trigger: true, orderId: '7' }],
  ]);
  ex.fetchCanceledAndClosedOrders = async () => [];
  await assert.rejects(fetchOrderById(ex, '7', 'BTC/USDT'), ccxt.OrderNotFound);
});

test('the lookup is chosen from the class chain: subclasses get their parent\'s', () => {
  assert.equal(clientIdLookupOf(new ccxt.pro.binanceus()), 'binance');
  assert.equal(clientIdLookupOf(new ccxt.binanceusdm()), 'binance');
  assert.equal(clientIdLookupOf(new ccxt.bybiteu()), 'bybit');
  assert.equal(clientIdLookupOf(new ccxt.pro.bybit()), 'bybit');
  assert.equal(clientIdLookupOf(new ccxt.myokx()), 'okx');
  assert.equal(clientIdLookupOf(new ccxt.kraken()), 'scan', 'kraken fetchOrder asks userref while createOrder sends cl_ord_id');
  assert.equal(clientIdLookupOf(new ccxt.coinbase()), 'scan', 'coinbase fetchOrder ignores clientOrderId');
  assert.equal(clientIdLookupOf({ id: 'x', has: { fetchOrder: true } }), 'unsupported');
});

test('binanceus (a binance subclass) is asked by origClientOrderId', async () => {
  const ex = new ccxt.pro.binanceus();
  const calls = [];
  ex.fetchOrder = async (...args) => { calls.push(args); return { id: '9', clientOrderId: 'c1' }; };
  assert.equal((await fetchOrderByClientId(ex, 'c1', 'BTC/USDT')).id, '9');
  assert.deepEqual(calls, [[undefined, 'BTC/USDT', { origClientOrderId: 'c1' }]]);
  ex.fetchOrder = async () => ({ id: '8', clientOrderId: 'someone-else' });
  await assert.rejects(fetchOrderByClientId(ex, 'c1', 'BTC/USDT'), /answered order 8 with client order id someone-else/, 'another order is never passed on');
});

test('okx: clOrdId, then the algo orders with trigger:true; OrderNotFound on both is null', async () => {
  const ex = new ccxt.myokx();
  const calls = [];
  ex.fetchOrder = async (...args) => {
    calls.push(args);
    if (!args[2].trigger) throw new ccxt.OrderNotFound('okx {"code":"51603"}');
    return { id: 'a1', clientOrderId: 'c1' };
  };
  assert.equal((await fetchOrderByClientId(ex, 'c1', 'BTC/USDT')).id, 'a1');
  assert.deepEqual(calls, [[undefined, 'BTC/USDT', { clientOrderId: 'c1' }], [undefined, 'BTC/USDT', { clientOrderId: 'c1', trigger: true }]]);
  ex.fetchOrder = async () => { throw new ccxt.OrderNotFound('okx {"code":"51603"}'); };
  assert.equal(await fetchOrderByClientId(ex, 'c1', 'BTC/USDT'), null);
  ex.fetchOrder = async (...args) => {
    if (!args[2].trigger) throw new ccxt.OrderNotFound('okx {"code":"51603"}');
    return { id: undefined, clientOrderId: undefined, status: undefined }; // what ccxt parses out of an empty data list
  };
  await assert.rejects(fetchOrderByClientId(ex, 'c1', 'BTC/USDT'), ccxt.ExchangeError, 'an empty answer is not "not found"');
});

/** Stands in for a ccxt instance of an exchange without a direct lookup: lists only, calls recorded. */
function listExchange({ open = [], closed = [], has = { fetchOpenOrders: true, fetchClosedOrders: true } } = {}) {
  const ex = {
    id: 'fakex',
    has,
    calls: [],
    async fetchOpenOrders(symbol) { ex.calls.push(['open', symbol]); return open; },
    async fetchClosedOrders(symbol, since) {
      ex.calls.push(['closed', symbol, since]);
      return closed.filter((o) => since === undefined || o.timestamp >= since).slice(0, 2); // pages of 2, oldest first
    },
    async fetchOrder() { assert.fail('fetchOrder is not asked by client id outside the table'); },
  };
  return ex;
}

test('scan: open list, then the closed list from since paged forward; null only when both were read to the end', async () => {
  const closed = [
    { id: '1', clientOrderId: 'x1', timestamp: 1000 }, { id: '2', clientOrderId: 'x2', timestamp: 2000 },
    { id: '3', clientOrderId: 'x3', timestamp: 3000 }, { id: '4', clientOrderId: 'c4', timestamp: 4000 },
  ];
  let ex = listExchange({ open: [{ id: '9', clientOrderId: 'c9' }], closed });
  assert.equal((await fetchOrderByClientId(ex, 'c9', 'BTC/USD', 500)).id, '9');
  assert.deepEqual(ex.calls, [['open', 'BTC/USD']]);

  ex = listExchange({ closed });
  assert.equal((await fetchOrderByClientId(ex, 'c4', 'BTC/USD', 500)).id, '4', 'found on the second page');
  assert.deepEqual(ex.calls, [['open', 'BTC/USD'], ['closed', 'BTC/USD', 500], ['closed', 'BTC/USD', 2000], ['closed', 'BTC/USD', 3000]]);

  ex = listExchange({ closed });
  assert.equal(await fetchOrderByClientId(ex, 'nope', 'BTC/USD', 500), null);
  assert.deepEqual(ex.calls.at(-1), ['closed', 'BTC/USD', 4000], 'read until a page brought nothing new');
});

test('scan: never null on a path that did not read both lists to the end; NotSupported without lists', async () => {
  const closed = [{ id: '1', clientOrderId: 'x1', timestamp: 1000 }];
  await assert.rejects(fetchOrderByClientId(listExchange({ closed }), 'nope', 'BTC/USD'), (err) => err instanceof ccxt.NotSupported && /no since given/.test(err.message));
  assert.equal((await fetchOrderByClientId(listExchange({ closed }), 'x1', 'BTC/USD')).id, '1', 'found without since is an answer');
  await assert.rejects(fetchOrderByClientId(listExchange({ closed, has: { fetchOpenOrders: true } }), 'nope', 'BTC/USD', 0), /no closed-orders list/);
  await assert.rejects(fetchOrderByClientId(listExchange({ closed, has: { fetchClosedOrders: true } }), 'nope', 'BTC/USD', 0), /no open-orders list/);
  const busy = Array.from({ length: 40 }, (_, i) => ({ id: String(i), clientOrderId: `x${i}`, timestamp: 1000 + i }));
  const ex = listExchange({ closed: busy });
  await assert.rejects(fetchOrderByClientId(ex, 'nope', 'BTC/USD', 0), /not exhausted after 10 pages/);
  assert.equal(ex.calls.filter((c) => c[0] === 'closed').length, SCAN_MAX_PAGES);
  const none = listExchange({ has: { fetchOrder: true } });
  await assert.rejects(fetchOrderByClientId(none, 'c1', 'BTC/USD', 0), (err) => err instanceof ccxt.NotSupported && /cannot be asked by client order id/.test(err.message));
});

test('kraken (a real ccxt instance) is scanned, not asked by fetchOrder', async () => {
  const ex = new ccxt.kraken();
  const calls = [];
  ex.fetchOrder = async () => assert.fail('kraken fetchOrder asks userref, not the cl_ord_id createOrder sent');
  ex.fetchOpenOrders = async (...args) => { calls.push(['open', ...args]); return []; };
  ex.fetchClosedOrders = async (...args) => { calls.push(['closed', ...args]); return [{ id: 'K1', clientOrderId: 'c1', timestamp: 5 }]; };
  assert.equal((await fetchOrderByClientId(ex, 'c1', 'BTC/USD', 1)).id, 'K1');
  assert.deepEqual(calls, [['open', 'BTC/USD'], ['closed', 'BTC/USD', 1]]);
  const plain = new ccxt.kraken();
  plain.fetchOrder = async (...args) => ({ id: args[0] });
  assert.deepEqual(await fetchOrderById(plain, 'k1', 'BTC/USD', {}), { id: 'k1' });
});

test('binance USD-M: a conditional (algo) order is found with trigger:true after OrderNotFound', async () => {
  const ex = new ccxt.binanceusdm();
  ex.markets = { 'BTC/USDT:USDT': { symbol: 'BTC/USDT:USDT', swap: true, linear: true } };
  const calls = [];
  ex.fetchOrder = async (...args) => {
    calls.push(args);
    if (!args[2].trigger) throw new ccxt.OrderNotFound('binanceusdm {"code":-2013}');
    return { id: '1000000000001', clientOrderId: 'c1' };
  };
  assert.equal((await fetchOrderByClientId(ex, 'c1', 'BTC/USDT:USDT')).id, '1000000000001');
  assert.deepEqual(calls, [
    [undefined, 'BTC/USDT:USDT', { origClientOrderId: 'c1' }],
    [undefined, 'BTC/USDT:USDT', { origClientOrderId: 'c1', trigger: true }],
  ]);
  calls.length = 0;
  assert.equal((await fetchOrderById(ex, '1000000000001', 'BTC/USDT:USDT', {})).id, '1000000000001');
  assert.deepEqual(calls.map((c) => c[2]), [{}, { trigger: true }]);

  ex.fetchOrder = async () => { throw new ccxt.OrderNotFound('nowhere'); };
  assert.equal(await fetchOrderByClientId(ex, 'c2', 'BTC/USDT:USDT'), null);
  await assert.rejects(fetchOrderById(ex, '5', 'BTC/USDT:USDT', {}), /nowhere/);

  ex.fetchOrder = async (...args) => {
    if (!args[2].trigger) throw new ccxt.OrderNotFound('first');
    throw new ccxt.NetworkError('second failed');
  };
  await assert.rejects(fetchOrderById(ex, '5', 'BTC/USDT:USDT', {}), ccxt.NetworkError, 'a failure of the retry is not hidden');
});

test('binance spot: no trigger retry', async () => {
  const ex = new ccxt.binance();
  ex.markets = { 'BTC/USDT': { symbol: 'BTC/USDT', spot: true } };
  let calls = 0;
  ex.fetchOrder = async () => { calls += 1; throw new ccxt.OrderNotFound('no'); };
  assert.equal(await fetchOrderByClientId(ex, 'c1', 'BTC/USDT'), null);
  await assert.rejects(fetchOrderById(ex, '1', 'BTC/USDT', {}), ccxt.OrderNotFound);
  assert.equal(calls, 2);
});
