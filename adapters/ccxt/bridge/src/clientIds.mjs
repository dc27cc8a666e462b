// Fetching an order by the client order id, the way each exchange's ccxt class needs it, and
// fetching by exchange id with the exchange-specific acknowledgements.
import ccxt from 'ccxt';

function isBinance(ex) {
  return ex instanceof ccxt.binance; // binance, binanceusdm, binancecoinm, binanceus, their pro classes
}

function isBybit(ex) {
  return ex instanceof ccxt.bybit;
}

/** True for a binance USD-M perpetual: its conditional orders live in the algo-order api. */
function isBinanceLinearSwap(ex, symbol) {
  if (!isBinance(ex) || symbol === undefined || ex.markets === undefined) return false;
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
 * The order with the given client order id, or null when the exchange says it does not exist
 * (only OrderNotFound becomes null).
 *  - binance: fetchOrder(undefined, symbol, {origClientOrderId}); for a USD-M perpetual that says
 *    OrderNotFound, again with trigger:true (conditional orders are algo orders there)
 *  - bybit v5: bybit.fetchOrder needs an order id and params.acknowledged, and only reaches the last
 *    500 orders; so the open list (/v5/order/realtime) is queried with orderLinkId, then the history
 *    (/v5/order/history) with orderLinkId.
 *  - others: fetchOrder(undefined, symbol, {clientOrderId}) when has.fetchOrder.
 * @returns {Promise<object|null>} ccxt's order structure or null
 * @throws ccxt errors; NotSupported when the exchange cannot fetch orders
 */
export async function fetchOrderByClientId(ex, clientOrderId, symbol) {
  if (isBinance(ex)) {
    try {
      return await ex.fetchOrder(undefined, symbol, { origClientOrderId: clientOrderId });
    } catch (err) {
      nullIfNotFound(err);
      // USD-M conditional orders are algo orders: same client id, asked with trigger:true
      if (!isBinanceLinearSwap(ex, symbol)) return null;
      return ex.fetchOrder(undefined, symbol, { origClientOrderId: clientOrderId, trigger: true }).catch(nullIfNotFound);
    }
  }
  if (isBybit(ex)) {
    const matches = (o) => o.clientOrderId === clientOrderId;
    const open = await ex.fetchOpenOrders(symbol, undefined, undefined, { orderLinkId: clientOrderId });
    const live = pick(open, matches);
    if (live) return live;
    const done = await ex.fetchCanceledAndClosedOrders(symbol, undefined, undefined, { orderLinkId: clientOrderId });
    return pick(done, matches);
  }
  if (!ex.has.fetchOrder) {
    throw new ccxt.NotSupported(`${ex.id} cannot fetch an order (has.fetchOrder is false), so not by client order id either`);
  }
  return ex.fetchOrder(undefined, symbol, { clientOrderId }).catch(nullIfNotFound);
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
  if (isBybit(ex)) {
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
