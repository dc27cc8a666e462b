// Reading an account's trades over a time window completely: time slices as long as the exchange
// allows, and pages inside each slice in the order the exchange answers (binance oldest first,
// bybit newest first). Used by the poll loop and by fetchMyTrades with untilExhausted.
import { isA } from './family.mjs';
import { log } from './log.mjs';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/** Requests fetchMyTrades with untilExhausted makes (unless maxPages says otherwise). */
export const DEFAULT_MAX_PAGES = 10;
/** Requests inside one time slice before it is given up with a WARN (a slice is never cut short otherwise). */
export const SLICE_MAX_PAGES = 100;

/**
 * How this exchange's trades are paged:
 *  - bybit (/v5/execution/list): newest first, at most 100 per page, endTime - startTime <= 7 days;
 *    pages move `until` down to the oldest trade of a full page.
 *  - binance (spot /api/v3/myTrades: at most 24 h per request; USD-M/COIN-M userTrades: 7 days):
 *    oldest first from startTime, at most 1000 per page; pages move `since` up to the newest trade.
 *  - others: unknown page size and order: pages move `since` up to the newest trade seen until a
 *    page brings no new trade (assumes oldest-first answers; one slice, no `until` sent).
 * @returns {{order: 'oldest'|'newest', limit: number|undefined, sliceMs: number|undefined}}
 */
export function tradePagingOf(ex, symbol) {
  if (isA(ex, 'bybit')) return { order: 'newest', limit: 100, sliceMs: WEEK_MS - 1000 };
  if (isA(ex, 'binance')) {
    const market = symbol === undefined ? undefined : ex.markets?.[symbol];
    const derivative = Boolean(market && (market.swap || market.future));
    return { order: 'oldest', limit: 1000, sliceMs: derivative ? WEEK_MS - 1000 : DAY_MS - 1000 };
  }
  return { order: 'oldest', limit: undefined, sliceMs: undefined };
}

function timestampOf(t, fallback) {
  return typeof t.timestamp === 'number' && Number.isFinite(t.timestamp) ? t.timestamp : fallback;
}

/** Collects trades by id (a trade on a page boundary comes twice); trades without an id are kept as they come. */
class Collected {
  constructor() {
    this.byId = new Map();
    this.anonymous = [];
  }

  /** @returns {number} how many of these were new */
  add(trades) {
    let fresh = 0;
    for (const t of trades) {
      if (t.id === undefined || t.id === null) {
        this.anonymous.push(t);
        fresh += 1;
      } else if (!this.byId.has(String(t.id))) {
        this.byId.set(String(t.id), t);
        fresh += 1;
      }
    }
    return fresh;
  }

  sorted() {
    return [...this.byId.values(), ...this.anonymous].sort((a, b) => timestampOf(a, 0) - timestampOf(b, 0));
  }
}

/**
 * Reads every trade of [since, until] (ms, both inclusive as the exchanges treat them).
 * Stops starting new time slices after maxPages requests; a slice once started is read to its end
 * (at most SLICE_MAX_PAGES requests, then a WARN).
 * @param {object} ex the ccxt instance
 * @param {string|undefined} symbol
 * @param {number} since
 * @param {number} until normally now
 * @param {{maxPages?: number, what?: string, known?: (id: string) => boolean}} options what names the
 *   caller in WARN lines; known tells trade ids the caller has already seen (for an exchange with
 *   unknown paging a page of known trades only ends the read)
 * @returns {Promise<{trades: object[], readUpTo: number, truncated: boolean, requests: number}>}
 *   trades oldest first (ccxt structures, each id once); readUpTo: every trade up to this time was
 *   read; truncated: readUpTo < until because of maxPages
 * @throws whatever ccxt throws (nothing read so far is returned then)
 */
export async function readTrades(ex, symbol, since, until, { maxPages = DEFAULT_MAX_PAGES, what = 'trades', known = () => false } = {}) {
  const paging = tradePagingOf(ex, symbol);
  const collected = new Collected();
  const label = `${what} ${ex.id ?? 'exchange'} ${symbol ?? '(all symbols)'}`;
  let requests = 0;
  if (paging.sliceMs === undefined) {
    // unknown paging: forward by since until nothing new comes
    let from = since;
    while (requests < maxPages) {
      const page = await ex.fetchMyTrades(symbol, from);
      requests += 1;
      const before = collected.byId.size;
      collected.add(page);
      const news = [...collected.byId.keys()].slice(before).filter((id) => !known(id)).length;
      if (news === 0) return { trades: collected.sorted(), readUpTo: until, truncated: false, requests };
      const newest = Math.max(...page.map((t) => timestampOf(t, from)));
      if (newest <= from) {
        log.warn(`${label}: a page with no newer trade than ${from} but new ids; moving on by 1 ms, trades at ${from} beyond that page may be missed`);
        from += 1;
      } else {
        from = newest;
      }
    }
    log.warn(`${label}: stopped after ${requests} requests; trades after ${from} not read yet`);
    return { trades: collected.sorted(), readUpTo: Math.min(from, until), truncated: true, requests };
  }
  let start = since;
  let readUpTo = since;
  while (start < until) {
    if (requests >= maxPages) {
      log.warn(`${label}: stopped after ${requests} requests; trades from ${start} to ${until} not read`);
      return { trades: collected.sorted(), readUpTo, truncated: true, requests };
    }
    const end = Math.min(start + paging.sliceMs, until);
    requests += await readSlice(ex, symbol, start, end, paging, collected, label);
    readUpTo = end;
    start = end;
  }
  return { trades: collected.sorted(), readUpTo: Math.max(readUpTo, until), truncated: false, requests };
}

/** Reads one slice [start, end] to its end. @returns {Promise<number>} the requests made */
async function readSlice(ex, symbol, start, end, paging, collected, label) {
  let from = start;
  let to = end;
  for (let requests = 1; ; requests++) {
    const page = await ex.fetchMyTrades(symbol, from, paging.limit, { until: to });
    collected.add(page);
    if (page.length < paging.limit) return requests;
    if (requests >= SLICE_MAX_PAGES) {
      log.warn(`${label}: slice ${start}..${end} still full after ${requests} requests; trades in ${from}..${to} may be missing`);
      return requests;
    }
    if (paging.order === 'oldest') {
      const newest = Math.max(...page.map((t) => timestampOf(t, from)));
      if (newest > from) from = newest;
      else {
        log.warn(`${label}: a full page of trades all at ${from}; moving on by 1 ms, trades at ${from} beyond that page may be missing`);
        from += 1;
      }
    } else {
      const oldest = Math.min(...page.map((t) => timestampOf(t, to)));
      if (oldest < to) to = oldest;
      else {
        log.warn(`${label}: a full page of trades all at ${to}; moving on by 1 ms, trades at ${to} beyond that page may be missing`);
        to -= 1;
      }
    }
    if (from > to) return requests;
  }
}
