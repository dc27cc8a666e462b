import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimalIn, integerIn, paramsIn, numberOut, stringOut, boolOut, decimalOut } from '../src/numbers.mjs';
import { ProtocolError } from '../src/protocol.mjs';
import { orderOut, tradeOut, marketOut, positionOut, balanceOut, hasOut } from '../src/shapes.mjs';

test('decimal strings become numbers, null and undefined stay absent', () => {
  assert.equal(decimalIn('amount', '0.001'), 0.001);
  assert.equal(decimalIn('price', '65000.5'), 65000.5);
  assert.equal(decimalIn('price', '-1.25'), -1.25);
  assert.equal(decimalIn('price', '1e-8'), 1e-8);
  assert.equal(decimalIn('price', '.5'), 0.5);
  assert.equal(decimalIn('price', null), undefined);
  assert.equal(decimalIn('price', undefined), undefined);
});

test('anything but a decimal string is a ProtocolError naming the field', () => {
  for (const bad of [0.1, '', 'abc', '1.2.3', '0x10', 'NaN', 'Infinity', true, {}, '1e999']) {
    assert.throws(() => decimalIn('amount', bad), (err) => err instanceof ProtocolError && /amount/.test(err.message), String(bad));
  }
});

test('integers for since/limit accept numbers and integer strings', () => {
  assert.equal(integerIn('since', 1700000000000), 1700000000000);
  assert.equal(integerIn('limit', '50'), 50);
  assert.equal(integerIn('limit', null), undefined);
  assert.throws(() => integerIn('limit', 1.5), ProtocolError);
  assert.throws(() => integerIn('limit', 'ten'), ProtocolError);
});

test('params: known decimal params are converted, the rest passes through, the input is not mutated', () => {
  const input = { clientOrderId: 'c1', triggerPrice: '100.5', cost: '25', reduceOnly: true, timeInForce: 'PO', stopLossPrice: null,
    takeProfit: { triggerPrice: '120', price: '121' } };
  const out = paramsIn(input);
  assert.deepEqual(out, { clientOrderId: 'c1', triggerPrice: 100.5, cost: 25, reduceOnly: true, timeInForce: 'PO',
    takeProfit: { triggerPrice: 120, price: 121 } });
  assert.equal(input.triggerPrice, '100.5');
  assert.deepEqual(paramsIn(undefined), {});
  assert.throws(() => paramsIn({ triggerPrice: 100 }), /params.triggerPrice/);
  assert.throws(() => paramsIn([1]), ProtocolError);
});

test('params with keepStrings: decimals are validated and passed on as strings', () => {
  assert.deepEqual(paramsIn({ triggerPrice: ' 42000.5', stopLoss: { triggerPrice: '41000' }, qty: 1 }, { keepStrings: true }),
    { triggerPrice: '42000.5', stopLoss: { triggerPrice: '41000' }, qty: 1 });
  assert.throws(() => paramsIn({ triggerPrice: 42000 }, { keepStrings: true }), /params.triggerPrice/);
});

test('numbers out: what JSON.stringify writes for the number; junk becomes null', () => {
  assert.equal(numberOut(0.1 + 0.2), 0.30000000000000004);
  assert.equal(JSON.stringify(numberOut(1e-7)), '1e-7');
  assert.equal(numberOut('0.00001'), 0.00001);
  for (const junk of [undefined, null, NaN, Infinity, '', 'x', {}]) assert.equal(numberOut(junk), null);
  assert.equal(stringOut(12), '12');
  assert.equal(stringOut(undefined), null);
  assert.equal(boolOut('true'), null);
  assert.equal(boolOut(false), false);
});

const ccxtTrade = {
  info: { secretish: 1 }, id: '77', order: '5', clientOrderId: undefined, symbol: 'BTC/USDT', side: 'buy', price: 60000.5,
  amount: 0.001, cost: 60.0005, fee: { cost: 0.06, currency: 'USDT', rate: 0.001 }, takerOrMaker: 'taker', timestamp: 1700000000000,
  datetime: '2023-11-14T22:13:20.000Z', type: 'limit', fees: [],
};

