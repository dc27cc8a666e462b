import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createExchange } from '../src/accounts.mjs';
import { endpointOf, instrument, reportingOrder } from '../src/telemetry.mjs';
import { refusedPort } from './sidecar.mjs';

/** A local HTTP server: answers per path from routes (status, body), never answers paths under /hang. */
async function server(routes) {
  const seen = [];
  const s = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url.startsWith('/hang')) return;
    const [status, body] = routes[req.url.split('?')[0]] ?? [404, '{}'];
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body);
  });
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${s.address().port}`, seen, close: () => { s.closeAllConnections(); s.close(); } };
}

function recorder() {
  const events = [];
  return { events, emit: (event, account, fields) => events.push({ event, account, ...fields }) };
}

test('endpointOf: method and path without the query; template segments replace the ids they produced', () => {
  assert.equal(endpointOf('get', 'http://127.0.0.1:1/api/v3/order?symbol=BTCUSDT&signature=ab'), 'GET /api/v3/order');
  assert.equal(endpointOf('DELETE', 'https://api.kucoin.com/api/v1/orders/64f0a1b2c3', 'orders/{orderId}', 'orders/64f0a1b2c3'),
    'DELETE /api/v1/orders/{orderId}');
  assert.equal(endpointOf('GET', 'https://x.test/v1/orders/123456/fills'), 'GET /v1/orders/{id}/fills');
  assert.equal(endpointOf('GET', 'https://x.test/v1/order/3f2b8c4e-1d2a-4b6c-9e8f-0a1b2c3d4e5f'), 'GET /v1/order/{id}');
  assert.equal(endpointOf('POST', 'not a url'), 'POST /');
});

test('a ccxt REST request is reported with its endpoint, status and time; an order call once as sent first', async () => {
  const srv = await server({
    '/api/v3/time': [200, '{"serverTime":1}'],
    '/api/v3/order': [400, '{"code":-2010,"msg":"Account has insufficient balance for requested action."}'],
  });
  try {
    const ex = createExchange({ exchange: 'binance', credentials: { apiKey: 'tele-key-1', secret: 'tele-secret-1' },
      urls: { api: { public: `${srv.url}/api/v3`, private: `${srv.url}/api/v3` } } });
    const r = recorder();
    instrument(ex, 'main', r.emit);

    await ex.publicGetTime();
    await assert.rejects(reportingOrder('cl-1', () => ex.privatePostOrder({ symbol: 'BTCUSDT', side: 'BUY',
      type: 'LIMIT', quantity: '1', price: '1', newClientOrderId: 'cl-1' })), /insufficient balance/);

    assert.deepEqual(r.events.map(({ ms, ...rest }) => rest), [
      { event: 'request', account: 'main', endpoint: 'GET /api/v3/time', status: 200 },
      { event: 'orderSent', account: 'main', clientOrderId: 'cl-1' },
      { event: 'request', account: 'main', endpoint: 'POST /api/v3/order', status: 400 },
    ]);
    assert.ok(r.events.filter((e) => e.event === 'request').every((e) => typeof e.ms === 'number' && e.ms >= 0));
    assert.ok(srv.seen.some((line) => line.startsWith('POST /api/v3/order')), 'the order request reached the server');
  } finally {
    srv.close();
  }
});

test('a path template keeps ids out of the endpoint', async () => {
  const srv = await server({ '/api/v1/orders/5c35c02703aa673ceec2a168': [200, '{"code":"200000","data":{}}'] });
  try {
    const ex = createExchange({ exchange: 'kucoin',
      credentials: { apiKey: 'tele-key-2', secret: 'tele-secret-2', password: 'tele-pass-2' },
      urls: { api: { private: srv.url } } });
    const r = recorder();
    instrument(ex, 'main', r.emit);

    await ex.privateDeleteOrdersOrderId({ orderId: '5c35c02703aa673ceec2a168' });

    assert.deepEqual(r.events.map(({ event, endpoint, status }) => ({ event, endpoint, status })),
      [{ event: 'request', endpoint: 'DELETE /api/v1/orders/{orderId}', status: 200 }]);
  } finally {
    srv.close();
  }
});

test('a request without an answer is reported with status 0: refused and timed out', async () => {
  const refused = await refusedPort();
  const srv = await server({});
  try {
    const r = recorder();
    const down = createExchange({ exchange: 'binance', timeoutMs: 2000,
      urls: { api: { public: `http://127.0.0.1:${refused}/api/v3` } } });
    instrument(down, 'main', r.emit);
    await assert.rejects(down.publicGetTime());

    const slow = createExchange({ exchange: 'binance', timeoutMs: 300, urls: { api: { public: `${srv.url}/hang/api/v3` } } });
    instrument(slow, 'second', r.emit);
    await assert.rejects(slow.publicGetTime(), /timed out/);

    assert.deepEqual(r.events.map(({ account, endpoint, status }) => ({ account, endpoint, status })), [
      { account: 'main', endpoint: 'GET /api/v3/time', status: 0 },
      { account: 'second', endpoint: 'GET /hang/api/v3/time', status: 0 },
    ]);
    assert.ok(r.events[1].ms >= 300, 'the timeout is measured');
  } finally {
    srv.close();
  }
});

test('a GET inside an order call is not the order request; without an id nothing is reported sent', async () => {
  const srv = await server({ '/api/v3/time': [200, '{"serverTime":1}'], '/api/v3/order': [200, '{}'] });
  try {
    const ex = createExchange({ exchange: 'binance', credentials: { apiKey: 'tele-key-3', secret: 'tele-secret-3' },
      urls: { api: { public: `${srv.url}/api/v3`, private: `${srv.url}/api/v3` } } });
    const r = recorder();
    instrument(ex, 'main', r.emit);

    await reportingOrder('cl-2', async () => {
      await ex.publicGetTime();
      await ex.privatePostOrder({ symbol: 'BTCUSDT' });
      await ex.privatePostOrder({ symbol: 'BTCUSDT' });
    });
    await reportingOrder(undefined, () => ex.privatePostOrder({ symbol: 'BTCUSDT' }));

    assert.deepEqual(r.events.map((e) => (e.event === 'orderSent' ? `sent ${e.clientOrderId}` : e.endpoint)), [
      'GET /api/v3/time', 'sent cl-2', 'POST /api/v3/order', 'POST /api/v3/order', 'POST /api/v3/order',
    ]);
  } finally {
    srv.close();
  }
});
