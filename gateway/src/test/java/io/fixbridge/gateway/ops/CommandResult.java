package io.fixbridge.gateway.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What an external command did: its exit code and its standard output and error, kept apart.
 * {@link #run} runs one to completion; the output goes through files, so a chatty command
 * cannot block on a full pipe.
 *
 * @param command  the command line
 * @param exitCode its exit status
 * @param stdout   its standard output
 * @param stderr   its standard error
 */
record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {
    CommandResult {
        command = List.copyOf(command);
    }

    /**
     * Runs {@code command} in {@code workDir} and waits for it.
     *
     * @throws IllegalStateException it cannot be started or does not end within {@code timeout}
     *                               (it is killed then)
     */
    static CommandResult run(Duration timeout, Path workDir, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("cmd-", ".out");
            err = Files.createTempFile("cmd-", ".err");
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(command + " did not end within " + timeout + "; output so far:\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new CommandResult(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }
    }

    /** The command, its exit code and everything it printed: for assertion messages. */
    String describe() {
        return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
