package io.fixbridge.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine and JVM a bench ran on, in one line. <b>Threading:</b> stateless. <b>Errors:</b> none (unknowns say so). */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + (memTotalKb() / 1024 / 1024) + " GiB; " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + "; " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "CPU model unknown";
    }

    private static long memTotalKb() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
