// The protocol's methods. Each takes the request's params and the context
// {accounts, emit, scrub, shutdown} and resolves to the response's result; a rejection becomes an
// error response.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ccxt from 'ccxt';
import { ProtocolError } from './protocol.mjs';
import { decimalIn, integerIn, paramsIn } from './numbers.mjs';
import { orderOut, tradeOut, marketOut, positionOut, balanceOut } from './shapes.mjs';
import { fetchOrderByClientId, fetchOrderById } from './clientIds.mjs';
import { WatchSubscription, PollSubscription } from './streams.mjs';
import { isA } from './family.mjs';
import { readTrades, DEFAULT_MAX_PAGES } from './trades.mjs';
import { reportingOrder } from './telemetry.mjs';
import { fetchReferencePrices } from './prices.mjs';
import { MarketData } from './marketData.mjs';

export const PROTOCOL_VERSION = 1;

// ccxt.version is written by ccxt's release script and can lag the package (4.5.84 says 4.5.83);
// the installed package's own version is the truth.
// ccxt's exports hide its package.json, so it is found by walking up from ccxt's entry file.
function installedCcxtVersion() {
  let dir = dirname(fileURLToPath(import.meta.resolve('ccxt')));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8'));
      if (pkg.name === 'ccxt') return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return ccxt.version;
    dir = parent;
  }
}

const CCXT_VERSION = installedCcxtVersion();

const ORDER_TYPES = new Set(['limit', 'market']);
const SIDES = new Set(['buy', 'sell']);
const SUBSCRIBE_MODES = new Set(['auto', 'watch', 'poll']);

function requireString(params, name) {
  const value = params[name];
  if (typeof value !== 'string' || value.length === 0) throw new ProtocolError(`${name} must be a non-empty string`);
  return value;
}

function optionalString(params, name) {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw new ProtocolError(`${name} must be a non-empty string or null`);
  return value;
}

function requireEnum(params, name, allowed) {
  const value = params[name];
  if (!allowed.has(value)) throw new ProtocolError(`${name} must be one of ${[...allowed].join('|')}, got ${JSON.stringify(value)}`);
  return value;
}

function optionalSymbols(params) {
  const value = params.symbols;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new ProtocolError('symbols must be an array of non-empty strings or null');
  }
  return value;
}

function exchangeOf(ctx, params) {
  return ctx.accounts.get(requireString(params, 'account')).exchange;
}

function orderOrNull(order) {
  return order ? orderOut(order) : null;
}

