package io.fixbridge.venue.kit.sign;

import java.util.Objects;

/**
 * A credential (API key, HMAC secret, Ed25519 private key) that never shows itself: its
 * {@link #toString()} is {@code ***}, so it cannot leak into a log line, an exception message or
 * a record's {@code toString}. Only signing code reads it, through {@link #reveal()}. Immutable.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The secret itself, for signing and the API key header only; never log or format it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
