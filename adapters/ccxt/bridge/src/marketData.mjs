// Public market data of one symbol: a watch loop over ccxt.pro's watchOrderBook (ccxt keeps the book
// by the venue's rules: Binance diff-depth plus a REST snapshot, Bybit snapshot plus deltas) that sends
// the top levels as "book" events and reports a lost or rebuilt book ("bookInterrupted", then a book
// with resynced true), and one over watchTrades that sends "publicTrades" events.
import ccxt from 'ccxt';
import { decimalOut, stringOut, numberOut } from './numbers.mjs';
import { nextBackoff } from './streams.mjs';
import { isA } from './family.mjs';
import { bookSequenceOf } from './bookSequence.mjs';
import { log } from './log.mjs';

/** Bybit's orderbook topic depths (ccxt 4.5.84 refuses any other limit). */
export const BYBIT_DEPTHS = Object.freeze([1, 50, 200, 1000]);
/** How long stopping waits for ccxt's unWatch answers. */
export const UNWATCH_TIMEOUT_MS = 5000;

/**
 * The limit given to ccxt's watchOrderBook for a book of {@code depth} levels per side:
 * bybit family: the smallest orderbook topic depth that covers it (1, 50, 200, 1000; else 1000);
 * binance family: none, ccxt's default (a 1000-level REST snapshot under the full diff-depth stream, so
 * levels below the top {@code depth} are known when the top ones go); others: {@code depth}.
 * @returns {number|undefined}
 */
export function watchLimit(exchange, depth) {
  if (isA(exchange, 'bybit')) return BYBIT_DEPTHS.find((d) => d >= depth) ?? BYBIT_DEPTHS[BYBIT_DEPTHS.length - 1];
  if (isA(exchange, 'binance')) return undefined;
  return depth;
}

/**
 * The first {@code depth} levels of a ccxt book side as [price, size] decimal strings; levels ccxt holds
 * with a size of zero or without a price are left out.
 * @returns {string[][]}
 */
export function levelsOut(side, depth) {
  const out = [];
  if (!Array.isArray(side)) return out;
  for (const level of side) {
    if (out.length >= depth) break;
    if (!Array.isArray(level)) continue;
    const price = decimalOut(level[0]);
    const size = decimalOut(level[1]);
    if (price === null || size === null || Number(size) <= 0 || Number(price) <= 0) continue;
    out.push([price, size]);
  }
  return out;
}

/** @returns {{id: string|null, price: string|null, amount: string|null, side: string|null, timestamp: number|null}} */
export function publicTradeOut(t) {
  const ts = numberOut(t.timestamp);
  return {
    id: stringOut(t.id),
    price: decimalOut(t.price),
    amount: decimalOut(t.amount),
    side: t.side === 'buy' || t.side === 'sell' ? t.side : null,
    timestamp: ts !== null && Number.isSafeInteger(ts) ? ts : null,
  };
}

