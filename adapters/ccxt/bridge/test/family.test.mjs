import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { classesOf, isA } from '../src/family.mjs';
import { describeExchange, createExchange } from '../src/accounts.mjs';

test('class chain: most specific first, each once, without the base Exchange', () => {
  assert.deepEqual(classesOf(new ccxt.pro.binanceus()), ['binanceus', 'binance'], 'pro binanceus extends pro binance extends binance');
  assert.deepEqual(classesOf(new ccxt.binanceus()), ['binanceus', 'binance']);
  assert.deepEqual(classesOf(new ccxt.pro.binanceusdm()), ['binanceusdm', 'binance']);
  assert.deepEqual(classesOf(new ccxt.bybit()), ['bybit']);
  assert.deepEqual(classesOf(new ccxt.pro.bybit()), ['bybit']);
  assert.deepEqual(classesOf(new ccxt.bybiteu()), ['bybiteu', 'bybit']);
  assert.deepEqual(classesOf(new ccxt.myokx()), ['myokx', 'okx']);
  assert.deepEqual(classesOf({ fetchOpenOrders() {} }), [], 'a plain object has no ccxt class');
  assert.ok(isA(new ccxt.pro.binanceus(), 'binance'));
  assert.ok(!isA(new ccxt.pro.binanceus(), 'bybit'));
});

test('open answers the class chain', () => {
  const us = describeExchange(createExchange({ exchange: 'binanceus' }));
  assert.equal(us.exchange, 'binanceus');
  assert.deepEqual(us.classes, ['binanceus', 'binance']);
  assert.deepEqual(describeExchange(createExchange({ exchange: 'bybit' })).classes, ['bybit']);
});

test('a binance subclass with url overrides gets the path-based error tables', () => {
  const ex = createExchange({ exchange: 'binanceus', urls: { api: { public: 'http://127.0.0.1:1/api/v3' } } });
  assert.equal(ex.getExceptionsByUrl.name, 'getExceptionsByUrlOrPath');
  assert.equal(ex.getExceptionsByUrl('http://127.0.0.1:1/fapi/v1/order', 'exact')['-2019'], ccxt.InsufficientFunds, 'USD-M table chosen by path');
  const plain = createExchange({ exchange: 'kraken', urls: { api: { public: 'http://127.0.0.1:1/0/public' } } });
  assert.ok(!Object.hasOwn(plain, 'getExceptionsByUrl'), 'not patched outside the binance family');
});
