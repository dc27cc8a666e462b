import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scrubber, REDACTED } from '../src/scrub.mjs';

test('every configured secret value is replaced, walletAddress and uid are not secrets', () => {
  const s = new Scrubber();
  s.register({ apiKey: 'AK-1234567', secret: 'S3cr3t/+=', password: 'pass-phrase', privateKey: '0xdeadbeef', uid: 'u-42', walletAddress: '0xabc' });
  const text = 'k=AK-1234567 s=S3cr3t/+= p=pass-phrase pk=0xdeadbeef uid=u-42 wallet=0xabc';
  assert.equal(s.scrub(text), `k=${REDACTED} s=${REDACTED} p=${REDACTED} pk=${REDACTED} uid=u-42 wallet=0xabc`);
});

test('url-encoded and JSON-escaped forms of a secret are replaced', () => {
  const s = new Scrubber();
  s.register({ secret: 'a/b+c"d' });
  assert.equal(s.scrub('q=a%2Fb%2Bc%22d'), `q=${REDACTED}`);
  assert.equal(s.scrub(JSON.stringify({ v: 'a/b+c"d' })), `{"v":"${REDACTED}"}`);
});

test('signature query parameters and JSON fields are replaced', () => {
  const s = new Scrubber();
  const url = 'binance POST http://127.0.0.1:9/api/v3/order?symbol=BTCUSDT&timestamp=1&signature=0af3c9 fetch failed';
  assert.equal(s.scrub(url), `binance POST http://127.0.0.1:9/api/v3/order?symbol=BTCUSDT&timestamp=1&signature=${REDACTED} fetch failed`);
  assert.equal(s.scrub('GET /v5/order?a=1&sign=ffee&b=2'), `GET /v5/order?a=1&sign=${REDACTED}&b=2`);
  assert.equal(s.scrub('{"sign":"abc","x":1}'), `{"sign":"${REDACTED}","x":1}`);
  assert.equal(s.scrub('headers {"X-BAPI-API-KEY":"k9","X-BAPI-SIGN":"s9"}'), `headers {"X-BAPI-API-KEY":"${REDACTED}","X-BAPI-SIGN":"${REDACTED}"}`);
});

test('a secret containing another secret is removed whole, non-strings are stringified', () => {
  const s = new Scrubber();
  s.register({ apiKey: 'abcd1234', secret: 'abcd1234efgh' });
  assert.equal(s.scrub('x abcd1234efgh y abcd1234'), `x ${REDACTED} y ${REDACTED}`);
  assert.equal(s.scrub(42), '42');
});

test('empty and missing credentials register nothing', () => {
  const s = new Scrubber();
  s.register(undefined);
  s.register({ apiKey: '' });
  assert.equal(s.values.size, 0);
  assert.equal(s.scrub('nothing to hide'), 'nothing to hide');
});
