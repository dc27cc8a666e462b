// Test helper: spawns src/main.mjs and speaks the protocol with it.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const MAIN = fileURLToPath(new URL('../src/main.mjs', import.meta.url));

/** A spawned sidecar: request() resolves with the response line, events are collected. */
export class Sidecar {
  /** @param {string[]} nodeArgs extra node options placed before the script */
  constructor(nodeArgs = []) {
    this.child = spawn(process.execPath, [...nodeArgs, MAIN], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.nextId = 1;
    this.pending = new Map();
    this.events = [];
    this.eventWaiters = [];
    this.stdoutLines = [];
    this.stderr = '';
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => { this.stderr += chunk; });
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => this.onLine(line));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    this.exited.then(({ code, signal }) => {
      for (const [id, waiter] of this.pending) {
        waiter({ id, ok: false, error: { class: 'SidecarExited', message: `exited with ${code ?? signal} before answering` } });
      }
      this.pending.clear();
    });
  }

  onLine(line) {
    this.stdoutLines.push(line);
    const msg = JSON.parse(line);
    if (msg.event) {
      this.events.push(msg);
      for (const waiter of [...this.eventWaiters]) {
        if (waiter.predicate(msg)) {
          this.eventWaiters.splice(this.eventWaiters.indexOf(waiter), 1);
          waiter.resolve(msg);
        }
      }
      return;
    }
    const waiter = this.pending.get(msg.id);
    if (waiter) {
      this.pending.delete(msg.id);
      waiter(msg);
    }
  }

  /** Sends a raw line; resolves with the response to the given id. */
  sendRaw(line, id) {
    const response = new Promise((resolve) => this.pending.set(id, resolve));
    this.child.stdin.write(line + '\n');
    return response;
  }

  /** @returns {Promise<object>} the full response {id, ok, result|error} */
  request(method, params = {}) {
    const id = this.nextId++;
    return this.sendRaw(JSON.stringify({ id, method, params }), id);
  }

  /** @returns {Promise<object>} the first event (already received or coming) that matches */
  event(predicate) {
    const seen = this.events.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.eventWaiters.push({ predicate, resolve }));
  }

  /** Closes stdin and resolves with {code, signal}. */
  end() {
    this.child.stdin.end();
    return this.exited;
  }

  kill() {
    this.child.kill('SIGKILL');
  }
}

/** A localhost port nothing listens on: bound once, then closed. */
export async function refusedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
