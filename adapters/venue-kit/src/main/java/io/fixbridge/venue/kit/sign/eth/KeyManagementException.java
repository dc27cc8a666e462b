package io.fixbridge.venue.kit.sign.eth;

import java.util.Objects;

/**
 * A keystore, passphrase or key-file problem the operator must fix. The message names the file
 * or environment variable and the fix, never a key or a passphrase; {@link #reason()} lets a
 * command line pick its exit code.
 */
public final class KeyManagementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The keystore, passphrase or key file does not exist, or the environment variable is unset. */
        NOT_FOUND,
        /** create/import refused to overwrite an existing keystore. */
        ALREADY_EXISTS,
        /** The passphrase does not decrypt the keystore (MAC mismatch). */
        WRONG_PASSPHRASE,
        /** The file is not a readable V3 keystore, or the given value is malformed. */
        INVALID,
        /** Reading or writing the file failed. */
        IO
    }

    private final Reason reason;

    public KeyManagementException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public KeyManagementException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }
}
