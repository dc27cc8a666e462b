package io.fixbridge.venue.ccxt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One running sidecar process and its three streams: lines written to its stdin, every stdout line handed
 * to a consumer on a dedicated reader thread, every stderr line forwarded to the log at the level its prefix
 * names ({@code DEBUG }, {@code INFO }, {@code WARN }, {@code ERROR }; anything else at WARN).
 *
 * <p>Threading: {@link #writeLine} may be called from any thread (writes are serialised). The stdout
 * consumer runs on the thread {@code <label>-out}, the exit handler on it too, once, after stdout closed
 * and the process ended. Errors: {@link #start} throws {@link IOException} when the process cannot be
 * spawned; {@link #writeLine} throws {@link IOException} when stdin is closed (the process died).
 */
final class SidecarProcess implements AutoCloseable {
    private static final Logger SIDECAR_LOG = LoggerFactory.getLogger("io.fixbridge.venue.ccxt.sidecar");
    private static final Logger LOG = LoggerFactory.getLogger(SidecarProcess.class);

    private final String label;
    private final Process process;
    private final OutputStream stdin;
    private final Object writeLock = new Object();

    private SidecarProcess(String label, Process process) {
        this.label = label;
        this.process = process;
        this.stdin = process.getOutputStream();
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
        Objects.requireNonNull(onLine, "onLine");
        Objects.requireNonNull(onExit, "onExit");
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        SidecarProcess p = new SidecarProcess(label, pb.start());
        p.startReaders(onLine, onExit);
        LOG.info("{}: started, pid {}", label, p.pid());
        return p;
    }

    private void startReaders(Consumer<String> onLine, IntConsumer onExit) {
        Thread out = new Thread(() -> readStdout(onLine, onExit), label + "-out");
        out.setDaemon(true);
        Thread err = new Thread(this::readStderr, label + "-err");
        err.setDaemon(true);
        out.start();
        err.start();
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

    /** Writes one line (a newline is appended) and flushes. */
    void writeLine(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            stdin.write(bytes);
            stdin.flush();
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
        try {
            synchronized (writeLock) {
                stdin.close();
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("{}: closing stdin failed ({})", label, e.getMessage());
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
