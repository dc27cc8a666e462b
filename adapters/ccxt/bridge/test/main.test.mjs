import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sidecar, refusedPort } from './sidecar.mjs';

const API_KEY = 'e2e-api-key-0123456789';
const SECRET = 'e2e-secret-abcdefghij';

test('the sidecar speaks the protocol over stdio', { timeout: 20000 }, async (t) => {
  const sidecar = new Sidecar();
  t.after(() => sidecar.kill());

  const hello = await sidecar.request('hello');
  assert.equal(hello.ok, true);
  assert.equal(hello.result.protocol, 1);
  assert.equal(hello.result.ccxtVersion, '4.5.84');
  assert.equal(hello.result.node, process.version);

  const ping = await sidecar.request('ping');
  assert.equal(typeof ping.result.time, 'number');

  const unknown = await sidecar.request('frobnicate', {});
  assert.equal(unknown.ok, false);
  assert.deepEqual(unknown.error, { class: 'ProtocolError', classes: ['ProtocolError'], message: 'unknown method "frobnicate"', code: null });

  const garbage = await sidecar.sendRaw('{"id": 500, "method": ', null);
  assert.equal(garbage.ok, false);
  assert.equal(garbage.error.class, 'ProtocolError');

  const noAccount = await sidecar.request('fetchBalance', { account: 'nobody' });
  assert.equal(noAccount.error.class, 'ProtocolError');

  // an exchange whose every REST url refuses connections; the api key is part of the url path so the
  // error message ccxt builds from the url carries it, and the sidecar must scrub it
  const port = await refusedPort();
  const base = `http://127.0.0.1:${port}/${API_KEY}`;
  const opened = await sidecar.request('open', {
    account: 'main', exchange: 'binance', credentials: { apiKey: API_KEY, secret: SECRET }, timeoutMs: 3000,
    options: { fetchCurrencies: false, fetchMargins: false, fetchMarkets: { types: ['spot'] } },
    urls: { api: { public: `${base}/api/v3`, private: `${base}/api/v3`, sapi: `${base}/sapi/v1` } },
  });
  assert.equal(opened.ok, true, JSON.stringify(opened));
  assert.equal(opened.result.exchange, 'binance');
  assert.equal(opened.result.has.createOrder, true);
  assert.equal(opened.result.precisionMode, 'TICK_SIZE');

  const badAmount = await sidecar.request('createOrder', { account: 'main', symbol: 'BTC/USDT', type: 'limit', side: 'buy', amount: 0.001, price: '1' });
  assert.equal(badAmount.error.class, 'ProtocolError');
  assert.match(badAmount.error.message, /amount must be a decimal string/);

  const [created, pinged] = await Promise.all([
    sidecar.request('createOrder', {
      account: 'main', symbol: 'BTC/USDT', type: 'limit', side: 'buy', amount: '0.001', price: '60000',
      params: { clientOrderId: 'cl-1' },
    }),
    sidecar.request('ping'),
  ]);
  assert.equal(pinged.ok, true);
  assert.equal(created.ok, false);
  assert.ok(['NetworkError', 'ExchangeNotAvailable', 'RequestTimeout'].includes(created.error.class), created.error.class);
  assert.ok(created.error.classes.includes('NetworkError'));
  assert.deepEqual(created.error.classes.slice(-3), ['NetworkError', 'OperationFailed', 'BaseError']);
  assert.equal(created.error.code, null);
  assert.ok(!created.error.message.includes(API_KEY), created.error.message);
  assert.ok(created.error.message.includes('<redacted>'), created.error.message);

  // a poll subscription on the dead exchange reports the stream down, scrubbed
  const subscribed = await sidecar.request('subscribe', { account: 'main', symbols: ['BTC/USDT'], mode: 'poll', pollIntervalMs: 100 });
  assert.deepEqual(subscribed.result, { mode: 'poll' });
  const down = await sidecar.event((e) => e.event === 'stream' && e.state === 'down');
  assert.equal(down.account, 'main');
  assert.ok(!down.detail.includes(API_KEY));

  const tracked = await sidecar.request('track', { account: 'main', symbol: 'BTC/USDT', id: '1', clientOrderId: 'cl-1' });
  assert.deepEqual(tracked.result, {});

  const exit = await sidecar.end();
  assert.deepEqual(exit, { code: 0, signal: null });
  for (const line of sidecar.stdoutLines) assert.doesNotThrow(() => JSON.parse(line), line);
  assert.ok(!sidecar.stderr.includes(API_KEY) && !sidecar.stderr.includes(SECRET), 'no credential in the logs');
  assert.match(sidecar.stderr, /^INFO /m);
  assert.match(sidecar.stderr, /^WARN /m);
});

test('shutdown answers, then the process exits 0', { timeout: 20000 }, async (t) => {
  const sidecar = new Sidecar();
  t.after(() => sidecar.kill());
  await sidecar.request('open', { account: 'a', exchange: 'bybit' });
  const response = await sidecar.request('shutdown');
  assert.deepEqual(response, { id: 2, ok: true, result: {} });
  assert.deepEqual(await sidecar.exited, { code: 0, signal: null });
});

test('console output and stray stdout writes go to stderr, protocol lines to stdout', { timeout: 20000 }, async () => {
  const { spawnSync } = await import('node:child_process');
  const script = `
    const { writeProtocolLine } = await import(${JSON.stringify(new URL('../src/stdio.mjs', import.meta.url).href)});
    await import(${JSON.stringify(new URL('../src/guard.mjs', import.meta.url).href)});
    console.log('from console.log');
    console.warn('from console.warn');
    process.stdout.write('stray write\\n');
    await writeProtocolLine('{"event":"x"}');
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '{"event":"x"}\n');
  assert.match(run.stderr, /^INFO from console.log$/m);
  assert.match(run.stderr, /^WARN from console.warn$/m);
  assert.match(run.stderr, /stray write/);
});

/** A module node loads before main.mjs (--import) that runs code once main installed its process handlers. */
function preload(code) {
  const wrapped = `const t = setInterval(() => { if (process.listenerCount('uncaughtException') > 0) { clearInterval(t); ${code} } }, 5);`;
  return ['--import', `data:text/javascript,${encodeURIComponent(wrapped)}`];
}

test('an unhandled rejection is logged and the sidecar keeps answering', { timeout: 20000 }, async (t) => {
  const sidecar = new Sidecar(preload("Promise.reject(new Error('nobody catches this'));"));
  t.after(() => sidecar.kill());
  await sidecar.request('hello');
  // wait until the rejection was logged, then prove the process still answers
  while (!/ERROR unhandled rejection/.test(sidecar.stderr)) await new Promise((resolve) => sidecar.child.stderr.once('data', resolve));
  assert.match(sidecar.stderr, /nobody catches this/);
  assert.equal((await sidecar.request('ping')).ok, true);
  assert.deepEqual(await sidecar.end(), { code: 0, signal: null });
});

test('an uncaught exception ends the process with a non-zero code', { timeout: 20000 }, async (t) => {
  const sidecar = new Sidecar(preload("throw new Error('crash on purpose');"));
  t.after(() => sidecar.kill());
  const exit = await sidecar.exited;
  assert.equal(exit.code, 70);
  assert.match(sidecar.stderr, /ERROR uncaught exception, exiting: Error: crash on purpose/);
});
