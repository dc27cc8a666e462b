import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { methods } from '../src/methods.mjs';
import { Accounts } from '../src/accounts.mjs';
import { ProtocolError } from '../src/protocol.mjs';
import { priceSource, groupByType, priceOut } from '../src/prices.mjs';

async function contextWith(exchange, markets) {
  const accounts = new Accounts();
  await accounts.open({ account: 'a', exchange });
  const ex = accounts.get('a').exchange;
  ex.markets = markets;
  return { ctx: { accounts, emit: () => {}, scrub: (s) => s, shutdown: () => {} }, ex };
}

const MARKETS = {
  'BTC/USDT': { symbol: 'BTC/USDT', type: 'spot', spot: true },
  'ETH/USDT': { symbol: 'ETH/USDT', type: 'spot', spot: true },
  'BTC/USDT:USDT': { symbol: 'BTC/USDT:USDT', type: 'swap', spot: false, linear: true, inverse: false },
  'BTC/USD:BTC': { symbol: 'BTC/USD:BTC', type: 'swap', spot: false, linear: false, inverse: true },
};

test('priceSource: fetchBidsAsks only where ccxt implements it, else fetchTickers, else none', () => {
  assert.equal(priceSource({ has: { fetchBidsAsks: true, fetchTickers: true } }), 'fetchBidsAsks');
  assert.equal(priceSource({ has: { fetchBidsAsks: 'emulated', fetchTickers: true } }), 'fetchTickers', 'bybit says emulated and throws');
  assert.equal(priceSource({ has: { fetchBidsAsks: false, fetchTickers: true } }), 'fetchTickers');
  assert.equal(priceSource({ has: {} }), null);
  assert.equal(priceSource(new ccxt.binance()), 'fetchBidsAsks');
  assert.equal(priceSource(new ccxt.bybit()), 'fetchTickers');
});

test('groupByType: one group per type and linear/inverse; unknown symbols apart', () => {
  const { groups, unknown } = groupByType(MARKETS, ['BTC/USDT', 'BTC/USDT:USDT', 'ETH/USDT', 'BTC/USD:BTC', 'NOSUCH/COIN']);
  assert.deepEqual([...groups.values()], [
    { type: 'spot', subType: undefined, symbols: ['BTC/USDT', 'ETH/USDT'] },
    { type: 'swap', subType: 'linear', symbols: ['BTC/USDT:USDT'] },
    { type: 'swap', subType: 'inverse', symbols: ['BTC/USD:BTC'] },
  ]);
  assert.deepEqual(unknown, ['NOSUCH/COIN']);
});

test('priceOut keeps bid, ask, mark, last and timestamp only, undefined and NaN as null', () => {
  assert.deepEqual(priceOut({ symbol: 'BTC/USDT', bid: 59999.5, ask: 60000.5, markPrice: undefined, last: NaN, timestamp: undefined, info: { x: 1 } }),
    { symbol: 'BTC/USDT', bid: 59999.5, ask: 60000.5, mark: null, last: null, timestamp: null });
});

test('binance: fetchBidsAsks for every symbol of each type, answer filtered to the symbols asked', async () => {
  const { ctx, ex } = await contextWith('binance', MARKETS);
  const calls = [];
  ex.fetchBidsAsks = async (symbols, params) => {
    calls.push([symbols, params]);
    return params.type === 'spot'
      ? { 'BTC/USDT': { symbol: 'BTC/USDT', bid: 59999, ask: 60001, info: {} }, 'SOL/USDT': { symbol: 'SOL/USDT', bid: 1, ask: 2 } }
      : { 'BTC/USDT:USDT': { symbol: 'BTC/USDT:USDT', bid: 60010, ask: 60012, timestamp: 1700000000000 } };
  };
  ex.fetchTickers = async () => { throw new Error('the 24hr ticker (weight 80) must not be asked'); };
  const answer = await methods.fetchReferencePrices({ account: 'a', symbols: ['BTC/USDT', 'BTC/USDT:USDT', 'NOSUCH/COIN'] }, ctx);
  assert.deepEqual(calls, [[undefined, { type: 'spot' }], [undefined, { type: 'swap', subType: 'linear' }]]);
  assert.equal(answer.source, 'fetchBidsAsks');
  assert.deepEqual(answer.prices, [
    { symbol: 'BTC/USDT', bid: 59999, ask: 60001, mark: null, last: null, timestamp: null },
    { symbol: 'BTC/USDT:USDT', bid: 60010, ask: 60012, mark: null, last: null, timestamp: 1700000000000 },
  ]);
  await ctx.accounts.closeAll();
});

test('bybit: fetchTickers with the symbol list of each type; mark and last passed on', async () => {
  const { ctx, ex } = await contextWith('bybit', MARKETS);
  const calls = [];
  ex.fetchTickers = async (symbols) => {
    calls.push(symbols);
    return Object.fromEntries(symbols.map((s) => [s, { symbol: s, bid: undefined, ask: undefined, markPrice: 60005, last: 60004 }]));
  };
  const answer = await methods.fetchReferencePrices({ account: 'a', symbols: ['BTC/USDT:USDT', 'BTC/USDT'] }, ctx);
  assert.deepEqual(calls, [['BTC/USDT:USDT'], ['BTC/USDT']]);
  assert.equal(answer.source, 'fetchTickers');
  assert.deepEqual(answer.prices.map((p) => [p.symbol, p.bid, p.mark, p.last]), [['BTC/USDT:USDT', null, 60005, 60004], ['BTC/USDT', null, 60005, 60004]]);
  await ctx.accounts.closeAll();
});

test('fetchReferencePrices: a failing call rejects with the ccxt error; symbols are required; no source is NotSupported', async () => {
  const { ctx, ex } = await contextWith('bybit', MARKETS);
  ex.fetchTickers = async () => { throw new ccxt.NetworkError('bybit GET /v5/market/tickers timed out'); };
  await assert.rejects(methods.fetchReferencePrices({ account: 'a', symbols: ['BTC/USDT'] }, ctx), ccxt.NetworkError);
  await assert.rejects(methods.fetchReferencePrices({ account: 'a' }, ctx), ProtocolError);
  await assert.rejects(methods.fetchReferencePrices({ account: 'a', symbols: 'BTC/USDT' }, ctx), ProtocolError);
  ex.has = { ...ex.has, fetchTickers: false, fetchBidsAsks: false };
  await assert.rejects(methods.fetchReferencePrices({ account: 'a', symbols: ['BTC/USDT'] }, ctx), ccxt.NotSupported);
  await ctx.accounts.closeAll();
});