test('trades and orders carry exactly the protocol keys', () => {
  assert.deepEqual(tradeOut(ccxtTrade), {
    id: '77', order: '5', clientOrderId: null, symbol: 'BTC/USDT', side: 'buy', price: 60000.5, amount: 0.001, cost: 60.0005,
    fee: { cost: 0.06, currency: 'USDT' }, takerOrMaker: 'taker', timestamp: 1700000000000,
  });
  const order = orderOut({
    info: {}, id: '5', clientOrderId: 'c1', symbol: 'BTC/USDT', type: 'limit', side: 'buy', status: 'open', price: 60000,
    average: undefined, amount: 0.002, filled: 0.001, remaining: 0.001, cost: 60, stopPrice: 59000, reduceOnly: false,
    postOnly: true, timeInForce: 'PO', timestamp: 1, lastTradeTimestamp: 2, fee: undefined, fees: [{ cost: 0.06, currency: 'USDT' }],
    trades: [ccxtTrade], datetime: 'x', lastUpdateTimestamp: 3,
  });
  assert.deepEqual(Object.keys(order), ['id', 'clientOrderId', 'symbol', 'type', 'side', 'status', 'price', 'average', 'amount',
    'filled', 'remaining', 'cost', 'triggerPrice', 'reduceOnly', 'postOnly', 'timeInForce', 'timestamp', 'lastTradeTimestamp', 'fee', 'trades']);
  assert.equal(order.triggerPrice, 59000);
  assert.equal(order.average, null);
  assert.deepEqual(order.fee, { cost: 0.06, currency: 'USDT' });
  assert.equal(order.trades.length, 1);
  assert.equal(orderOut({ id: '1', fee: { cost: undefined, currency: undefined } }).fee, null);
  assert.equal(orderOut({ id: '1', triggerPrice: 0 }).triggerPrice, null, 'a trigger at 0 is no trigger');
});

test('markets, positions, balances and has are reduced to the protocol keys', () => {
  const market = marketOut({
    id: 'BTCUSDT', symbol: 'BTC/USDT:USDT', base: 'BTC', quote: 'USDT', settle: 'USDT', type: 'swap', spot: false, swap: true,
    future: false, linear: true, inverse: false, contractSize: 1, active: true, precision: { amount: 0.001, price: 0.1, base: 8 },
    limits: { amount: { min: 0.001, max: 1000 }, price: { min: 0.1 }, cost: { min: 5, max: undefined }, leverage: { max: 125 } },
    expiry: undefined, info: {}, taker: 0.0004,
  });
  assert.deepEqual(market.precision, { amount: 0.001, price: 0.1 });
  assert.deepEqual(market.limits, { amount: { min: 0.001, max: 1000 }, price: { min: 0.1, max: null }, cost: { min: 5, max: null } });
  assert.equal(market.expiry, null);
  assert.ok(!('info' in market) && !('taker' in market));
  assert.deepEqual(positionOut({ symbol: 'BTC/USDT:USDT', side: 'long', contracts: 0.002, contractSize: 1, entryPrice: 60000.8,
    unrealizedPnl: -0.004, realizedPnl: undefined, leverage: 10, marginMode: 'cross', info: {}, notional: 120 }), {
    symbol: 'BTC/USDT:USDT', side: 'long', contracts: 0.002, contractSize: 1, entryPrice: 60000.8, unrealizedPnl: -0.004,
    realizedPnl: null, leverage: 10, marginMode: 'cross',
  });
  assert.deepEqual(balanceOut({
    info: {}, timestamp: 1, datetime: 'x', free: { USDT: 5 }, used: { USDT: 1 }, total: { USDT: 6 },
    USDT: { free: 5, used: 1, total: 6 }, BNB: { free: undefined, used: undefined, total: undefined },
  }), { USDT: { free: 5, used: 1, total: 6 } });
  assert.deepEqual(hasOut({ a: true, b: false, c: 'emulated', d: undefined, e: 'other' }), { a: true, b: false, c: 'emulated' });
});

test('decimalOut: ccxt numbers as plain decimal strings (the venue text for up to 15 significant digits), else null', () => {
  assert.equal(decimalOut(60000.01), '60000.01');
  assert.equal(decimalOut(Number('0.00100000')), '0.001');
  assert.equal(decimalOut(1e-7), '0.0000001');
  assert.equal(decimalOut(-2.5e-8), '-0.000000025');
  assert.equal(decimalOut(1.5e21), '1500000000000000000000');
  assert.equal(decimalOut(123456789.12345), '123456789.12345');
  assert.equal(decimalOut('42.5'), '42.5');
  assert.equal(decimalOut(0), '0');
  for (const v of [undefined, null, NaN, Infinity, 'abc', {}]) assert.equal(decimalOut(v), null);
});
