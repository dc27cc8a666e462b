package io.fixbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the project is (the launcher exports FIXBRIDGE_HOME; from a build, the nearest directory
 * up from the working directory that holds ops/jvm.options) and the gateway's JVM options as
 * shipped in ops/jvm.options, which the launcher and the systemd unit use too.
 * <b>Threading:</b> stateless. <b>Errors:</b> {@link IllegalStateException} naming what is missing.
 */
public final class BenchHome {
    static final String JVM_OPTIONS = "ops/jvm.options";

    private BenchHome() {
    }

    public static Path find() {
        String env = System.getenv("FIXBRIDGE_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(JVM_OPTIONS))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the fixbridge project: set FIXBRIDGE_HOME or run from inside it");
    }

    /** The options in ops/jvm.options, one per line, without comments and blank lines. */
    public static List<String> gatewayJvmOptions(Path home) {
        Path file = home.resolve(JVM_OPTIONS);
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
