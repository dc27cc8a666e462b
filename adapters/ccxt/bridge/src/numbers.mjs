// Decimal strings in, numbers out. The adapter sends every price, amount, cost and fee as a decimal
// string; ccxt wants JavaScript numbers. What the sidecar sends back is ccxt's number as
// JSON.stringify writes it (the shortest text that round-trips), or null.
import { ProtocolError } from './protocol.mjs';

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Converts a decimal string from the adapter to a number for ccxt.
 * @param {string} name the field name, for the error message
 * @param {unknown} value a decimal string, or null/undefined for "not given"
 * @returns {number|undefined}
 * @throws {ProtocolError} when the value is not a decimal string or is not finite
 */
export function decimalIn(name, value) {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) {
    throw new ProtocolError(`${name} must be a decimal string, got ${JSON.stringify(value)}`);
  }
  const n = Number(value);
  if (!Number.isFinite(n)) throw new ProtocolError(`${name} is out of range: ${value}`);
  return n;
}

/**
 * Converts an integer field (timestamps in ms, limits) given as a JSON number or an integer string.
 * @returns {number|undefined}
 * @throws {ProtocolError}
 */
export function integerIn(name, value) {
  if (value === null || value === undefined) return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new ProtocolError(`${name} must be an integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** ccxt params whose values are decimals: converted from strings, everything else passes through. */
export const DECIMAL_PARAMS = Object.freeze([
  'triggerPrice', 'stopPrice', 'stopLossPrice', 'takeProfitPrice', 'cost',
  'trailingAmount', 'trailingPercent', 'trailingTriggerPrice',
]);

/**
 * Copies request params for ccxt, converting the known decimal params (also nested
 * stopLoss/takeProfit {triggerPrice, price}).
 * @param {unknown} params
 * @param {{keepStrings?: boolean}} [how] keepStrings: validate the decimals but pass them on as
 *        the adapter's strings (for ccxt paths that forward params to the venue unformatted)
 * @returns {Record<string, unknown>}
 */
export function paramsIn(params, how = {}) {
  const convert = how.keepStrings
    ? (name, value) => (decimalIn(name, value) === undefined ? undefined : value.trim())
    : decimalIn;
  if (params === null || params === undefined) return {};
  if (typeof params !== 'object' || Array.isArray(params)) throw new ProtocolError('params must be an object');
  const out = { ...params };
  for (const key of DECIMAL_PARAMS) {
    if (key in out) {
      if (out[key] === null) delete out[key];
      else out[key] = convert(`params.${key}`, out[key]);
    }
  }
  for (const key of ['stopLoss', 'takeProfit']) {
    const nested = out[key];
    if (nested !== null && typeof nested === 'object') {
      out[key] = { ...nested };
      for (const inner of ['triggerPrice', 'price']) {
        if (inner in out[key]) out[key][inner] = convert(`params.${key}.${inner}`, out[key][inner]);
      }
    }
  }
  return out;
}

/**
 * A number from ccxt for the wire: finite numbers as they are, numeric strings as numbers, anything
 * else (undefined, NaN, '', objects) as null.
 * @returns {number|null}
 */
export function numberOut(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && DECIMAL.test(value.trim())) {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A string from ccxt for the wire, or null. */
export function stringOut(value) {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : String(value);
}

/** A boolean from ccxt for the wire, or null. */
export function boolOut(value) {
  return typeof value === 'boolean' ? value : null;
}

/**
 * A price or size from ccxt for the wire as a decimal STRING in plain notation (no exponent), or null
 * for anything numberOut refuses. ccxt keeps order books and trades as JavaScript numbers parsed from
 * the venue's text; String() of such a number is the shortest decimal that reads back as the same
 * number, which is the venue's own text (less trailing zeros) for every decimal of up to 15
 * significant digits. Strings keep the adapter from ever seeing a number it could read through a double.
 * @returns {string|null}
 */
export function decimalOut(value) {
  const n = numberOut(value);
  if (n === null) return null;
  const text = String(n);
  return /e/i.test(text) ? plainDecimal(text) : text;
}

/** "1.5e-7" -> "0.00000015", "1e+21" -> "1000000000000000000000". */
function plainDecimal(text) {
  const [mantissa, exponent] = text.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole, fraction = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  let out;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}
