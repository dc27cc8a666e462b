// What the sidecar tells the adapter about ccxt's HTTP requests, for the gateway's metrics: one
// "request" event per REST request ccxt makes (endpoint as "METHOD /path/template", HTTP status or 0
// when no answer came, milliseconds), and one "orderSent" event when a createOrder/editOrder call hands
// its order request to the socket (after ccxt's throttle and signing, right before the HTTP request).
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

/** Per HTTP request: {status} set from the answer (0 until one came). */
const answers = new AsyncLocalStorage();
/** Per createOrder/editOrder call that reports its order: {clientOrderId, reported}. */
const orders = new AsyncLocalStorage();

const ID_SEGMENT = /^(\d+|[0-9a-fA-F-]{16,}|.{49,})$/;

/**
 * Runs fn (a ccxt call) so that the first HTTP request it makes that is not a GET emits "orderSent"
 * with clientOrderId; without an id, just runs fn.
 * @template T
 * @param {string|undefined} clientOrderId
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
export function reportingOrder(clientOrderId, fn) {
  if (clientOrderId === undefined) return fn();
  return orders.run({ clientOrderId, reported: false }, fn);
}

/**
 * A bounded endpoint name: "METHOD /path" from the url without its query. ccxt's path template
 * ("orders/{id}") replaces the part of the path it produced, so ids never reach the name; any
 * remaining segment that looks like an id (digits, long hex or uuid, very long) becomes "{id}".
 * @param {string} method
 * @param {string} url
 * @param {string} [template] ccxt's path template of the request
 * @param {string} [concrete] the template with the request's params filled in
 * @returns {string}
 */
export function endpointOf(method, url, template, concrete) {
  let path;
  try {
    path = new URL(url).pathname;
  } catch {
    path = '/';
  }
  if (typeof template === 'string' && template.includes('{') && typeof concrete === 'string' && concrete.length > 0
      && path.endsWith(concrete)) {
    path = path.slice(0, path.length - concrete.length) + template;
  }
  const bounded = path.split('/').map((segment) => (segment.includes('{') || !ID_SEGMENT.test(segment) ? segment : '{id}'));
  return `${String(method || 'GET').toUpperCase()} ${bounded.join('/') || '/'}`;
}

/**
 * Wraps one ccxt instance's sign, fetch and handleRestResponse (own properties, so ccxt's fetch2 calls
 * them) to emit "request" and "orderSent" events for account. sign runs synchronously right before
 * fetch in ccxt's fetch2, so the endpoint it saw belongs to the fetch of the same url that follows.
 * @param {object} instance a ccxt exchange instance
 * @param {string} account
 * @param {(event: string, account: string, fields: object) => void} emit
 */
export function instrument(instance, account, emit) {
  const sign = instance.sign;
  const fetch = instance.fetch;
  const handleRestResponse = instance.handleRestResponse;
  let signed;
  instance.sign = function signRemembered(path, api, method, params, headers, body) {
    const request = sign.call(this, path, api, method, params, headers, body);
    let concrete;
    try {
      concrete = typeof path === 'string' && path.includes('{') ? this.implodeParams(path, params ?? {}) : undefined;
    } catch {
      concrete = undefined;
    }
    signed = { url: request?.url, endpoint: endpointOf(request?.method ?? method, request?.url, path, concrete) };
    return request;
  };
  instance.fetch = async function fetchReported(url, method = 'GET', headers = undefined, body = undefined) {
    const endpoint = signed && signed.url === url ? signed.endpoint : endpointOf(method, url);
    signed = undefined;
    const order = orders.getStore();
    if (order && !order.reported && String(method).toUpperCase() !== 'GET') {
      order.reported = true;
      emit('orderSent', account, { clientOrderId: order.clientOrderId });
    }
    const answer = { status: 0 };
    const started = performance.now();
    try {
      return await answers.run(answer, () => fetch.call(this, url, method, headers, body));
    } finally {
      const ms = Math.round((performance.now() - started) * 1000) / 1000;
      emit('request', account, { endpoint, status: answer.status, ms });
    }
  };
  instance.handleRestResponse = function statusRemembered(response, ...rest) {
    const answer = answers.getStore();
    if (answer && response && typeof response.status === 'number') answer.status = response.status;
    return handleRestResponse.call(this, response, ...rest);
  };
}
