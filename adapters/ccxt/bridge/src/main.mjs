// fixbridge's CCXT sidecar: JSON lines on stdin -> ccxt -> JSON lines on stdout (see README.md).
import './guard.mjs';
import readline from 'node:readline';
import { writeProtocolLine } from './stdio.mjs';
import { log } from './log.mjs';
import { scrubber } from './scrub.mjs';
import { ProtocolError, parseRequest, okLine, errorLine, eventLine } from './protocol.mjs';
import { methods } from './methods.mjs';
import { Accounts } from './accounts.mjs';

const EOF_DRAIN_MS = 2000;
const scrub = (text) => scrubber.scrub(text);

process.on('unhandledRejection', (reason) => {
  log.error('unhandled rejection (process continues):', reason);
});
process.on('uncaughtException', (err) => {
  log.error('uncaught exception, exiting:', err);
  process.exit(70);
});

const accounts = new Accounts((event, account, fields) => emit(event, account, fields));
const inFlight = new Set();
const writes = new Set();
let terminating = null;

function send(line) {
  const write = writeProtocolLine(line);
  writes.add(write);
  write.then(
    () => writes.delete(write),
    (err) => {
      writes.delete(write);
      log.error('writing to stdout failed:', err);
    },
  );
  return write;
}

function emit(event, account, fields) {
  send(eventLine(event, account, fields));
}

function encodeResult(id, result) {
  try {
    return okLine(id, result);
  } catch (err) {
    return errorLine(id, new ProtocolError(`result could not be encoded: ${err.message}`), scrub);
  }
}

const ctx = {
  accounts,
  emit,
  scrub,
  shutdown: () => {
    ctx.shutdownRequested = true;
  },
  shutdownRequested: false,
};

// Polled every referencePriceIntervalMs: the adapter logs a failure streak once, so a failure here is not
// logged per request (the answer carries it).
const QUIET_FAILURES = new Set(['fetchReferencePrices']);

async function handle(line) {
  let request;
  try {
    request = parseRequest(line);
  } catch (err) {
    log.warn(`unparsable request: ${err.message}`);
    await send(errorLine(err.id ?? null, err, scrub));
    return;
  }
  const { id, method, params } = request;
  const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
  if (!handler) {
    await send(errorLine(id, new ProtocolError(`unknown method ${JSON.stringify(method)}`), scrub));
    return;
  }
  let out;
  try {
    out = encodeResult(id, await handler(params, ctx));
  } catch (err) {
    if (err instanceof ProtocolError) log.warn(`${method} #${id} rejected: ${err.message}`);
    else if (!QUIET_FAILURES.has(method)) log.warn(`${method} #${id} failed: ${err?.name}: ${err?.message}`);
    out = errorLine(id, err, scrub);
  }
  await send(out);
  if (method === 'shutdown') await terminate('shutdown requested', 0);
}

/** Closes every account, flushes stdout and exits. */
function terminate(reason, drainMs) {
  if (!terminating) {
    terminating = (async () => {
      log.info(`stopping: ${reason}`);
      if (drainMs > 0 && inFlight.size > 0) {
        let timer;
        await Promise.race([
          Promise.allSettled([...inFlight]),
          new Promise((resolve) => { timer = setTimeout(resolve, drainMs); }),
        ]);
        clearTimeout(timer);
      }
      await accounts.closeAll();
      await Promise.allSettled([...writes]);
      process.exit(0);
    })();
  }
  return terminating;
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
rl.on('line', (line) => {
  if (line.trim().length === 0 || terminating) return;
  const task = handle(line).catch((err) => log.error('request handling failed:', err));
  inFlight.add(task);
  task.finally(() => inFlight.delete(task));
});
rl.on('close', () => {
  terminate('stdin closed', EOF_DRAIN_MS);
});

log.info(`ccxt sidecar ready (node ${process.version}, pid ${process.pid})`);
