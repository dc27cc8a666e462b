package io.fixbridge.venue.ccxt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One running sidecar process and its three streams: lines written to its stdin, every stdout line handed
 * to a consumer on a dedicated reader thread, every stderr line forwarded to the log at the level its prefix
 * names ({@code DEBUG }, {@code INFO }, {@code WARN }, {@code ERROR }; anything else at WARN).
 *
 * <p>Writing never blocks the caller: {@link #writeLine} puts the line on a bounded queue that the thread
 * {@code <label>-in} writes to the pipe. A sidecar that stops reading its input (the pipe full, a write stuck
 * longer than the write deadline) is killed at the next {@link #writeLine} (the adapter's ping calls it every
 * ping interval), and its end fails what is in flight.
 *
 * <p>The child gets a clean environment: only {@link #INHERITED} variables of the JVM's (PATH, HOME and what
 * node needs), never the credentials other venues read from the environment.
 *
 * <p>Threading: {@link #writeLine} may be called from any thread (lines are written in the order queued).
 * The stdout consumer runs on the thread {@code <label>-out}, the exit handler on it too, once, after stdout
 * closed and the process ended. Errors: {@link #start} throws {@link IOException} when the process cannot be
 * spawned; {@link #writeLine} throws {@link IOException} when the line cannot be queued: stdin closed (the
 * process died), the queue full, or the sidecar not reading (then it is killed). A line that failed so was
 * not written.
 */
final class SidecarProcess implements AutoCloseable {
    private static final Logger SIDECAR_LOG = LoggerFactory.getLogger("io.fixbridge.venue.ccxt.sidecar");
    private static final Logger LOG = LoggerFactory.getLogger(SidecarProcess.class);

    /** The JVM environment variables the sidecar inherits; every other one is withheld. */
    static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR",
            "TEMP", "TMP", "SYSTEMROOT", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR");
    /** How long one write to the pipe may take before the sidecar is taken for stuck and killed. */
    static final Duration WRITE_DEADLINE = Duration.ofSeconds(5);
    static final int QUEUE_CAPACITY = 4096;
    private static final byte[] END = new byte[0];

    private final String label;
    private final Process process;
    private final OutputStream stdin;
    private final Duration writeDeadline;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /** System.nanoTime() when the write in progress started, 0 while none is. */
    private volatile long writeStarted;
    private volatile boolean inputClosed;

    private SidecarProcess(String label, Process process, Duration writeDeadline) {
        this.label = label;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.writeDeadline = writeDeadline;
    }

    /** The environment the sidecar gets out of {@code parent}: only the {@link #INHERITED} variables. */
    static Map<String, String> childEnvironment(Map<String, String> parent) {
        Map<String, String> out = new LinkedHashMap<>();
        parent.forEach((k, v) -> {
            if (INHERITED.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * Spawns {@code command} in {@code directory}.
     *
     * @param label   names the threads and log lines ({@code ccxt-binance-sidecar})
     * @param onLine  receives every stdout line, on the reader thread
     * @param onExit  receives the exit code once the process ended, on the reader thread
     */
    static SidecarProcess start(String label, List<String> command, Path directory, Consumer<String> onLine,
                                IntConsumer onExit) throws IOException {
        return start(label, command, directory, onLine, onExit, System.getenv(), WRITE_DEADLINE);
    }

    /** {@link #start} with the JVM environment {@code parent} and a write deadline of its own (tests). */
    static SidecarProcess start(String label, List<String> command, Path directory, Consumer<String> onLine,
                                IntConsumer onExit, Map<String, String> parent, Duration writeDeadline)
            throws IOException {
        Objects.requireNonNull(onLine, "onLine");
        Objects.requireNonNull(onExit, "onExit");
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(childEnvironment(parent));
        pb.redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        SidecarProcess p = new SidecarProcess(label, pb.start(), writeDeadline);
        p.startReaders(onLine, onExit);
        LOG.info("{}: started, pid {}", label, p.pid());
        return p;
    }

    private void startReaders(Consumer<String> onLine, IntConsumer onExit) {
        Thread out = new Thread(() -> readStdout(onLine, onExit), label + "-out");
        out.setDaemon(true);
        Thread err = new Thread(this::readStderr, label + "-err");
        err.setDaemon(true);
        Thread in = new Thread(this::writeQueued, label + "-in");
        in.setDaemon(true);
        out.start();
        err.start();
        in.start();
    }

    /** The writer thread: queued lines to the pipe, in order, until END or a failed write. */
    private void writeQueued() {
        try {
            while (true) {
                byte[] line = queue.take();
                if (line == END) {
                    break;
                }
                writeStarted = System.nanoTime();
                stdin.write(line);
                stdin.flush();
                writeStarted = 0;
            }
        } catch (IOException e) {
            LOG.debug("{}: writing to stdin failed ({})", label, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writeStarted = 0;
            inputClosed = true;
            queue.clear();
            try {
                stdin.close();
            } catch (IOException e) {
                LOG.debug("{}: closing stdin failed ({})", label, e.getMessage());
            }
        }
    }

    private void readStdout(Consumer<String> onLine, IntConsumer onExit) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    onLine.accept(line);
                } catch (RuntimeException e) {
                    LOG.error("{}: a line from the sidecar could not be handled", label, e);
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: stdout closed ({})", label, e.getMessage());
        }
        int code = waitForExit();
        onExit.accept(code);
    }

    private int waitForExit() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                LOG.warn("{}: stdout closed but the process (pid {}) still runs; killing it", label, pid());
                process.destroyForcibly();
                return process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private void readStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                forward(line);
            }
        } catch (IOException e) {
            LOG.debug("{}: stderr closed ({})", label, e.getMessage());
        }
    }

    private void forward(String line) {
        if (line.startsWith("ERROR ")) {
            SIDECAR_LOG.error("{}: {}", label, line.substring(6));
        } else if (line.startsWith("WARN ")) {
            SIDECAR_LOG.warn("{}: {}", label, line.substring(5));
        } else if (line.startsWith("INFO ")) {
            SIDECAR_LOG.info("{}: {}", label, line.substring(5));
        } else if (line.startsWith("DEBUG ")) {
            SIDECAR_LOG.debug("{}: {}", label, line.substring(6));
        } else if (!line.isBlank()) {
            SIDECAR_LOG.warn("{}: {}", label, line);
        }
    }

    /**
     * Queues one line (a newline is appended) for the writer thread; never blocks. Kills the process when a
     * write has been stuck longer than the write deadline.
     */
    void writeLine(String line) throws IOException {
        long started = writeStarted;
        if (started != 0 && System.nanoTime() - started > writeDeadline.toNanos()) {
            LOG.error("{}: the sidecar (pid {}) has not read its input for more than {} ms; killing it", label, pid(),
                    writeDeadline.toMillis());
            process.destroyForcibly();
            throw new IOException("the sidecar did not read its input within " + writeDeadline.toMillis()
                    + " ms and was killed");
        }
        if (inputClosed || !process.isAlive()) {
            throw new IOException("the sidecar's input is closed");
        }
        if (!queue.offer((line + "\n").getBytes(StandardCharsets.UTF_8))) {
            throw new IOException("the sidecar's input queue is full (" + QUEUE_CAPACITY + " lines)");
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Kills the process at once (SIGKILL). */
    void kill() {
        process.destroyForcibly();
    }

    /**
     * Closes stdin (the sidecar exits on EOF), waits up to {@code graceMs} for the exit, then kills it.
     * Never throws.
     */
    void stop(long graceMs) {
        // end of input after the lines already queued; the writer thread closes stdin
        inputClosed = true;
        if (!queue.offer(END)) {
            LOG.warn("{}: the input queue is full at stop; killing pid {}", label, pid());
            process.destroyForcibly();
        }
        try {
            if (!process.waitFor(graceMs, TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: did not exit within {} ms of end of input; killing pid {}", label, graceMs, pid());
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop(2000);
    }
}
