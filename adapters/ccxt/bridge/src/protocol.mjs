// Framing and encoding of protocol lines: request parsing, success and failure responses, events,
// and the ccxt error class chain.
import ccxt from 'ccxt';

/** A request the sidecar cannot parse, an unknown method or account, or invalid params. */
export class ProtocolError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/**
 * Parses one request line.
 * @param {string} line
 * @returns {{id: number|string, method: string, params: object}}
 * @throws {ProtocolError} with .id set when the id could be read
 */
export function parseRequest(line) {
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    // JSON.parse's message quotes the input, which may hold credentials of an open not yet
    // registered for scrubbing: say only how long the line was
    throw new ProtocolError(`request is not valid JSON (${line.length} characters)`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ProtocolError('request must be a JSON object');
  }
  const { id, method, params } = value;
  if (!(typeof id === 'number' && Number.isSafeInteger(id)) && typeof id !== 'string') {
    throw new ProtocolError('request id must be an integer or a string');
  }
  if (typeof method !== 'string' || method.length === 0) {
    const err = new ProtocolError('request method must be a non-empty string');
    err.id = id;
    throw err;
  }
  if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
    const err = new ProtocolError('request params must be an object');
    err.id = id;
    throw err;
  }
  return { id, method, params: params ?? {} };
}

/**
 * The error's class chain, most specific first: for ccxt errors the constructors from the error's
 * own class up to BaseError (ccxt's hierarchy, e.g. InsufficientFunds, ExchangeError, BaseError);
 * for anything else just its constructor's name.
 * @param {unknown} err
 * @returns {string[]}
 */
export function errorClasses(err) {
  if (err instanceof ccxt.BaseError) {
    const chain = [];
    for (let ctor = err.constructor; ctor && ctor !== Error && ctor !== Object; ctor = Object.getPrototypeOf(ctor)) {
      chain.push(ctor.name);
      if (ctor === ccxt.BaseError) break;
    }
    return chain;
  }
  if (err instanceof Error) return [err.constructor?.name || err.name || 'Error'];
  return ['Error'];
}

const CODE_FIELDS = ['code', 'retCode', 'ret_code', 'errorCode', 'error_code', 'errCode', 'err_code'];

/**
 * The exchange's own error code, read from the JSON body ccxt puts into its messages
 * ("binance {\"code\":-2010,...}", "bybit {\"retCode\":170131,...}"), or null.
 * @param {string} message
 * @returns {string|null}
 */
export function exchangeCode(message) {
  if (typeof message !== 'string') return null;
  const start = message.indexOf('{');
  const end = message.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  let body;
  try {
    body = JSON.parse(message.slice(start, end + 1));
  } catch {
    return null;
  }
  if (body === null || typeof body !== 'object') return null;
  const candidates = [body, body.error, body.data].filter((v) => v && typeof v === 'object' && !Array.isArray(v));
  for (const obj of candidates) {
    for (const field of CODE_FIELDS) {
      const v = obj[field];
      if ((typeof v === 'number' || typeof v === 'string') && String(v) !== '') return String(v);
    }
  }
  return null;
}

/**
 * Encodes a failure response (or the error part of one).
 * @param {unknown} err
 * @param {(text: string) => string} scrub
 * @returns {{class: string, classes: string[], message: string, code: string|null}}
 */
export function errorBody(err, scrub) {
  const classes = errorClasses(err);
  const raw = err instanceof Error ? err.message : String(err);
  const message = scrub(raw);
  return { class: classes[0], classes, message, code: exchangeCode(message) };
}

/** @returns {string} the success line */
export function okLine(id, result) {
  return JSON.stringify({ id, ok: true, result: result === undefined ? null : result });
}

/** @returns {string} the failure line */
export function errorLine(id, err, scrub) {
  return JSON.stringify({ id: id ?? null, ok: false, error: errorBody(err, scrub) });
}

/** @returns {string} an event line */
export function eventLine(event, account, fields) {
  return JSON.stringify({ event, account, ...fields });
}
