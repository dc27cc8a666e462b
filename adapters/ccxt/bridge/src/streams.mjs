// Order and trade streams of one account: watch loops over ccxt.pro's watchOrders/watchMyTrades,
// or a poll loop over REST. Both report to the adapter through "orders", "trades" and "stream"
// events.
import ccxt from 'ccxt';
import { orderOut, tradeOut } from './shapes.mjs';
import { fetchOrderById } from './clientIds.mjs';
import { log } from './log.mjs';
import { readTrades } from './trades.mjs';

export const BACKOFF_MIN_MS = 250;
export const BACKOFF_MAX_MS = 10000;
const CONNECT_CHECK_MS = 250;
const TERMINAL = new Set(['closed', 'canceled', 'expired', 'rejected']);
/** The poll's trade cursor stays this far behind the time of the last full read (re-read, deduplicated). */
export const TRADE_OVERLAP_MS = 60 * 1000;
/** Requests per symbol and cycle for trades; a longer backlog is read on by the next cycles. */
export const POLL_MAX_PAGES = 20;

/** The next delay of a growing backoff: 250 ms doubling to 10 s. */
export function nextBackoff(previous) {
  return previous === undefined ? BACKOFF_MIN_MS : Math.min(previous * 2, BACKOFF_MAX_MS);
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

/**
 * Watch mode: one loop per (stream, symbol) — or one per stream without a symbol when no symbols
 * are given. A loop that fails tells the adapter ("stream" "down"), waits 250 ms .. 10 s and
 * re-enters; the account is "up" again when every loop is connected or has delivered data.
 */
export class WatchSubscription {
  /**
   * @param {{account: string, exchange: object, symbols: string[], emit: (event: string, account: string, fields: object) => void, scrub: (s: string) => string}} args
   */
  constructor({ account, exchange, symbols, emit, scrub }) {
    this.account = account;
    this.exchange = exchange;
    this.symbols = symbols;
    this.emit = emit;
    this.scrub = scrub;
    this.stopped = false;
    this.sleeper = new Sleeper();
    /** @type {Map<string, 'connecting'|'up'|'down'>} */
    this.loopStates = new Map();
    this.accountState = null;
    this.loops = [];
  }

  get mode() {
    return 'watch';
  }

  start() {
    const targets = this.symbols.length > 0 ? this.symbols : [undefined];
    for (const kind of ['orders', 'trades']) {
      for (const symbol of targets) {
        const key = `${kind}${symbol ? ':' + symbol : ''}`;
        this.loopStates.set(key, 'connecting');
        this.loops.push(this.loop(kind, symbol, key));
      }
    }
  }

  setLoopState(key, state, detail) {
    this.loopStates.set(key, state);
    const states = [...this.loopStates.values()];
    let account = null;
    if (states.includes('down')) account = 'down';
    else if (states.every((s) => s === 'up')) account = 'up';
    if (account !== null && account !== this.accountState) {
      this.accountState = account;
      this.emit('stream', this.account, { state: account, detail: this.scrub(detail) });
    }
  }

  watch(kind, symbol) {
    return kind === 'orders' ? this.exchange.watchOrders(symbol) : this.exchange.watchMyTrades(symbol);
  }

  /** Marks the loop up once the exchange's websocket clients are connected while the watch is pending. */
  async markUpWhenConnected(key, pending) {
    while (!this.stopped && !pending.settled && this.loopStates.get(key) !== 'up') {
      const clients = Object.values(this.exchange.clients ?? {});
      if (clients.length > 0 && clients.every((c) => c.isConnected === true)) {
        this.setLoopState(key, 'up', `${key} subscribed`);
        return;
      }
      await this.sleeper.sleep(CONNECT_CHECK_MS);
    }
  }

  async loop(kind, symbol, key) {
    let delay;
    while (!this.stopped) {
      const pending = { settled: false };
      const call = Promise.resolve().then(() => this.watch(kind, symbol));
      call.then(() => { pending.settled = true; }, () => { pending.settled = true; });
      if (this.loopStates.get(key) !== 'up') {
        this.markUpWhenConnected(key, pending).catch((e) => log.error(`account ${this.account} ${key} connection probe failed:`, e));
      }
      try {
        const items = await call;
        if (this.stopped) break;
        delay = undefined;
        this.setLoopState(key, 'up', `${key} delivering`);
        if (Array.isArray(items) && items.length > 0) {
          const data = items.map(kind === 'orders' ? orderOut : tradeOut);
          this.emit(kind, this.account, { data });
        }
      } catch (err) {
        if (this.stopped || err instanceof ccxt.ExchangeClosedByUser) break;
        delay = nextBackoff(delay);
        const detail = `${key}: ${err?.name ?? 'Error'}: ${err?.message ?? err}; retrying in ${delay} ms`;
        log.warn(`account ${this.account} watch ${detail}`);
        this.setLoopState(key, 'down', detail);
        await this.sleeper.sleep(delay);
      }
    }
  }

  async stop() {
    this.stopped = true;
    this.sleeper.wakeAll();
  }
}

function orderSignature(o) {
  return [o.status, o.filled, o.remaining, o.amount, o.price, o.average, o.triggerPrice, o.cost].join('|');
}

/**
 * Poll mode: every pollIntervalMs, fetchOpenOrders and the trades from the cursor to now (paged by
 * readTrades; the cursor starts at the subscription's start and follows the time read, see
 * pollTrades) per symbol, and fetchOrder for tracked orders that are not
 * in the open list. Orders are sent when new or changed, trades once each. A tracked order is
 * dropped from tracking once it was sent in a final status (closed/canceled/expired/rejected); one
 * the venue says it cannot find is logged and asked again next cycle.
 * A failed cycle is reported ("down") and retried with backoff; a good one after it reports "polling".
 */
export class PollSubscription {
  constructor({ account, exchange, symbols, intervalMs, emit, scrub, tracked, now = Date.now }) {
    this.account = account;
    this.exchange = exchange;
    this.symbols = symbols;
    this.intervalMs = intervalMs;
    this.emit = emit;
    this.scrub = scrub;
    this.stopped = false;
    this.sleeper = new Sleeper();
    /** @type {Map<string, {symbol: string, id: string, clientOrderId: string|null}>} shared with the account */
    this.tracked = tracked;
    /** @type {Map<string, string>} order id -> signature last sent */
    this.sent = new Map();
    this.tradeSince = new Map();
    /** @type {Map<string, number>} trade id -> timestamp, for ids at or after the since cursor */
    this.tradesSeen = new Map();
    this.now = now;
    this.startedAt = now();
    this.state = null;
    this.done = null;
  }

  get mode() {
    return 'poll';
  }

  start() {
    this.setState('polling', `polling every ${this.intervalMs} ms`);
    this.done = this.run();
  }

  setState(state, detail) {
    if (state !== this.state) {
      this.state = state;
      this.emit('stream', this.account, { state, detail: this.scrub(detail) });
    }
  }

  async run() {
    let delay;
    while (!this.stopped) {
      try {
        await this.cycle();
        delay = undefined;
        if (!this.stopped) this.setState('polling', `polling every ${this.intervalMs} ms`);
      } catch (err) {
        if (this.stopped || err instanceof ccxt.ExchangeClosedByUser) break;
        delay = nextBackoff(delay);
        const detail = `poll: ${err?.name ?? 'Error'}: ${err?.message ?? err}; retrying in ${Math.max(delay, this.intervalMs)} ms`;
        log.warn(`account ${this.account} ${detail}`);
        this.setState('down', detail);
      }
      if (!this.stopped) await this.sleeper.sleep(Math.max(delay ?? 0, this.intervalMs));
    }
  }

  sendOrders(orders) {
    const changed = [];
    for (const o of orders) {
      const shaped = orderOut(o);
      if (shaped.id === null) continue;
      const signature = orderSignature(shaped);
      if (this.sent.get(shaped.id) !== signature) {
        this.sent.set(shaped.id, signature);
        changed.push(shaped);
      }
    }
    if (changed.length > 0 && !this.stopped) this.emit('orders', this.account, { data: changed });
    return changed;
  }

  async cycle() {
    const ex = this.exchange;
    const targets = this.symbols.length > 0 ? this.symbols : [undefined];
    const open = [];
    for (const symbol of targets) {
      open.push(...(await ex.fetchOpenOrders(symbol)));
    }
    const openIds = new Set(open.map((o) => String(o.id)));
    this.sendOrders(open);
    for (const id of [...this.sent.keys()]) {
      if (!openIds.has(id) && !this.tracked.has(id)) this.sent.delete(id);
    }
    for (const t of [...this.tracked.values()]) {
      if (this.stopped) return;
      if (openIds.has(t.id)) continue;
      let order;
      try {
        order = await fetchOrderById(ex, t.id, t.symbol);
      } catch (err) {
        // an order the venue does not show yet (or any more) must not stop the stream: it stays
        // tracked until found or untracked; any other failure fails the cycle
        if (!(err instanceof ccxt.OrderNotFound)) throw err;
        log.warn(`account ${this.account} poll: tracked order ${t.id} (${t.symbol}) not found: ${err.message}`);
        continue;
      }
      this.sendOrders([order]);
      if (TERMINAL.has(order.status)) {
        this.tracked.delete(t.id);
        this.sent.delete(t.id);
      }
    }
    for (const symbol of targets) {
      if (this.stopped) return;
      await this.pollTrades(symbol);
    }
  }

  /**
   * Reads the trades of [cursor, now] completely (readTrades pages through them), sends the ones not
   * sent before, and moves the cursor by time whether or not a trade was seen: to now minus
   * TRADE_OVERLAP_MS (trades can become visible a little after their timestamp; the overlap is read
   * again and deduplicated by id), never past what was fully read.
   */
  async pollTrades(symbol) {
    const key = symbol ?? '';
    const since = this.tradeSince.get(key) ?? this.startedAt;
    const until = this.now();
    const { trades, readUpTo } = await readTrades(this.exchange, symbol, since, until, {
      maxPages: POLL_MAX_PAGES, what: `account ${this.account} poll`, known: (id) => this.tradesSeen.has(`${key}/${id}`),
    });
    const fresh = [];
    for (const t of trades) {
      const id = t.id === undefined || t.id === null ? null : String(t.id);
      if (id === null || this.tradesSeen.has(`${key}/${id}`)) continue;
      const ts = typeof t.timestamp === 'number' ? t.timestamp : since;
      this.tradesSeen.set(`${key}/${id}`, ts);
      fresh.push(tradeOut(t));
    }
    const cursor = Math.max(since, Math.min(readUpTo, until - TRADE_OVERLAP_MS));
    this.tradeSince.set(key, cursor);
    for (const [seenKey, ts] of this.tradesSeen) {
      if (seenKey.startsWith(`${key}/`) && ts < cursor) this.tradesSeen.delete(seenKey);
    }
    if (fresh.length > 0 && !this.stopped) this.emit('trades', this.account, { data: fresh });
  }

  async stop() {
    this.stopped = true;
    this.sleeper.wakeAll();
  }
}
