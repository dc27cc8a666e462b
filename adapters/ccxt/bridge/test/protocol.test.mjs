import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import errorHierarchy from '../node_modules/ccxt/js/src/base/errorHierarchy.js';
import { ProtocolError, parseRequest, errorClasses, exchangeCode, errorBody, okLine, errorLine, eventLine } from '../src/protocol.mjs';
import { Scrubber } from '../src/scrub.mjs';

/** The path from BaseError down to name in ccxt's own hierarchy table, most specific first. */
function chainFromHierarchy(name, tree = errorHierarchy, path = []) {
  for (const [key, children] of Object.entries(tree)) {
    const here = [key, ...path];
    if (key === name) return here;
    const found = chainFromHierarchy(name, children, here);
    if (found) return found;
  }
  return null;
}

test('parseRequest reads id, method and params', () => {
  assert.deepEqual(parseRequest('{"id":17,"method":"ping","params":{"a":1}}'), { id: 17, method: 'ping', params: { a: 1 } });
  assert.deepEqual(parseRequest('{"id":"x","method":"hello"}'), { id: 'x', method: 'hello', params: {} });
});

test('parseRequest rejects what is not a request, keeping the id when it could be read', () => {
  assert.throws(() => parseRequest('not json'), ProtocolError);
  assert.throws(() => parseRequest('{"id":1,"method":"open","params":{"credentials":{"secret":"s3cr3t-value"'),
    (err) => err instanceof ProtocolError && !err.message.includes('s3cr3t') && /not valid JSON/.test(err.message),
    'the message never quotes the line, which may hold a credential');
  assert.throws(() => parseRequest('[1,2]'), /JSON object/);
  assert.throws(() => parseRequest('{"method":"ping"}'), /id/);
  assert.throws(() => parseRequest('{"id":1.5,"method":"ping"}'), /id/);
  try {
    parseRequest('{"id":9,"method":"ping","params":[1]}');
    assert.fail('expected a ProtocolError');
  } catch (err) {
    assert.ok(err instanceof ProtocolError);
    assert.equal(err.id, 9);
  }
  try {
    parseRequest('{"id":10,"method":""}');
    assert.fail('expected a ProtocolError');
  } catch (err) {
    assert.equal(err.id, 10);
  }
});

test('error class chains follow ccxt hierarchy', () => {
  assert.deepEqual(errorClasses(new ccxt.InsufficientFunds('x')), ['InsufficientFunds', 'ExchangeError', 'BaseError']);
  assert.deepEqual(errorClasses(new ccxt.RequestTimeout('x')), ['RequestTimeout', 'NetworkError', 'OperationFailed', 'BaseError']);
  assert.deepEqual(errorClasses(new ccxt.OrderNotFound('x')), ['OrderNotFound', 'InvalidOrder', 'ExchangeError', 'BaseError']);
  assert.deepEqual(errorClasses(new ccxt.OnMaintenance('x')), ['OnMaintenance', 'ExchangeNotAvailable', 'NetworkError', 'OperationFailed', 'BaseError']);
  assert.deepEqual(errorClasses(new ccxt.AccountNotEnabled('x')), ['AccountNotEnabled', 'PermissionDenied', 'AuthenticationError', 'ExchangeError', 'BaseError']);
  for (const name of ['BadSymbol', 'DDoSProtection', 'RateLimitExceeded', 'ExchangeNotAvailable', 'InvalidNonce',
    'AuthenticationError', 'NotSupported', 'DuplicateOrderId', 'NullResponse', 'CancelPending', 'ExchangeClosedByUser', 'BaseError']) {
    assert.deepEqual(errorClasses(new ccxt[name]('x')), chainFromHierarchy(name), name);
  }
});

test('non-ccxt errors carry their own class only', () => {
  assert.deepEqual(errorClasses(new TypeError('x')), ['TypeError']);
  assert.deepEqual(errorClasses(new ProtocolError('x')), ['ProtocolError']);
  assert.deepEqual(errorClasses('a string'), ['Error']);
});

test('exchangeCode reads the venue code out of ccxt messages', () => {
  assert.equal(exchangeCode('binance {"code":-2010,"msg":"Account has insufficient balance"}'), '-2010');
  assert.equal(exchangeCode('bybit {"retCode":170131,"retMsg":"Insufficient balance."}'), '170131');
  assert.equal(exchangeCode('okx {"error":{"code":"51008"}}'), '51008');
  assert.equal(exchangeCode('binance GET http://127.0.0.1:1/api/v3/order fetch failed'), null);
  assert.equal(exchangeCode('kraken {not json}'), null);
  assert.equal(exchangeCode(undefined), null);
});

test('errorBody and errorLine encode class, chain, scrubbed message and code', () => {
  const scrubber = new Scrubber();
  scrubber.register({ apiKey: 'THE-API-KEY-123' });
  const err = new ccxt.InsufficientFunds('binance THE-API-KEY-123 {"code":-2010,"msg":"no"}');
  assert.deepEqual(errorBody(err, (s) => scrubber.scrub(s)), {
    class: 'InsufficientFunds',
    classes: ['InsufficientFunds', 'ExchangeError', 'BaseError'],
    message: 'binance <redacted> {"code":-2010,"msg":"no"}',
    code: '-2010',
  });
  const line = errorLine(17, err, (s) => scrubber.scrub(s));
  assert.ok(!line.includes('\n'));
  assert.equal(JSON.parse(line).id, 17);
  assert.equal(JSON.parse(line).ok, false);
});

test('okLine and eventLine are single JSON lines', () => {
  assert.equal(okLine(3, { a: 'x\ny' }), '{"id":3,"ok":true,"result":{"a":"x\\ny"}}');
  assert.equal(okLine(4, undefined), '{"id":4,"ok":true,"result":null}');
  assert.equal(eventLine('stream', 'main', { state: 'up', detail: 'd' }), '{"event":"stream","account":"main","state":"up","detail":"d"}');
});
