// Owns the process's stdout. Imported first by main.mjs, before ccxt, so that nothing but protocol
// lines can ever reach stdout: console.* and any direct process.stdout.write (ccxt prints warnings
// with console.log) are routed to stderr. The protocol writer keeps the only handle to real stdout.

const realStdoutWrite = process.stdout.write.bind(process.stdout);

process.stdout.write = (chunk, encoding, callback) => process.stderr.write(chunk, encoding, callback);

/**
 * Writes one protocol line (the caller's JSON text without the newline) to the real stdout.
 * @param {string} line
 * @returns {Promise<void>} resolves when the line was handed to the OS
 */
export function writeProtocolLine(line) {
  return new Promise((resolve, reject) => {
    realStdoutWrite(line + '\n', 'utf8', (err) => (err ? reject(err) : resolve()));
  });
}
