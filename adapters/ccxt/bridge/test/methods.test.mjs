import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { methods } from '../src/methods.mjs';
import { Accounts } from '../src/accounts.mjs';
import { ProtocolError } from '../src/protocol.mjs';

async function contextWith(exchange) {
  const accounts = new Accounts();
  await accounts.open({ account: 'a', exchange });
  const events = [];
  return { ctx: { accounts, emit: (...e) => events.push(e), scrub: (s) => s, shutdown: () => {} }, ex: accounts.get('a').exchange, events };
}

test('createOrder converts decimals for ccxt and returns the protocol order', async () => {
  const { ctx, ex } = await contextWith('binance');
  const calls = [];
  ex.createOrder = async (...args) => { calls.push(args); return { id: '1', clientOrderId: 'c1', status: 'open', price: 60000.1, amount: 0.001, info: { x: 1 } }; };
  const order = await methods.createOrder({ account: 'a', symbol: 'BTC/USDT', type: 'limit', side: 'buy', amount: '0.001', price: '60000.1',
    params: { clientOrderId: 'c1', triggerPrice: '59000', timeInForce: 'GTC' } }, ctx);
  assert.deepEqual(calls, [['BTC/USDT', 'limit', 'buy', 0.001, 60000.1, { clientOrderId: 'c1', triggerPrice: 59000, timeInForce: 'GTC' }]]);
  assert.equal(order.id, '1');
  assert.ok(!('info' in order));
  await assert.rejects(methods.createOrder({ account: 'a', symbol: 'BTC/USDT', type: 'stop', side: 'buy', amount: '1' }, ctx), ProtocolError);
  await assert.rejects(methods.createOrder({ account: 'a', symbol: 'BTC/USDT', type: 'market', side: 'buy' }, ctx), /amount is required/);
});

test('editOrder: bybit gets trigger prices as strings, others as numbers', async () => {
  for (const [exchange, expected] of [['bybit', '42000'], ['binance', 42000]]) {
    const { ctx, ex } = await contextWith(exchange);
    const calls = [];
    ex.editOrder = async (...args) => { calls.push(args); return { id: '7' }; };
    await methods.editOrder({ account: 'a', id: '7', symbol: 'BTC/USDT:USDT', type: 'limit', side: 'sell', amount: '0.01', price: '43000',
      params: { triggerPrice: '42000' } }, ctx);
    assert.deepEqual(calls[0].slice(0, 6), ['7', 'BTC/USDT:USDT', 'limit', 'sell', 0.01, 43000]);
    assert.deepEqual(calls[0][6], { triggerPrice: expected }, exchange);
  }
});

test('fetchBalance, fetchMyTrades, fetchPositions shape and validate', async () => {
  const { ctx, ex } = await contextWith('bybit');
  ex.fetchBalance = async () => ({ info: {}, USDT: { free: 1, used: 2, total: 3 }, free: {}, used: {}, total: {} });
  assert.deepEqual(await methods.fetchBalance({ account: 'a' }, ctx), { USDT: { free: 1, used: 2, total: 3 } });
  const calls = [];
  ex.fetchMyTrades = async (...args) => { calls.push(args); return [{ id: 't', price: 1, info: {} }]; };
  const trades = await methods.fetchMyTrades({ account: 'a', symbol: 'BTC/USDT', since: 1700000000000, limit: null }, ctx);
  assert.deepEqual(calls, [['BTC/USDT', 1700000000000, undefined]]);
  assert.equal(trades[0].id, 't');
  ex.fetchPositions = async (symbols) => [{ symbol: symbols[0], contracts: 1, info: {} }];
  assert.equal((await methods.fetchPositions({ account: 'a', symbols: ['BTC/USDT:USDT'] }, ctx))[0].symbol, 'BTC/USDT:USDT');
  await assert.rejects(methods.fetchPositions({ account: 'a', symbols: 'BTC' }, ctx), ProtocolError);
});

