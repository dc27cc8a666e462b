package io.fixbridge.gateway.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's files are: the project root is found from the working directory upwards
 * (Maven runs the gateway's tests in {@code gateway/}), as the directory holding
 * {@code ops/prometheus/alerts.yml}.
 */
final class OpsPaths {
    private OpsPaths() {
    }

    /** The project root. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("ops/prometheus/alerts.yml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no ops/prometheus/alerts.yml in " + dir + " or above; run the tests from the project");
    }

    /** A file under {@code ops/}. */
    static Path ops(String relative) {
        return root().resolve("ops").resolve(relative);
    }
}
