// Fetching an order by the client order id, the way each exchange's ccxt class needs it, and
// fetching by exchange id with the exchange-specific acknowledgements. The exchange's handling is
// chosen from its ccxt class chain (family.mjs), so a subclass gets its parent's handling.
import ccxt from 'ccxt';
import { classesOf, isA } from './family.mjs';

/** Pages of closed orders the scan reads (moving since forward) before it gives up answering. */
export const SCAN_MAX_PAGES = 10;

/**
 * The exchanges whose ccxt fetchOrder demonstrably looks an order up by client order id (checked in
 * ccxt 4.5.84's source), keyed by ccxt class name; the first class of the chain found here decides.
 *  - binance: fetchOrder reads origClientOrderId; USD-M conditional orders are algo orders, asked
 *    again with trigger:true (ccxt sends clientAlgoId).
 *  - bybit: fetchOrder needs an order id, so the open list and the history are asked with orderLinkId.
 *  - okx: fetchOrder reads clientOrderId as clOrdId (/trade/order); conditional orders are asked
 *    again with trigger:true, which ccxt sends as algoClOrdId (/trade/order-algo), as its createOrder
 *    sets algoClOrdId for them.
 * Every other exchange is scanned (see fetchOrderByClientId). Not in the table on purpose, e.g.:
 * kraken (fetchOrder asks userref, createOrder sends cl_ord_id), coinbase (fetchOrder ignores
 * clientOrderId and asks /orders/historical/undefined).
 */
export const CLIENT_ID_LOOKUPS = Object.freeze({
  binance: 'binance',
  bybit: 'bybit',
  okx: 'okx',
});

/**
 * How fetchOrderByClientId asks this exchange: "binance", "bybit", "okx" (direct lookups, see
 * CLIENT_ID_LOOKUPS), "scan" (open and closed lists) or "unsupported".
 */
export function clientIdLookupOf(ex) {
  for (const name of classesOf(ex)) {
    if (Object.hasOwn(CLIENT_ID_LOOKUPS, name)) return CLIENT_ID_LOOKUPS[name];
  }
  const has = ex.has ?? {};
  return has.fetchOpenOrders || has.fetchClosedOrders ? 'scan' : 'unsupported';
}

/** True for a binance USD-M perpetual: its conditional orders live in the algo-order api. */
function isBinanceLinearSwap(ex, symbol) {
  if (!isA(ex, 'binance') || symbol === undefined || ex.markets === undefined) return false;
  const market = ex.markets[symbol];
  return Boolean(market && market.swap && market.linear);
}

function nullIfNotFound(err) {
  if (err instanceof ccxt.OrderNotFound) return null;
  throw err;
}

function pick(orders, predicate) {
  const found = orders.filter(predicate);
  return found.length > 0 ? found[found.length - 1] : null;
}

/**
 * A direct lookup's answer must be the order asked for: an answer that names another client order
 * id is an exchange error, never passed on as the order.
 */
function checked(ex, clientOrderId, order) {
  if (order === null || order === undefined) return null;
  if ((order.id === undefined || order.id === null) && (order.clientOrderId === undefined || order.clientOrderId === null)) {
    throw new ccxt.ExchangeError(`${ex.id} answered an order without id or client order id when asked for ${clientOrderId}`);
  }
  if (order.clientOrderId !== undefined && order.clientOrderId !== null && order.clientOrderId !== clientOrderId) {
    throw new ccxt.ExchangeError(`${ex.id} answered order ${order.id} with client order id ${order.clientOrderId} when asked for ${clientOrderId}`);
  }
  return order;
}

/** fetchOrder by client id, and again with trigger:true (conditional orders) on OrderNotFound. */
async function directWithTriggerRetry(ex, symbol, params, retryWithTrigger) {
  try {
    return await ex.fetchOrder(undefined, symbol, params);
  } catch (err) {
    nullIfNotFound(err);
    if (!retryWithTrigger) return null;
    return ex.fetchOrder(undefined, symbol, { ...params, trigger: true }).catch(nullIfNotFound);
  }
}

/**
 * Scans the open list, then the closed list from since (paged forward by the newest timestamp seen
 * until a page brings no new order), for the client order id.
 * @returns the order; null only when both lists were read to the end and neither holds it
 * @throws NotSupported when the answer cannot be definitive (a list the exchange lacks, no since,
 *   more than SCAN_MAX_PAGES pages)
 */
