package io.fixbridge.gateway.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus server and promtool, as {@code ops/test/prometheus-binaries.sh} provides them:
 * from PATH, or Debian's {@code prometheus} package unpacked under {@code gateway/target/prometheus-deb}
 * (downloaded once; later runs use the cache).
 *
 * <p>Thread-safe: the script runs at most once per JVM.
 *
 * @param prometheus the server binary
 * @param promtool   the rules and configuration checker
 * @param script     what the script printed, for failure messages
 */
record PrometheusBinaries(Path prometheus, Path promtool, CommandResult script) {
    private static PrometheusBinaries cached;

    /**
     * Runs the script (once) and returns the binaries.
     *
     * @throws IllegalStateException the script failed; the message has everything it printed
     */
    static synchronized PrometheusBinaries get() {
        if (cached == null) {
            cached = provide(OpsPaths.root().resolve("gateway/target/prometheus-deb"));
        }
        return cached;
    }

    /** Runs the script with {@code cache} as its cache directory. */
    static PrometheusBinaries provide(Path cache) {
        Path root = OpsPaths.root();
        CommandResult run = CommandResult.run(Duration.ofMinutes(10), root,
                List.of("bash", root.resolve("ops/test/prometheus-binaries.sh").toString(), cache.toString()));
        if (run.exitCode() != 0) {
            throw new IllegalStateException("ops/test/prometheus-binaries.sh could not provide Prometheus:\n" + run.describe());
        }
        Map<String, String> vars = new HashMap<>();
        for (String line : run.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                vars.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Path prometheus = Path.of(vars.getOrDefault("PROMETHEUS", ""));
        Path promtool = Path.of(vars.getOrDefault("PROMTOOL", ""));
        if (!Files.isExecutable(prometheus) || !Files.isExecutable(promtool)) {
            throw new IllegalStateException("ops/test/prometheus-binaries.sh printed no executable PROMETHEUS and PROMTOOL:\n"
                    + run.describe());
        }
        return new PrometheusBinaries(prometheus, promtool, run);
    }

    /** Runs promtool with {@code args} from the project root. */
    CommandResult promtool(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(args));
        return CommandResult.run(Duration.ofMinutes(2), OpsPaths.root(), command);
    }
}
