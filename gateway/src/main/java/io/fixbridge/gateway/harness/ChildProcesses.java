package io.fixbridge.gateway.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM processes the harness starts ({@code fixbridge simulate}, {@code fixbridge run}), each
 * on the harness's own java and classpath, with its stdout and stderr in a log file. Every process
 * started is killed by {@link #close} and, should the harness's JVM end first, by a shutdown hook.
 *
 * <p><b>Threading:</b> thread-safe. <b>Errors:</b> a process that cannot be started, or a line
 * that does not appear in time, throws {@link HarnessFailure} naming the log file.
 */
public final class ChildProcesses implements AutoCloseable {
    private static final String MAIN = "io.fixbridge.gateway.cli.FixbridgeCli";
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx384m",
            "-Djava.net.preferIPv4Stack=true");

    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final Thread hook = new Thread(this::killAll, "fixbridge-harness-kill-children");

    public ChildProcesses() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code fixbridge <args>} in a new JVM, its output going to {@code log}. */
    public Process start(List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new HarnessFailure("cannot start 'fixbridge " + String.join(" ", args) + "': " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code log} has a line matching {@code pattern} and returns its first group.
     *
     * @throws HarnessFailure when the process ends first or the line does not come within {@code timeout}
     */
    public static String awaitLine(Process process, Path log, Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines(log)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : line;
                }
            }
            if (!process.isAlive()) {
                throw new HarnessFailure("the process logging to " + log + " ended with exit code " + process.exitValue()
                        + " before printing '" + pattern + "'; last lines:\n" + tail(log, 15));
            }
            if (System.nanoTime() > deadline) {
                throw new HarnessFailure("no line '" + pattern + "' in " + log + " within " + timeout.toSeconds() + " s; last lines:\n"
                        + tail(log, 15));
            }
            Thread.sleep(100);
        }
    }

    /** The last {@code n} lines of a log, for a failure message. */
    public static String tail(Path log, int n) {
        List<String> lines = lines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList() : List.of();
        } catch (IOException e) {
            throw new HarnessFailure("cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    /** Kills {@code process} with SIGKILL and waits until it is gone. */
    public void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new HarnessFailure("process " + process.pid() + " is still alive 30 s after SIGKILL");
        }
        started.remove(process);
    }

    private void killAll() {
        for (Process p : started) {
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        started.clear();
    }

    /** Kills every process still running and removes the shutdown hook. */
    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) anyway
        }
    }
}
