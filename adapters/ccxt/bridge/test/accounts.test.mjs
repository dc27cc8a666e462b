import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { createExchange, describeExchange, Accounts } from '../src/accounts.mjs';
import { ProtocolError } from '../src/protocol.mjs';
import { scrubber } from '../src/scrub.mjs';
import { refusedPort } from './sidecar.mjs';

test('open builds the ccxt.pro instance with credentials, rate limit always on, options and timeout', () => {
  const ex = createExchange({
    exchange: 'binance', credentials: { apiKey: 'acc-key-1', secret: 'acc-secret-1' },
    options: { fetchCurrencies: false, fetchMarkets: { types: ['spot'] } }, timeoutMs: 1234,
  });
  assert.ok(ex instanceof ccxt.pro.binance);
  assert.equal(ex.apiKey, 'acc-key-1');
  assert.equal(ex.secret, 'acc-secret-1');
  assert.equal(ex.enableRateLimit, true);
  assert.equal(ex.timeout, 1234);
  assert.equal(ex.options.fetchCurrencies, false);
  assert.deepEqual(ex.options.fetchMarkets.types, ['spot']);
  assert.equal(typeof ex.options.defaultType, 'string', 'ccxt defaults are kept next to the given options');
  assert.ok(scrubber.values.has('acc-secret-1'), 'credentials are registered for scrubbing');
});

test('urls are deep-merged over the exchange urls, after sandbox mode', () => {
  const ex = createExchange({
    exchange: 'binance', sandbox: true,
    urls: { api: { public: 'http://127.0.0.1:1/api/v3', ws: { spot: 'ws://127.0.0.1:1/ws' } } },
  });
  assert.equal(ex.urls.api.public, 'http://127.0.0.1:1/api/v3');
  assert.equal(ex.urls.api.ws.spot, 'ws://127.0.0.1:1/ws');
  assert.match(ex.urls.api.private, /testnet/, 'untouched keys keep their (sandbox) value');
  assert.ok(ex.urls.api.ws.future, 'untouched nested keys are kept');
});

test('describeExchange reports id, has, features and precision mode', () => {
  const d = describeExchange(createExchange({ exchange: 'bybit' }));
  assert.equal(d.exchange, 'bybit');
  assert.equal(d.has.createOrder, true);
  assert.equal(d.precisionMode, 'TICK_SIZE');
  assert.ok(d.features.spot);
  assert.equal(describeExchange(createExchange({ exchange: 'kraken' })).exchange, 'kraken');
});

test('bad open requests are ProtocolErrors', () => {
  assert.throws(() => createExchange({ exchange: 'nosuchexchange' }), ProtocolError);
  assert.throws(() => createExchange({ exchange: 'binance', credentials: { apikey: 'x' } }), /unknown credential field "apikey"/);
  assert.throws(() => createExchange({ exchange: 'binance', credentials: { apiKey: 5 } }), ProtocolError);
  assert.throws(() => createExchange({ exchange: 'binance', urls: 'http://x' }), ProtocolError);
  assert.throws(() => createExchange({ exchange: 'binance', timeoutMs: -1 }), ProtocolError);
  assert.throws(() => createExchange({ exchange: 'binance', sandbox: 'yes' }), ProtocolError);
});

test('a failed loadMarkets is tried again on the next call instead of failing from ccxt\'s cache', async () => {
  const port = await refusedPort();
  const ex = createExchange({ exchange: 'binance', timeoutMs: 2000, options: { fetchMarkets: { types: ['spot'] } },
    urls: { api: { public: `http://127.0.0.1:${port}/api/v3` } } });
  let attempts = 0;
  const fetchMarkets = ex.fetchMarkets.bind(ex);
  ex.fetchMarkets = (params) => { attempts += 1; return fetchMarkets(params); };
  await assert.rejects(ex.loadMarkets(), ccxt.NetworkError);
  await assert.rejects(ex.loadMarkets(), ccxt.NetworkError);
  assert.equal(attempts, 2);
});

test('accounts: open, reopen replaces, close, unknown account', { timeout: 20000 }, async () => {
  const accounts = new Accounts();
  await accounts.open({ account: 'a', exchange: 'binance' });
  const first = accounts.get('a').exchange;
  assert.ok(first.httpAgent, 'an http agent is loaded so ws:// urls are accepted');
  assert.equal(first.getHttpAgentIfNeeded('ws://127.0.0.1:1/ws'), first.httpAgent);
  await accounts.open({ account: 'a', exchange: 'bybit' });
  assert.notEqual(accounts.get('a').exchange, first);
  assert.equal(accounts.get('a').exchange.id, 'bybit');
  await accounts.close('a');
  assert.throws(() => accounts.get('a'), ProtocolError);
  await assert.rejects(accounts.close('a'), ProtocolError);
  await assert.rejects(accounts.open({ account: '', exchange: 'binance' }), ProtocolError);
});

test('binance with overridden urls: error tables are chosen by path, so USD-M codes keep their classes', () => {
  const ex = createExchange({ exchange: 'binanceusdm', urls: { api: { fapiPrivate: 'http://127.0.0.1:1/fapi/v1' } } });
  const body = '{"code":-2019,"msg":"Margin is insufficient."}';
  const handle = (url) => ex.handleErrors(400, 'Bad Request', url, 'POST', {}, body, JSON.parse(body), {}, '');
  assert.throws(() => handle('http://127.0.0.1:1/fapi/v1/order'), ccxt.InsufficientFunds);
  assert.deepEqual(ex.getExceptionsByUrl('http://127.0.0.1:1/api/v3/order', 'exact'), ex.exceptions.spot.exact);
  assert.deepEqual(ex.getExceptionsByUrl('https://fapi.binance.com/fapi/v1/order', 'exact'), ex.exceptions.linear.exact, 'real hosts as ccxt does');
  assert.deepEqual(ex.getExceptionsByUrl('http://127.0.0.1:1/other', 'exact'), {});
  const plain = createExchange({ exchange: 'binanceusdm' });
  assert.deepEqual(plain.getExceptionsByUrl('http://127.0.0.1:1/fapi/v1/order', 'exact'), {}, 'without url overrides ccxt is untouched');
});
