package io.fixbridge.bench.micro;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * Raises the level of the loggers a benchmark drives, so a measured loop never writes log lines
 * (they would dominate the numbers and flood a forked JVM's output). The cost of building a message
 * that is then filtered stays in the measurement, as it would in production at that level.
 *
 * <p>Call from a {@code @Setup} method. Thread-safe (logback levels are). When SLF4J is not bound to
 * logback, nothing is changed.
 */
public final class BenchLogging {
    private BenchLogging() {
    }

    /** Logs of {@code owners} at WARN and above only. */
    public static void warnOnly(Class<?>... owners) {
        set(Level.WARN, owners);
    }

    /** Logs of {@code owners} at ERROR only (for code that warns by design on the path measured). */
    public static void errorOnly(Class<?>... owners) {
        set(Level.ERROR, owners);
    }

    private static void set(Level level, Class<?>... owners) {
        for (Class<?> owner : owners) {
            if (LoggerFactory.getLogger(owner) instanceof Logger logger) {
                logger.setLevel(level);
            }
        }
    }
}
