// Opens and closes ccxt instances, one per account name.
import ccxt from 'ccxt';
import { ProtocolError } from './protocol.mjs';
import { hasOut } from './shapes.mjs';
import { scrubber } from './scrub.mjs';
import { log } from './log.mjs';
import { classesOf, isA } from './family.mjs';
import { instrument } from './telemetry.mjs';
import { checkBookSequence } from './bookSequence.mjs';

export const CREDENTIAL_FIELDS = Object.freeze(['apiKey', 'secret', 'password', 'uid', 'walletAddress', 'privateKey']);

const PRECISION_MODES = Object.freeze({
  [ccxt.TICK_SIZE]: 'TICK_SIZE',
  [ccxt.DECIMAL_PLACES]: 'DECIMAL_PLACES',
  [ccxt.SIGNIFICANT_DIGITS]: 'SIGNIFICANT_DIGITS',
});

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Validates open's credentials: only the known fields, only non-empty strings.
 * @returns {Record<string, string>}
 */
function credentialsIn(credentials) {
  if (credentials === undefined || credentials === null) return {};
  if (!isPlainObject(credentials)) throw new ProtocolError('credentials must be an object');
  const out = {};
  for (const [field, value] of Object.entries(credentials)) {
    if (!CREDENTIAL_FIELDS.includes(field)) {
      throw new ProtocolError(`unknown credential field "${field}" (known: ${CREDENTIAL_FIELDS.join(', ')})`);
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') throw new ProtocolError(`credential ${field} must be a string`);
    out[field] = value;
  }
  return out;
}

/**
 * Creates the ccxt instance for an open request: ccxt.pro's class when the exchange has one (it
 * extends the REST class, so REST and watch methods share one instance and one rate limiter), else
 * the REST class. enableRateLimit is always true; urls are deep-merged after sandbox mode so an
 * override always wins.
 * @returns {object} the ccxt exchange instance
 * @throws {ProtocolError} for an unknown exchange or malformed params; ccxt errors from setSandboxMode
 */
export function createExchange(params) {
  const { exchange, sandbox, options, urls, timeoutMs } = params;
  if (typeof exchange !== 'string' || !ccxt.exchanges.includes(exchange)) {
    throw new ProtocolError(`unknown exchange ${JSON.stringify(exchange)}`);
  }
  if (options !== undefined && options !== null && !isPlainObject(options)) throw new ProtocolError('options must be an object');
  if (urls !== undefined && urls !== null && !isPlainObject(urls)) throw new ProtocolError('urls must be an object');
  if (sandbox !== undefined && sandbox !== null && typeof sandbox !== 'boolean') throw new ProtocolError('sandbox must be a boolean');
  const timeout = timeoutMs === undefined || timeoutMs === null ? 10000 : timeoutMs;
  if (!Number.isSafeInteger(timeout) || timeout <= 0) throw new ProtocolError('timeoutMs must be a positive integer');
  const credentials = credentialsIn(params.credentials);
  scrubber.register(credentials);
  const Exchange = ccxt.pro[exchange] ?? ccxt[exchange];
  const instance = new Exchange({
    ...credentials,
    enableRateLimit: true,
    timeout,
    options: options ?? {},
  });
  if (sandbox === true) instance.setSandboxMode(true);
  if (urls) instance.urls = instance.deepExtend(instance.urls, urls);
  instance.enableRateLimit = true;
  retryFailedMarketLoads(instance);
  if (urls && isA(instance, 'binance')) binanceExceptionsByPath(instance);
  checkBookSequence(instance);
  return instance;
}

const BINANCE_PATH_TYPES = Object.freeze([
  ['/api/', 'spot'], ['/sapi/', 'spot'], ['/fapi/', 'linear'], ['/dapi/', 'inverse'], ['/eapi/', 'option'], ['/papi/', 'portfolioMargin'],
]);

/**
 * ccxt's binance picks its per-market error table (e.g. USD-M -2019 -> InsufficientFunds) by the
 * url's host (fapi.binance.com ...). With overridden urls (a simulator, a proxy) no host matches and
 * only the shared table applies, so futures errors degrade to ExchangeError. When ccxt finds no
 * table by host, this picks it by the url's path (/api/, /sapi/ spot; /fapi/ linear; /dapi/
 * inverse; /eapi/ option; /papi/ portfolio margin).
 */
export function binanceExceptionsByPath(instance) {
  const byHost = instance.getExceptionsByUrl.bind(instance);
  instance.getExceptionsByUrl = function getExceptionsByUrlOrPath(url, exactOrBroad) {
    const found = byHost(url, exactOrBroad);
    if (url === undefined || Object.keys(found).length > 0) return found;
    let path;
    try {
      path = new URL(url).pathname;
    } catch {
      return found;
    }
    const entry = BINANCE_PATH_TYPES.find(([prefix]) => path.includes(prefix));
    if (!entry) return found;
    return instance.safeDict(instance.safeDict(instance.exceptions, entry[1], {}), exactOrBroad, {});
  };
}

/**
 * ccxt keeps the promise of the first loadMarkets in exchange.marketsLoading, also when it
 * rejected, and every later call (createOrder etc. call loadMarkets first) gets that same
 * rejection: one refused connection at start-up would break the account for good. This wrapper
 * forgets a failed load (only if no newer load replaced it), so the next call tries again.
 */
export function retryFailedMarketLoads(instance) {
  const original = instance.loadMarkets;
  instance.loadMarkets = function loadMarketsRetryingFailures(reload = false, params = {}) {
    const result = original.call(instance, reload, params);
    const loading = instance.marketsLoading;
    return result.catch((err) => {
      if (instance.marketsLoading === loading && instance.markets === undefined) instance.marketsLoading = undefined;
      throw err;
    });
  };
}

/**
 * What open answers: {exchange, classes, has, features, precisionMode}. classes is the ccxt class
 * chain, most specific first, without the base Exchange (binanceus -> ["binanceus", "binance"]):
 * the adapter chooses per-exchange behaviour from it, as the sidecar does.
 */
export function describeExchange(instance) {
  return {
    exchange: instance.id,
    classes: [...classesOf(instance)],
    has: hasOut(instance.has),
    features: instance.features ?? null,
    precisionMode: PRECISION_MODES[instance.precisionMode] ?? null,
  };
}

/**
 * The open accounts. Each entry is {name, exchange, subscription, tracked, marketData}; subscription is a
 * watch/poll subscription or null; marketData (marketData.mjs, made by the first
 * watchMarketData) holds the account's public book and trade watches, or is null; tracked (order id -> {symbol, id, clientOrderId}) holds the
 * orders poll mode follows (track/untrack), kept per account so a track before subscribe counts. Not thread-related: Node runs it on one event loop.
 */
export class Accounts {
  /**
   * @param {(event: string, account: string, fields: object) => void} [emit] receives each account's
   *     "request" and "orderSent" events (telemetry.mjs); none are sent without it
   */
  constructor(emit = undefined) {
    /** @type {Map<string, {name: string, exchange: object, subscription: object|null}>} */
    this.byName = new Map();
    this.emit = emit;
  }

  /** Opens (or replaces) an account. @returns {Promise<object>} open's result */
  async open(params) {
    const name = params.account;
    if (typeof name !== 'string' || name.length === 0) throw new ProtocolError('account must be a non-empty string');
    const instance = createExchange(params);
    // ccxt refuses plain ws:// urls (a simulator, a local gateway) until an http agent is loaded;
    // the agent carries no proxy, so REST requests are unaffected
    if (typeof instance.loadHttpProxyAgent === 'function') await instance.loadHttpProxyAgent();
    if (this.emit) instrument(instance, name, this.emit);
    if (this.byName.has(name)) await this.close(name);
    this.byName.set(name, { name, exchange: instance, subscription: null, tracked: new Map(), marketData: null });
    log.info(`account ${name} opened on ${instance.id}${params.sandbox ? ' (sandbox)' : ''}`);
    return describeExchange(instance);
  }

  /** @throws {ProtocolError} when the account is not open */
  get(name) {
    const entry = this.byName.get(name);
    if (!entry) throw new ProtocolError(`account ${JSON.stringify(name)} is not open`);
    return entry;
  }

  /** Stops the account's loops and closes its ccxt instance; unknown accounts are a ProtocolError. */
  async close(name) {
    const entry = this.get(name);
    this.byName.delete(name);
    if (entry.subscription) await entry.subscription.stop();
    entry.subscription = null;
    if (entry.marketData) await entry.marketData.stopAll();
    entry.marketData = null;
    if (typeof entry.exchange.close === 'function') await entry.exchange.close();
    log.info(`account ${name} closed`);
  }

  /** Closes every account; a failure to close one is logged and does not stop the others. */
  async closeAll() {
    for (const name of [...this.byName.keys()]) {
      try {
        await this.close(name);
      } catch (e) {
        log.error(`closing account ${name} failed:`, e);
      }
    }
  }
}
