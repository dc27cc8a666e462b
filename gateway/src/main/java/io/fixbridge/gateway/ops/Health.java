package io.fixbridge.gateway.ops;

import java.util.Map;
import java.util.Objects;

/**
 * The gateway's health as {@code /health/ready} reports it.
 *
 * @param ready      whether the gateway takes new orders: the FIX acceptor listens, the restart's
 *                   reconciliation is over and the order journal can be written
 * @param components each part's state in a word or a sentence ({@code "up"}, or why not)
 */
public record Health(boolean ready, Map<String, String> components) {
    /** The state of a healthy component. */
    public static final String UP = "up";

    public Health {
        components = Map.copyOf(Objects.requireNonNull(components, "components"));
    }
}
