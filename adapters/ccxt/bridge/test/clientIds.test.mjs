import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { fetchOrderByClientId, fetchOrderById } from '../src/clientIds.mjs';

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

test('other exchanges: fetchOrder(undefined, symbol, {clientOrderId}); NotSupported without fetchOrder', { timeout: 20000 }, async () => {
  const ex = new ccxt.kraken();
  const calls = [];
  ex.fetchOrder = async (...args) => { calls.push(args); throw new ccxt.OrderNotFound('no'); };
  assert.equal(await fetchOrderByClientId(ex, 'c1', 'BTC/USD'), null);
  assert.deepEqual(calls, [[undefined, 'BTC/USD', { clientOrderId: 'c1' }]]);
  ex.has = { ...ex.has, fetchOrder: false };
  await assert.rejects(fetchOrderByClientId(ex, 'c1', 'BTC/USD'), ccxt.NotSupported);
  const plain = new ccxt.kraken();
  plain.fetchOrder = async (...args) => { calls.push(args); return { id: 'k1' }; };
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
