// Reference prices for the adapter's pre-trade checks: the best bid and ask, mark and last price of
// the adapter's markets, one ccxt call per market type (ccxt's fetchBidsAsks and fetchTickers refuse
// a list mixing spot and derivatives, or linear and inverse).
import ccxt from 'ccxt';
import { isA } from './family.mjs';
import { numberOut } from './numbers.mjs';

/**
 * The ccxt method that reads many markets' prices at once: fetchBidsAsks where ccxt implements it
 * (has === true; bybit's "emulated" is not implemented and throws), else fetchTickers. On Binance
 * this is /api/v3/ticker/bookTicker (weight 4 for every symbol) instead of /api/v3/ticker/24hr
 * (weight 80). Null when the exchange has neither.
 * @param {object} ex a ccxt instance
 * @returns {'fetchBidsAsks'|'fetchTickers'|null}
 */
export function priceSource(ex) {
  if (ex.has.fetchBidsAsks === true) return 'fetchBidsAsks';
  if (ex.has.fetchTickers) return 'fetchTickers';
  return null;
}

/**
 * The symbols ccxt knows, grouped by what one call can ask for together: market type and, for
 * derivatives, linear or inverse. Symbols ccxt has no market for are left out (returned apart).
 * @returns {{groups: Map<string, {type: string, subType: string|undefined, symbols: string[]}>, unknown: string[]}}
 */
export function groupByType(markets, symbols) {
  const groups = new Map();
  const unknown = [];
  for (const symbol of symbols) {
    const m = markets?.[symbol];
    if (!m) {
      unknown.push(symbol);
      continue;
    }
    const subType = m.spot ? undefined : (m.linear ? 'linear' : (m.inverse ? 'inverse' : undefined));
    const key = `${m.type}:${subType ?? ''}`;
    if (!groups.has(key)) groups.set(key, { type: m.type, subType, symbols: [] });
    groups.get(key).symbols.push(symbol);
  }
  return { groups, unknown };
}

/** A ccxt ticker as the protocol's price entry: only these keys, numbers or null. */
export function priceOut(ticker) {
  return {
    symbol: ticker.symbol,
    bid: numberOut(ticker.bid),
    ask: numberOut(ticker.ask),
    mark: numberOut(ticker.markPrice),
    last: numberOut(ticker.last),
    timestamp: numberOut(ticker.timestamp),
  };
}

/**
 * One call per market type. The binance family is asked for every symbol of the type (no symbol
 * list: the spot list would go whole into the url, the weight is the same) and the answer filtered;
 * other exchanges get the symbol list, as ccxt's unified API takes it.
 * @param {object} ex a ccxt instance with its markets loaded
 * @param {string[]} symbols unified symbols
 * @returns {Promise<{source: string, prices: object[]}>} prices of the symbols ccxt answered for
 */
export async function fetchReferencePrices(ex, symbols) {
  const source = priceSource(ex);
  if (source === null) throw new ccxt.NotSupported(`${ex.id} has neither fetchBidsAsks nor fetchTickers`);
  if (!ex.markets) await ex.loadMarkets();
  const { groups } = groupByType(ex.markets, symbols);
  const wanted = new Set(symbols);
  const prices = [];
  for (const g of groups.values()) {
    const tickers = isA(ex, 'binance')
      ? await ex[source](undefined, g.subType === undefined ? { type: g.type } : { type: g.type, subType: g.subType })
      : await ex[source](g.symbols);
    for (const ticker of Object.values(tickers ?? {})) {
      if (ticker && wanted.has(ticker.symbol)) prices.push(priceOut(ticker));
    }
  }
  return { source, prices };
}