test('subscribe picks watch or poll from has and the requested mode; track is kept per account', async () => {
  const { ctx, ex } = await contextWith('binance');
  ex.watchOrders = () => new Promise(() => {});
  ex.watchMyTrades = () => new Promise(() => {});
  assert.deepEqual(await methods.subscribe({ account: 'a', symbols: ['BTC/USDT'], mode: 'auto' }, ctx), { mode: 'watch' });
  assert.equal(ctx.accounts.get('a').subscription.mode, 'watch');
  ex.fetchOpenOrders = () => new Promise(() => {});
  assert.deepEqual(await methods.subscribe({ account: 'a', symbols: ['BTC/USDT'], mode: 'poll', pollIntervalMs: 1000 }, ctx), { mode: 'poll' });
  await methods.track({ account: 'a', symbol: 'BTC/USDT', id: '5', clientOrderId: 'c5' }, ctx);
  assert.deepEqual(ctx.accounts.get('a').tracked.get('5'), { symbol: 'BTC/USDT', id: '5', clientOrderId: 'c5' });
  assert.equal(ctx.accounts.get('a').subscription.tracked, ctx.accounts.get('a').tracked);
  await methods.untrack({ account: 'a', id: '5' }, ctx);
  assert.equal(ctx.accounts.get('a').tracked.size, 0);
  await assert.rejects(methods.subscribe({ account: 'a', mode: 'stream' }, ctx), ProtocolError);
  await ctx.accounts.closeAll();

  const { ctx: noWatch, ex: plain } = await contextWith('binance');
  plain.has = { ...plain.has, watchOrders: false };
  plain.fetchOpenOrders = () => new Promise(() => {});
  assert.deepEqual(await methods.subscribe({ account: 'a', mode: 'auto' }, noWatch), { mode: 'poll' });
  await assert.rejects(methods.subscribe({ account: 'a', mode: 'watch' }, noWatch), ccxt.NotSupported);
  await noWatch.accounts.closeAll();
});

test('editOrder: a bybit subclass (bybiteu) gets bybit\'s string trigger prices', async () => {
  const { ctx, ex } = await contextWith('bybiteu');
  const calls = [];
  ex.editOrder = async (...args) => { calls.push(args); return { id: '7' }; };
  await methods.editOrder({ account: 'a', id: '7', symbol: 'BTC/USDT:USDT', type: 'limit', side: 'sell', amount: '0.01', price: '43000',
    params: { triggerPrice: '42000' } }, ctx);
  assert.deepEqual(calls[0][6], { triggerPrice: '42000' });
  await ctx.accounts.closeAll();
});

test('fetchMyTrades untilExhausted pages the window; limit and maxPages rules', async () => {
  const { ctx, ex } = await contextWith('bybit');
  const since = Date.now() - 60_000;
  const all = Array.from({ length: 120 }, (_, i) => ({ id: `e${i}`, timestamp: since + i, price: 1, amount: 1, info: {} }));
  const calls = [];
  ex.fetchMyTrades = async (symbol, from, limit, params = {}) => {
    calls.push([symbol, from, limit, params.until]);
    const inWindow = all.filter((t) => t.timestamp >= from && (params.until === undefined || t.timestamp <= params.until));
    return inWindow.slice(Math.max(0, inWindow.length - (limit ?? 50)));
  };
  const trades = await methods.fetchMyTrades({ account: 'a', symbol: 'BTC/USDT', since, untilExhausted: true }, ctx);
  assert.deepEqual(trades.map((t) => t.id), all.map((t) => t.id), 'every trade, oldest first, once');
  assert.equal(calls.length, 2);
  calls.length = 0;
  const one = await methods.fetchMyTrades({ account: 'a', symbol: 'BTC/USDT', since, limit: null }, ctx);
  assert.equal(one.length, 50, 'without untilExhausted: one ccxt call, as before');
  assert.equal(calls.length, 1);
  await assert.rejects(methods.fetchMyTrades({ account: 'a', symbol: 'BTC/USDT', untilExhausted: true }, ctx), /untilExhausted needs since/);
  await assert.rejects(methods.fetchMyTrades({ account: 'a', symbol: 'BTC/USDT', since, limit: 5, untilExhausted: true }, ctx), ProtocolError);
  await assert.rejects(methods.fetchMyTrades({ account: 'a', symbol: 'BTC/USDT', since, untilExhausted: 'yes' }, ctx), ProtocolError);
  await assert.rejects(methods.fetchMyTrades({ account: 'a', symbol: 'BTC/USDT', since, maxPages: 3 }, ctx), /maxPages needs untilExhausted/);
  await ctx.accounts.closeAll();
});

test('fetchOrderByClientId passes since to the scan; NotSupported rather than null when it cannot tell', async () => {
  const { ctx, ex } = await contextWith('kraken');
  const calls = [];
  ex.fetchOpenOrders = async (...args) => { calls.push(['open', ...args]); return []; };
  ex.fetchClosedOrders = async (...args) => { calls.push(['closed', ...args]); return []; };
  assert.equal(await methods.fetchOrderByClientId({ account: 'a', clientOrderId: 'c1', symbol: 'BTC/USD', since: 1700000000000 }, ctx), null);
  assert.deepEqual(calls, [['open', 'BTC/USD'], ['closed', 'BTC/USD', 1700000000000]]);
  await assert.rejects(methods.fetchOrderByClientId({ account: 'a', clientOrderId: 'c1', symbol: 'BTC/USD' }, ctx), ccxt.NotSupported);
  await ctx.accounts.closeAll();
});
