// Order book sequence checks the sidecar adds where ccxt applies a venue's book updates without
// checking them. Today: the bybit family, whose orderbook deltas ccxt 4.5.84 applies without looking
// at their update id.
import ccxt from 'ccxt';
import { isA } from './family.mjs';

const trackers = new WeakMap();

/**
 * Per-symbol sequence state of one ccxt instance's book stream: the last update id applied, a gap the
 * watch loop has still to act on, whether deltas are dropped until a snapshot rebuilds the book, and how many snapshots
 * replaced the book (a watch loop that sees the count change knows the book was rebuilt).
 * Node runs it on one event loop: no locking.
 */
export class BookSequence {
  constructor() {
    /** @type {Map<string, {u: number|undefined, gap: string|null, awaitingSnapshot: boolean, snapshots: number}>} */
    this.bySymbol = new Map();
  }

  state(symbol) {
    let s = this.bySymbol.get(symbol);
    if (!s) {
      s = { u: undefined, gap: null, awaitingSnapshot: false, snapshots: 0 };
      this.bySymbol.set(symbol, s);
    }
    return s;
  }

  /** How many venue snapshots replaced {@code symbol}'s book so far. */
  snapshots(symbol) {
    return this.state(symbol).snapshots;
  }

  /** The description of a gap not yet acted on (the topic must be subscribed again), or null. */
  gap(symbol) {
    return this.state(symbol).gap;
  }

  /** The topic was subscribed again after the gap: deltas stay ignored until its snapshot comes. */
  resubscribed(symbol) {
    this.state(symbol).gap = null;
  }

  /** Unsubscribing failed: the gap stands (the loop tries again) and deltas stay ignored. */
  rearm(symbol, why) {
    const s = this.state(symbol);
    s.gap = why;
    s.awaitingSnapshot = true;
  }

  /** Forgets a symbol (its stream was unsubscribed): the next subscription starts from its snapshot. */
  forget(symbol) {
    this.bySymbol.delete(symbol);
  }
}

/** The instance's sequence tracker, or undefined where ccxt checks the sequence itself (or nothing is known). */
export function bookSequenceOf(exchange) {
  return trackers.get(exchange);
}

/**
 * Bybit v5 orderbook topics: a "snapshot" replaces the book, every "delta" carries data.u, which
 * Bybit documents as continuous (each message of a topic has the previous one's u + 1; a snapshot,
 * also after a service restart with u = 1, starts over). ccxt's bybit.handleOrderBook applies every
 * delta without looking at u, so a lost message would leave its book wrong for good. This wraps
 * handleOrderBook: a delta whose u is not the previous u + 1 opens a gap — ccxt's book of the symbol
 * is dropped, a pending watchOrderBook is rejected with InvalidNonce (and {@link BookSequence#gap} tells
 * a loop that was not waiting), and deltas are ignored until the next snapshot, which the watch loop
 * obtains by unsubscribing and subscribing the topic again. Installed once per instance.
 * @returns {BookSequence|undefined} the tracker, or undefined for other exchanges
 */
export function checkBookSequence(exchange) {
  if (!isA(exchange, 'bybit') || typeof exchange.handleOrderBook !== 'function') return undefined;
  const known = trackers.get(exchange);
  if (known) return known;
  const sequence = new BookSequence();
  const original = exchange.handleOrderBook;
  // ccxt's bybit book has no nonce: it is given the update id of the message applied last (before
  // the watch that ccxt resolved sees it: promise callbacks run after this handler returns)
  const applied = (self, client, message, symbol, u) => {
    const result = original.call(self, client, message);
    if (exchange.orderbooks[symbol] && u !== undefined) exchange.orderbooks[symbol].nonce = u;
    return result;
  };
  exchange.handleOrderBook = function handleOrderBookInSequence(client, message) {
    const data = exchange.safeDict(message, 'data', {});
    const isSpot = typeof client?.url === 'string' && client.url.indexOf('spot') >= 0;
    const market = exchange.safeMarket(exchange.safeString(data, 's'), undefined, undefined, isSpot ? 'spot' : 'contract');
    const symbol = market.symbol;
    const u = exchange.safeInteger(data, 'u');
    const s = sequence.state(symbol);
    if (exchange.safeString(message, 'type') === 'snapshot') {
      s.u = u;
      s.gap = null;
      s.awaitingSnapshot = false;
      s.snapshots += 1;
      return applied(this, client, message, symbol, u);
    }
    if (s.awaitingSnapshot) return undefined; // a delta cannot apply to no book: wait for the snapshot
    if (u !== undefined && s.u !== undefined && u !== s.u + 1) {
      s.gap = `${exchange.id} ${symbol} orderbook update u=${u} came after u=${s.u} (expected ${s.u + 1}): updates were missed`;
      s.awaitingSnapshot = true;
      delete exchange.orderbooks[symbol];
      // only a pending watch is failed here; a watch loop checks gap() before it watches again (a
      // rejection ccxt kept for later would also fail the watch that waits for the new snapshot)
      const hash = `orderbook:${symbol}`;
      if (client.futures && hash in client.futures) client.reject(new ccxt.InvalidNonce(s.gap), hash);
      return undefined;
    }
    if (u !== undefined) s.u = u;
    return applied(this, client, message, symbol, u);
  };
  trackers.set(exchange, sequence);
  return sequence;
}
