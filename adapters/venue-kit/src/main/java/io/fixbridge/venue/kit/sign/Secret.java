package io.fixbridge.venue.kit.sign;

import java.util.Objects;

/**
 * A credential (API key, HMAC secret, Ed25519 private key) that never shows itself: its
 * {@link #toString()} is {@code ***}, so it cannot leak into a log line, an exception message or
 * a record's {@code toString}. Only signing code reads it, through {@link #reveal()}. Immutable.
 */
public final class Secret {
    private static final java.util.regex.Pattern UNRESOLVED = java.util.regex.Pattern.compile("^\\$\\{([^}]+)}$");

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

    /**
     * The credential at {@code key}, refusing a missing value and an unresolved
     * {@code ${VARIABLE}} by the variable's name, never by the value.
     */
    public static Secret from(io.fixbridge.venue.ConfigView view, String key) {
        if (!view.has(key)) {
            throw view.error(key, "missing; set it, normally as ${ENVIRONMENT_VARIABLE}");
        }
        String value;
        try {
            value = view.string(key);
        } catch (io.fixbridge.venue.VenueConfigException e) {
            throw view.error(key, "expected a text value (not shown)");
        }
        java.util.regex.Matcher m = UNRESOLVED.matcher(value);
        if (m.matches()) {
            throw view.error(key, "the environment variable " + m.group(1) + " is not set");
        }
        return new Secret(value);
    }
}