async function scan(ex, clientOrderId, symbol, since) {
  const has = ex.has ?? {};
  const matches = (o) => o.clientOrderId === clientOrderId;
  if (has.fetchOpenOrders) {
    const live = pick(await ex.fetchOpenOrders(symbol), matches);
    if (live) return live;
  }
  let closedRead = false;
  if (has.fetchClosedOrders && since !== undefined) {
    const seen = new Set();
    let from = since;
    for (let page = 0; page < SCAN_MAX_PAGES; page++) {
      const orders = await ex.fetchClosedOrders(symbol, from);
      const found = pick(orders, matches);
      if (found) return found;
      const fresh = orders.filter((o) => !seen.has(String(o.id)));
      if (fresh.length === 0) {
        closedRead = true;
        break;
      }
      for (const o of fresh) seen.add(String(o.id));
      const newest = Math.max(...fresh.map((o) => (typeof o.timestamp === 'number' ? o.timestamp : from)));
      if (newest <= from) {
        // a full page at one timestamp cannot be moved past without skipping: not definitive
        break;
      }
      from = newest;
    }
  } else if (has.fetchClosedOrders) {
    // without since the closed list is whatever recent window the exchange answers: found there
    // is an answer, missing from it is not
    const found = pick(await ex.fetchClosedOrders(symbol), matches);
    if (found) return found;
  }
  if (has.fetchOpenOrders && closedRead) return null;
  const missing = [
    has.fetchOpenOrders ? null : 'no open-orders list',
    has.fetchClosedOrders ? null : 'no closed-orders list',
    has.fetchClosedOrders && since === undefined ? 'no since given for the closed-orders list' : null,
    has.fetchClosedOrders && since !== undefined && !closedRead ? `closed orders not exhausted after ${SCAN_MAX_PAGES} pages` : null,
  ].filter((m) => m !== null);
  throw new ccxt.NotSupported(`${ex.id} cannot be asked by client order id definitively (${missing.join('; ')}): order ${clientOrderId} was not found in what could be read`);
}

/**
 * The order with the given client order id, or null only when the answer is definitive for the
 * exchange (the README's per-exchange table):
 *  - binance family: fetchOrder(undefined, symbol, {origClientOrderId}); for a USD-M perpetual that
 *    says OrderNotFound, again with trigger:true (conditional orders are algo orders there)
 *  - bybit v5: bybit.fetchOrder needs an order id and params.acknowledged, and only reaches the last
 *    500 orders; so the open list (/v5/order/realtime) is queried with orderLinkId, then the history
 *    (/v5/order/history) with orderLinkId.
 *  - okx: fetchOrder(undefined, symbol, {clientOrderId}) (clOrdId), on OrderNotFound again with
 *    trigger:true (algoClOrdId)
 *  - others: fetchOpenOrders(symbol) then fetchClosedOrders(symbol, since) paged forward; null only
 *    when both were read to the end
 *  - an exchange with neither list: NotSupported
 * @param {number|undefined} since the earliest time (ms) the order can have been placed, for scans
 * @returns {Promise<object|null>} ccxt's order structure or null
 * @throws ccxt errors; NotSupported when the exchange cannot be asked by client order id definitively
 */
export async function fetchOrderByClientId(ex, clientOrderId, symbol, since = undefined) {
  const lookup = clientIdLookupOf(ex);
  if (lookup === 'binance') {
    const order = await directWithTriggerRetry(ex, symbol, { origClientOrderId: clientOrderId }, isBinanceLinearSwap(ex, symbol));
    return checked(ex, clientOrderId, order);
  }
  if (lookup === 'bybit') {
    const matches = (o) => o.clientOrderId === clientOrderId;
    const open = await ex.fetchOpenOrders(symbol, undefined, undefined, { orderLinkId: clientOrderId });
    const live = pick(open, matches);
    if (live) return live;
    const done = await ex.fetchCanceledAndClosedOrders(symbol, undefined, undefined, { orderLinkId: clientOrderId });
    return pick(done, matches);
  }
  if (lookup === 'okx') {
    return checked(ex, clientOrderId, await directWithTriggerRetry(ex, symbol, { clientOrderId }, true));
  }
  if (lookup === 'scan') {
    return scan(ex, clientOrderId, symbol, since);
  }
  throw new ccxt.NotSupported(`${ex.id} cannot be asked by client order id (it has neither fetchOpenOrders nor fetchClosedOrders)`);
}

/**
 * fetchOrder by the exchange's order id. For bybit v5 (unified account) ccxt requires
 * params.acknowledged and only sees the last 500 orders; when that says OrderNotFound, the order
 * history is asked before giving up. For a binance USD-M perpetual an OrderNotFound without
 * params.trigger is asked again with trigger:true (algo orders); if that fails too, the first
 * OrderNotFound is what the caller gets.
 * @returns {Promise<object>} ccxt's order structure
 * @throws ccxt errors (OrderNotFound when no path finds it)
 */
export async function fetchOrderById(ex, id, symbol, params = {}) {
  if (isA(ex, 'bybit')) {
    try {
      return await ex.fetchOrder(id, symbol, { acknowledged: true, ...params });
    } catch (err) {
      if (!(err instanceof ccxt.OrderNotFound)) throw err;
      const history = await ex.fetchCanceledAndClosedOrders(symbol, undefined, undefined, { ...params, orderId: id });
      const found = pick(history, (o) => o.id === id);
      if (found) return found;
      throw err;
    }
  }
  if (isBinanceLinearSwap(ex, symbol) && params.trigger === undefined) {
    try {
      return await ex.fetchOrder(id, symbol, params);
    } catch (err) {
      if (!(err instanceof ccxt.OrderNotFound)) throw err;
      // USD-M conditional orders are algo orders (the id is the algoId), asked with trigger:true
      return ex.fetchOrder(id, symbol, { ...params, trigger: true }).catch((second) => {
        throw second instanceof ccxt.OrderNotFound ? err : second;
      });
    }
  }
  return ex.fetchOrder(id, symbol, params);
}
