package io.fixbridge.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM (or Node) process a bench run starts: its command, its output in a log file, its pid for
 * {@link ProcStats}. Java processes run the bench's own class path with the JVM options given.
 * {@link #close} kills it (SIGTERM, then SIGKILL after 10 s); a shutdown hook does so if the bench
 * ends first.
 *
 * <p><b>Threading:</b> one owner thread. <b>Errors:</b> {@link IllegalStateException} naming the log
 * when it cannot start or a line it should print does not come.
 */
public final class BenchProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String name;
    private final long startedNanos;
    private final Thread hook;

    private BenchProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.log = log;
        try {
            Files.createDirectories(log.getParent());
            this.startedNanos = System.nanoTime();
            this.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
        this.hook = new Thread(process::destroyForcibly, "bench-kill-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code mainClass} with the bench's class path in a new JVM with {@code jvmOptions}. */
    public static BenchProcess java(String name, List<String> jvmOptions, String mainClass, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return new BenchProcess(name, command, log);
    }

    /** Starts any command (the ccxt baseline's node). */
    public static BenchProcess command(String name, List<String> command, Path log) {
        return new BenchProcess(name, command, log);
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Nanos (System.nanoTime) when the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for a log line matching {@code pattern}; returns its first group (or the line).
     *
     * @throws IllegalStateException the process ended first or the line did not come in time
     */
    public String awaitLine(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : line;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with exit code " + process.exitValue() + " before printing '"
                        + pattern + "'; the end of " + log + ":\n" + tail(20));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not print '" + pattern + "' within " + timeout.toSeconds()
                        + " s; the end of " + log + ":\n" + tail(20));
            }
            sleep(20);
        }
    }

    /** Waits for the process to end by itself; its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " still runs after " + timeout.toSeconds() + " s; the end of " + log
                        + ":\n" + tail(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
        return process.exitValue();
    }

    /** The last {@code n} lines of the log. */
    public String tail(int n) {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    /** Every line of the log so far. */
    public List<String> lines() {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList() : List.of();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