function integerOrNull(value) {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

/** Errors that mean the book fell out of sequence (ccxt's own checks and the sidecar's). */
export function isGap(err) {
  return err instanceof ccxt.ChecksumError || err instanceof ccxt.InvalidNonce;
}

/** A sleep that stop() cuts short. */
class Sleeper {
  constructor() {
    this.timers = new Set();
  }

  sleep(ms) {
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => { this.timers.delete(entry); resolve(); }, ms), resolve };
      this.timers.add(entry);
    });
  }

  wakeAll() {
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.timers.clear();
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((resolve, reject) => { timer = setTimeout(() => reject(new ccxt.RequestTimeout(`${what}: no answer within ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * One symbol's book and trade loops on one ccxt instance.
 *
 * Book: every watchOrderBook answer whose top {@code depth} levels differ from the last sent goes out
 * as a "book" event. The first book, and the first after a failure or after ccxt rebuilt its book (a
 * new book object, or a venue snapshot the sequence check saw), has resynced true. A failure sends
 * "bookInterrupted" (once until a book goes out again); a gap (ChecksumError, InvalidNonce) is retried
 * at once — ccxt's binance has already dropped its subscription and fetches a new snapshot on the next
 * watch; on the bybit family the topic is unsubscribed first so the venue sends a new snapshot — any
 * other failure after 250 ms .. 10 s. Trades: every watchTrades answer (the trades new since the
 * previous one; Binance derivatives: aggregate trades) goes out as "publicTrades"; a failure is logged and
 * retried the same way.
 */
export class MarketDataWatch {
  /**
   * @param {{account: string, exchange: object, symbol: string, depth: number,
   *          emit: (event: string, account: string, fields: object) => void, scrub: (s: string) => string}} args
   */
  constructor({ account, exchange, symbol, depth, emit, scrub }) {
    this.account = account;
    this.exchange = exchange;
    this.symbol = symbol;
    this.depth = depth;
    this.emit = emit;
    this.scrub = scrub;
    this.limit = watchLimit(exchange, depth);
    this.sequence = bookSequenceOf(exchange);
    this.trades = Boolean(exchange.has?.watchTrades);
    this.stopped = false;
    this.sleeper = new Sleeper();
    this.loops = [];
    /** The last ccxt book the loop saw (resend uses it). */
    this.book = null;
    this.forceResync = false;
  }

  /** ccxt params of watchOrderBook/unWatchOrderBook: bybit's unWatch needs the topic depth. */
  bookParams() {
    return isA(this.exchange, 'bybit') && this.limit !== undefined ? { limit: this.limit } : {};
  }

  /**
   * ccxt params of watchTrades/unWatchTrades: Binance derivatives' documented trade stream is the aggregate
   * one ({@code <symbol>@aggTrade}; ccxt's default {@code @trade} is a spot stream), so a trade id there is the
   * aggregate's.
   */
  tradeParams() {
    return isA(this.exchange, 'binance') && this.exchange.markets?.[this.symbol]?.contract === true ? { name: 'aggTrade' } : {};
  }

  start() {
    this.loops.push(this.bookLoop());
    if (this.trades) this.loops.push(this.tradeLoop());
  }

  /** Sends the book held now as resynced (a repeated watchMarketData); without one, the next book is. */
  resend() {
    this.forceResync = true;
    if (this.book !== null) this.sendBook(this.book);
  }

  sendBook(book) {
    const bids = levelsOut(book.bids, this.depth);
    const asks = levelsOut(book.asks, this.depth);
    const key = JSON.stringify([bids, asks]);
    const resynced = this.forceResync;
    if (!resynced && key === this.lastSent) return;
    this.lastSent = key;
    this.forceResync = false;
    this.interrupted = false;
    this.emit('book', this.account, {
      symbol: this.symbol, resynced, nonce: integerOrNull(book.nonce), timestamp: integerOrNull(book.timestamp), bids, asks,
    });
  }

  interrupt(reason) {
    this.forceResync = true;
    this.lastSent = undefined;
    if (this.interrupted) return;
    this.interrupted = true;
    this.emit('bookInterrupted', this.account, { symbol: this.symbol, reason: this.scrub(reason) });
  }

  async bookLoop() {
    let delay;
    let failures = 0;
    let snapshots = this.sequence ? this.sequence.snapshots(this.symbol) : 0;
    this.forceResync = true;
    while (!this.stopped) {
      try {
        const gap = this.sequence?.gap(this.symbol);
        if (gap) throw new ccxt.InvalidNonce(gap);
        const book = await this.exchange.watchOrderBook(this.symbol, this.limit, this.bookParams());
        if (this.stopped) break;
        delay = undefined;
        failures = 0;
        if (this.book !== null && book !== this.book) this.forceResync = true; // ccxt built a new book
        if (this.sequence && this.sequence.snapshots(this.symbol) !== snapshots) {
          snapshots = this.sequence.snapshots(this.symbol);
          this.forceResync = true; // the venue sent a snapshot that replaced the book
        }
        this.book = book;
        this.sendBook(book);
      } catch (err) {
        if (this.stopped || err instanceof ccxt.ExchangeClosedByUser) break;
        this.book = null;
        failures += 1;
        const gap = isGap(err);
        const reason = `${err?.name ?? 'Error'}: ${err?.message ?? err}`;
        this.interrupt(gap ? `sequence gap: ${reason}` : reason);
        if (this.sequence?.gap(this.symbol)) await this.resubscribe();
        if (gap && failures === 1) continue; // resync at once: the next watch brings a new snapshot
        delay = nextBackoff(delay);
        log.warn(`account ${this.account} book ${this.symbol}: ${this.scrub(reason)}; retrying in ${delay} ms`);
        await this.sleeper.sleep(delay);
      }
    }
  }

  /** Unsubscribes the book's topic so that subscribing again (the loop's next watch) brings the venue's snapshot. */
  async resubscribe() {
    this.sequence.resubscribed(this.symbol);
    if (!this.exchange.has?.unWatchOrderBook) return;
    try {
      await withTimeout(this.exchange.unWatchOrderBook(this.symbol, this.bookParams()), UNWATCH_TIMEOUT_MS,
        `unWatchOrderBook ${this.symbol}`);
    } catch (err) {
      if (!(err instanceof ccxt.UnsubscribeError)) {
        // without the unsubscription a new subscribe brings no snapshot: the gap stands and is retried with backoff
        const why = `${err?.name}: ${err?.message}`;
        log.warn(`account ${this.account} book ${this.symbol}: unsubscribing after a gap failed: ${this.scrub(why)}`);
        this.sequence.rearm(this.symbol, `unsubscribing after a gap failed: ${why}`);
      }
    }
  }

  async tradeLoop() {
    let delay;
    while (!this.stopped) {
      try {
        const trades = await this.exchange.watchTrades(this.symbol, undefined, undefined, this.tradeParams());
        if (this.stopped) break;
        delay = undefined;
        if (Array.isArray(trades) && trades.length > 0) {
          this.emit('publicTrades', this.account, { symbol: this.symbol, data: trades.map(publicTradeOut) });
        }
      } catch (err) {
        if (this.stopped || err instanceof ccxt.ExchangeClosedByUser) break;
        delay = nextBackoff(delay);
        log.warn(`account ${this.account} trades ${this.symbol}: ${this.scrub(`${err?.name ?? 'Error'}: ${err?.message ?? err}`)}; retrying in ${delay} ms`);
        await this.sleeper.sleep(delay);
      }
    }
  }

  /**
   * Ends both loops and unsubscribes upstream with ccxt's unWatchOrderBook/unWatchTrades where the
   * exchange has them (waiting up to UNWATCH_TIMEOUT_MS); elsewhere ccxt keeps its subscription (data
   * keeps arriving into ccxt and is no longer sent).
   * @returns {Promise<boolean>} whether ccxt unsubscribed the book upstream
   */
  async stop() {
    if (this.stopped) return false;
    this.stopped = true;
    this.sleeper.wakeAll();
    const ex = this.exchange;
    const calls = [];
    const unWatchBook = Boolean(ex.has?.unWatchOrderBook);
    if (unWatchBook) calls.push(['unWatchOrderBook', () => ex.unWatchOrderBook(this.symbol, this.bookParams())]);
    if (this.trades && ex.has?.unWatchTrades) calls.push(['unWatchTrades', () => ex.unWatchTrades(this.symbol, this.tradeParams())]);
    const results = await Promise.allSettled(calls.map(([name, call]) => withTimeout(Promise.resolve().then(call),
      UNWATCH_TIMEOUT_MS, `${name} ${this.symbol}`)));
    results.forEach((r, i) => {
      if (r.status === 'rejected' && !(r.reason instanceof ccxt.UnsubscribeError)) {
        log.warn(`account ${this.account} ${calls[i][0]} ${this.symbol} failed: ${this.scrub(`${r.reason?.name}: ${r.reason?.message}`)}`);
      }
    });
    this.sequence?.forget(this.symbol);
    return unWatchBook;
  }
}

/**
 * An account's market data watches, one per symbol. Requests about one symbol are carried out one
 * after the other (a watch after an unwatch of the same symbol waits for it).
 */
export class MarketData {
  constructor({ account, exchange, emit, scrub }) {
    this.account = account;
    this.exchange = exchange;
    this.emit = emit;
    this.scrub = scrub;
    /** @type {Map<string, MarketDataWatch>} */
    this.watches = new Map();
    /** @type {Map<string, Promise<unknown>>} */
    this.queues = new Map();
  }

  serially(symbol, task) {
    const previous = this.queues.get(symbol) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(task);
    const tail = next.catch(() => {});
    this.queues.set(symbol, tail);
    tail.then(() => { if (this.queues.get(symbol) === tail) this.queues.delete(symbol); });
    return next;
  }

  /**
   * Starts watching {@code symbol} (a repeated call for a watched symbol sends its book again as
   * resynced, with the new depth from then on).
   * @returns {Promise<{limit: number|null, trades: boolean, unWatch: boolean}>}
   */
  watch(symbol, depth) {
    return this.serially(symbol, async () => {
      const ex = this.exchange;
      if (!ex.has?.watchOrderBook) throw new ccxt.NotSupported(`${ex.id} has no watchOrderBook`);
      if (ex.markets !== undefined && !(symbol in ex.markets)) throw new ccxt.BadSymbol(`${ex.id} does not list ${symbol}`);
      let watch = this.watches.get(symbol);
      if (watch) {
        watch.depth = depth;
        watch.resend();
      } else {
        watch = new MarketDataWatch({ account: this.account, exchange: ex, symbol, depth, emit: this.emit, scrub: this.scrub });
        this.watches.set(symbol, watch);
        watch.start();
      }
      return { limit: watch.limit ?? null, trades: watch.trades, unWatch: Boolean(ex.has?.unWatchOrderBook) };
    });
  }

  /** Stops watching {@code symbol}; nothing when it is not watched. @returns {Promise<{unwatched: boolean}>} */
  unwatch(symbol) {
    return this.serially(symbol, async () => {
      const watch = this.watches.get(symbol);
      if (!watch) return { unwatched: false };
      this.watches.delete(symbol);
      return { unwatched: await watch.stop() };
    });
  }

  /** Stops every watch (the account closes). */
  async stopAll() {
    await Promise.allSettled([...this.watches.keys()].map((symbol) => this.unwatch(symbol)));
  }
}
