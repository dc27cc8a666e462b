// The ccxt class chain of an exchange instance: how the sidecar chooses per-exchange behaviour, so
// that a subclass (binanceus, binanceusdm, myokx, ...) gets its parent's handling.

const BASE_CLASS_NAMES = new Set(['Exchange', 'BaseExchange', 'Object', '']);
const cache = new WeakMap();

/**
 * The instance's ccxt class names, most specific first, each once, without ccxt's base classes
 * (Exchange, BaseExchange). ccxt.pro classes extend the REST class of the same name, so
 * ccxt.pro.binanceus gives ["binanceus", "binance"], ccxt.bybit gives ["bybit"]. A plain object
 * (no ccxt class) gives []. Pure; cached per instance.
 * @param {object} instance
 * @returns {string[]}
 */
export function classesOf(instance) {
  if (instance === null || typeof instance !== 'object') return [];
  const known = cache.get(instance);
  if (known) return known;
  const names = [];
  for (let proto = Object.getPrototypeOf(instance); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const name = proto.constructor?.name ?? '';
    if (BASE_CLASS_NAMES.has(name) || names.includes(name)) continue;
    names.push(name);
  }
  const frozen = Object.freeze(names);
  cache.set(instance, frozen);
  return frozen;
}

/** True when the instance's class chain holds the given ccxt class name. */
export function isA(instance, className) {
  return classesOf(instance).includes(className);
}
