// Copies only the protocol's keys out of ccxt's structures (never "info").
import { numberOut, stringOut, boolOut } from './numbers.mjs';

function feeOut(fee) {
  if (!fee || typeof fee !== 'object') return null;
  const cost = numberOut(fee.cost);
  const currency = stringOut(fee.currency);
  if (cost === null && currency === null) return null;
  return { cost, currency };
}

/** @returns {object} trade = {id, order, clientOrderId, symbol, side, price, amount, cost, fee, takerOrMaker, timestamp} */
export function tradeOut(t) {
  return {
    id: stringOut(t.id),
    order: stringOut(t.order),
    clientOrderId: stringOut(t.clientOrderId),
    symbol: stringOut(t.symbol),
    side: stringOut(t.side),
    price: numberOut(t.price),
    amount: numberOut(t.amount),
    cost: numberOut(t.cost),
    fee: feeOut(t.fee),
    takerOrMaker: t.takerOrMaker === 'taker' || t.takerOrMaker === 'maker' ? t.takerOrMaker : null,
    timestamp: numberOut(t.timestamp),
  };
}

/** ccxt parses Binance's websocket "P":"0.00000000" (no stop price) as 0; a trigger at 0 means none. */
function triggerOut(o) {
  const value = numberOut(o.triggerPrice ?? o.stopPrice);
  return value === 0 ? null : value;
}

/** @returns {object} the protocol's order */
export function orderOut(o) {
  let fee = feeOut(o.fee);
  if (fee === null && Array.isArray(o.fees) && o.fees.length === 1) fee = feeOut(o.fees[0]);
  return {
    id: stringOut(o.id),
    clientOrderId: stringOut(o.clientOrderId),
    symbol: stringOut(o.symbol),
    type: stringOut(o.type),
    side: stringOut(o.side),
    status: stringOut(o.status),
    price: numberOut(o.price),
    average: numberOut(o.average),
    amount: numberOut(o.amount),
    filled: numberOut(o.filled),
    remaining: numberOut(o.remaining),
    cost: numberOut(o.cost),
    triggerPrice: triggerOut(o),
    reduceOnly: boolOut(o.reduceOnly),
    postOnly: boolOut(o.postOnly),
    timeInForce: stringOut(o.timeInForce),
    timestamp: numberOut(o.timestamp),
    lastTradeTimestamp: numberOut(o.lastTradeTimestamp),
    fee,
    trades: Array.isArray(o.trades) ? o.trades.map(tradeOut) : [],
  };
}

function minMax(range) {
  return { min: numberOut(range?.min), max: numberOut(range?.max) };
}

/** @returns {object} the protocol's market */
export function marketOut(m) {
  return {
    id: stringOut(m.id),
    symbol: stringOut(m.symbol),
    base: stringOut(m.base),
    quote: stringOut(m.quote),
    settle: stringOut(m.settle),
    type: stringOut(m.type),
    spot: boolOut(m.spot),
    swap: boolOut(m.swap),
    future: boolOut(m.future),
    linear: boolOut(m.linear),
    inverse: boolOut(m.inverse),
    contractSize: numberOut(m.contractSize),
    active: boolOut(m.active),
    precision: { amount: numberOut(m.precision?.amount), price: numberOut(m.precision?.price) },
    limits: { amount: minMax(m.limits?.amount), price: minMax(m.limits?.price), cost: minMax(m.limits?.cost) },
    expiry: numberOut(m.expiry),
  };
}

/** @returns {object} the protocol's position */
export function positionOut(p) {
  return {
    symbol: stringOut(p.symbol),
    side: stringOut(p.side),
    contracts: numberOut(p.contracts),
    contractSize: numberOut(p.contractSize),
    entryPrice: numberOut(p.entryPrice),
    unrealizedPnl: numberOut(p.unrealizedPnl),
    realizedPnl: numberOut(p.realizedPnl),
    leverage: numberOut(p.leverage),
    marginMode: stringOut(p.marginMode),
  };
}

const BALANCE_META = new Set(['info', 'free', 'used', 'total', 'debt', 'timestamp', 'datetime']);

/** @returns {Record<string, {free, used, total}>} only the currencies with a total */
export function balanceOut(b) {
  const out = {};
  for (const [code, entry] of Object.entries(b ?? {})) {
    if (BALANCE_META.has(code) || !entry || typeof entry !== 'object') continue;
    const total = numberOut(entry.total);
    if (total === null) continue;
    out[code] = { free: numberOut(entry.free), used: numberOut(entry.used), total };
  }
  return out;
}

/** @returns {Record<string, boolean|"emulated">} ccxt's has, booleans and "emulated" only */
export function hasOut(has) {
  const out = {};
  for (const [key, value] of Object.entries(has ?? {})) {
    if (typeof value === 'boolean' || value === 'emulated') out[key] = value;
  }
  return out;
}
