// Logging to stderr, one line per entry, prefixed with the level; every line is scrubbed.
import { scrubber } from './scrub.mjs';

function line(level, parts) {
  const text = parts
    .map((p) => (p instanceof Error ? (p.stack || `${p.name}: ${p.message}`) : typeof p === 'string' ? p : safeJson(p)))
    .join(' ')
    .replace(/\r?\n/g, ' | ');
  process.stderr.write(`${level} ${scrubber.scrub(text)}\n`);
}

function safeJson(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export const log = Object.freeze({
  info: (...parts) => line('INFO', parts),
  warn: (...parts) => line('WARN', parts),
  error: (...parts) => line('ERROR', parts),
});

/** Routes console.* (ccxt prints warnings through it) to the stderr logger. */
export function guardConsole() {
  console.log = (...a) => line('INFO', a);
  console.info = (...a) => line('INFO', a);
  console.debug = (...a) => line('INFO', a);
  console.warn = (...a) => line('WARN', a);
  console.error = (...a) => line('ERROR', a);
  console.trace = (...a) => line('WARN', a);
}
