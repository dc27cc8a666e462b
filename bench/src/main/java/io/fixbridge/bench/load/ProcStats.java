package io.fixbridge.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from Linux's {@code /proc/<pid>/stat} and
 * {@code /proc/<pid>/status}. <b>Threading:</b> stateless. <b>Errors:</b> {@link IllegalStateException}
 * when the process is gone or /proc is not Linux's.
 */
public final class ProcStats {
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux the bench runs on

    private ProcStats() {
    }

    /** User plus system CPU seconds the process used so far. */
    public static double cpuSeconds(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command name, which is in parentheses and may hold spaces
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        return (double) (utime + stime) / CLOCK_TICKS_PER_SECOND;
    }

    /** Resident set size in bytes (VmRSS). */
    public static long rssBytes(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + " (has the process ended?): " + e.getMessage(), e);
        }
    }
}
