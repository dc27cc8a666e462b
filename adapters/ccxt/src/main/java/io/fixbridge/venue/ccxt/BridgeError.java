package io.fixbridge.venue.ccxt;

import java.util.List;
import java.util.Objects;

/**
 * An error the sidecar answered a request with: the ccxt error class, its class chain (most specific
 * first, ending in {@code BaseError} for ccxt errors), ccxt's message (credentials scrubbed by the sidecar)
 * and the exchange's own error code. Immutable.
 *
 * @param className the most specific class, e.g. {@code InsufficientFunds}, {@code TypeError}, {@code ProtocolError}
 * @param classes   the class chain, most specific first; never empty
 * @param message   ccxt's text
 * @param code      the exchange's code, or null
 */
public record BridgeError(String className, List<String> classes, String message, String code) {
    public BridgeError {
        Objects.requireNonNull(className, "className");
        classes = classes == null || classes.isEmpty() ? List.of(className) : List.copyOf(classes);
        message = message == null ? "" : message;
    }
}