/** @type {Record<string, (params: object, ctx: object) => Promise<unknown>>} */
export const methods = {
  async hello() {
    return { protocol: PROTOCOL_VERSION, ccxtVersion: CCXT_VERSION, node: process.version };
  },

  async ping() {
    return { time: Date.now() };
  },

  async open(params, ctx) {
    return ctx.accounts.open(params);
  },

  async close(params, ctx) {
    await ctx.accounts.close(requireString(params, 'account'));
    return {};
  },

  async loadMarkets(params, ctx) {
    const ex = exchangeOf(ctx, params);
    if (params.reload !== undefined && params.reload !== null && typeof params.reload !== 'boolean') {
      throw new ProtocolError('reload must be a boolean');
    }
    const markets = await ex.loadMarkets(params.reload === true);
    return Object.values(markets).map(marketOut);
  },

  async createOrder(params, ctx) {
    const ex = exchangeOf(ctx, params);
    const symbol = requireString(params, 'symbol');
    const type = requireEnum(params, 'type', ORDER_TYPES);
    const side = requireEnum(params, 'side', SIDES);
    const amount = decimalIn('amount', params.amount);
    if (amount === undefined) throw new ProtocolError('amount is required');
    const price = decimalIn('price', params.price);
    const sentId = optionalString(params, 'sentId');
    const orderParams = paramsIn(params.params);
    const order = await reportingOrder(sentId, () => ex.createOrder(symbol, type, side, amount, price, orderParams));
    return orderOut(order);
  },

  async editOrder(params, ctx) {
    const ex = exchangeOf(ctx, params);
    const id = requireString(params, 'id');
    const symbol = requireString(params, 'symbol');
    const type = requireEnum(params, 'type', ORDER_TYPES);
    const side = requireEnum(params, 'side', SIDES);
    const amount = decimalIn('amount', params.amount);
    const price = decimalIn('price', params.price);
    // ccxt's bybit.editOrder formats triggerPrice & co. into its request and then extends the request
    // with the raw params again, so numbers reach /v5/order/amend unformatted, which Bybit refuses
    // ("triggerPrice must be a string"): bybit gets the adapter's decimal strings
    const editParams = paramsIn(params.params, { keepStrings: isA(ex, 'bybit') });
    const sentId = optionalString(params, 'sentId');
    const order = await reportingOrder(sentId, () => ex.editOrder(id, symbol, type, side, amount, price, editParams));
    return orderOut(order);
  },

  async cancelOrder(params, ctx) {
    const ex = exchangeOf(ctx, params);
    const id = requireString(params, 'id');
    const symbol = optionalString(params, 'symbol');
    return orderOut(await ex.cancelOrder(id, symbol, paramsIn(params.params)));
  },

  async fetchOrder(params, ctx) {
    const ex = exchangeOf(ctx, params);
    const id = requireString(params, 'id');
    const symbol = optionalString(params, 'symbol');
    return orderOut(await fetchOrderById(ex, id, symbol, paramsIn(params.params)));
  },

  async fetchOrderByClientId(params, ctx) {
    const ex = exchangeOf(ctx, params);
    const clientOrderId = requireString(params, 'clientOrderId');
    const symbol = optionalString(params, 'symbol');
    const since = integerIn('since', params.since);
    return orderOrNull(await fetchOrderByClientId(ex, clientOrderId, symbol, since));
  },

  async fetchOpenOrders(params, ctx) {
    const ex = exchangeOf(ctx, params);
    const symbol = optionalString(params, 'symbol');
    return (await ex.fetchOpenOrders(symbol)).map(orderOut);
  },

  async fetchMyTrades(params, ctx) {
    const ex = exchangeOf(ctx, params);
    const symbol = optionalString(params, 'symbol');
    const since = integerIn('since', params.since);
    const limit = integerIn('limit', params.limit);
    const untilExhausted = params.untilExhausted ?? false;
    if (typeof untilExhausted !== 'boolean') throw new ProtocolError('untilExhausted must be a boolean');
    if (!untilExhausted) {
      if (params.maxPages !== undefined && params.maxPages !== null) throw new ProtocolError('maxPages needs untilExhausted: true');
      return (await ex.fetchMyTrades(symbol, since, limit)).map(tradeOut);
    }
    if (since === undefined) throw new ProtocolError('untilExhausted needs since');
    if (limit !== undefined) throw new ProtocolError('untilExhausted pages by itself: limit must be null');
    const maxPages = integerIn('maxPages', params.maxPages) ?? DEFAULT_MAX_PAGES;
    if (maxPages < 1) throw new ProtocolError('maxPages must be at least 1');
    const { trades } = await readTrades(ex, symbol, since, Date.now(), { maxPages, what: 'fetchMyTrades' });
    return trades.map(tradeOut);
  },

  async fetchBalance(params, ctx) {
    const ex = exchangeOf(ctx, params);
    return balanceOut(await ex.fetchBalance());
  },

  async fetchPositions(params, ctx) {
    const ex = exchangeOf(ctx, params);
    if (!ex.has.fetchPositions) throw new ccxt.NotSupported(`${ex.id} does not support fetchPositions`);
    return (await ex.fetchPositions(optionalSymbols(params))).map(positionOut);
  },

  async fetchReferencePrices(params, ctx) {
    const ex = exchangeOf(ctx, params);
    const symbols = optionalSymbols(params);
    if (symbols === undefined) throw new ProtocolError('symbols is required');
    return fetchReferencePrices(ex, symbols);
  },

  async subscribe(params, ctx) {
    const entry = ctx.accounts.get(requireString(params, 'account'));
    const ex = entry.exchange;
    const symbols = optionalSymbols(params) ?? [];
    const requested = params.mode === undefined || params.mode === null ? 'auto' : requireEnum(params, 'mode', SUBSCRIBE_MODES);
    const intervalMs = integerIn('pollIntervalMs', params.pollIntervalMs) ?? 1000;
    if (intervalMs < 50) throw new ProtocolError('pollIntervalMs must be at least 50');
    const canWatch = Boolean(ex.has.watchOrders) && Boolean(ex.has.watchMyTrades);
    if (requested === 'watch' && !canWatch) {
      throw new ccxt.NotSupported(`${ex.id} has no watchOrders/watchMyTrades; subscribe with mode poll or auto`);
    }
    const mode = requested === 'poll' || !canWatch ? 'poll' : 'watch';
    if (entry.subscription) await entry.subscription.stop();
    const common = { account: entry.name, exchange: ex, symbols, emit: ctx.emit, scrub: ctx.scrub };
    entry.subscription = mode === 'watch'
      ? new WatchSubscription(common)
      : new PollSubscription({ ...common, intervalMs, tracked: entry.tracked });
    entry.subscription.start();
    return { mode };
  },

  async watchMarketData(params, ctx) {
    const entry = ctx.accounts.get(requireString(params, 'account'));
    const symbol = requireString(params, 'symbol');
    const depth = integerIn('depth', params.depth);
    if (depth === undefined || depth < 1) throw new ProtocolError('depth must be an integer of at least 1');
    entry.marketData ??= new MarketData({ account: entry.name, exchange: entry.exchange, emit: ctx.emit, scrub: ctx.scrub });
    return entry.marketData.watch(symbol, depth);
  },

  async unwatchMarketData(params, ctx) {
    const entry = ctx.accounts.get(requireString(params, 'account'));
    const symbol = requireString(params, 'symbol');
    if (!entry.marketData) return { unwatched: false };
    return entry.marketData.unwatch(symbol);
  },

  async track(params, ctx) {
    const entry = ctx.accounts.get(requireString(params, 'account'));
    const symbol = requireString(params, 'symbol');
    const id = requireString(params, 'id');
    const clientOrderId = optionalString(params, 'clientOrderId') ?? null;
    entry.tracked.set(id, { symbol, id, clientOrderId });
    return {};
  },

  async untrack(params, ctx) {
    const entry = ctx.accounts.get(requireString(params, 'account'));
    const id = requireString(params, 'id');
    entry.tracked.delete(id);
    return {};
  },

  async shutdown(params, ctx) {
    ctx.shutdown();
    return {};
  },
};
