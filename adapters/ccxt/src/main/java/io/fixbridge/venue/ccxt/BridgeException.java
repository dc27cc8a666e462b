package io.fixbridge.venue.ccxt;

import java.util.Objects;

/**
 * Why a sidecar request did not produce a result. Sealed: either the sidecar answered with an error
 * ({@link Answered}), or no answer will come ({@link NoAnswer}: the sidecar died, hangs, was not running,
 * or the answer's deadline passed). Messages never hold a credential (the sidecar scrubs its own, and the
 * adapter never puts request parameters into them).
 */
public sealed abstract class BridgeException extends RuntimeException
        permits BridgeException.Answered, BridgeException.NoAnswer {
    private static final long serialVersionUID = 1L;

    BridgeException(String message) {
        super(message);
    }

    /** The sidecar answered {@code ok: false}. */
    public static final class Answered extends BridgeException {
        private static final long serialVersionUID = 1L;
        private final transient BridgeError error;

        public Answered(String method, BridgeError error) {
            super(method + ": " + error.className() + (error.code() == null ? "" : " [" + error.code() + "]") + ": "
                    + error.message());
            this.error = Objects.requireNonNull(error, "error");
        }

        public BridgeError error() {
            return error;
        }
    }

    /**
     * No answer came. {@code written} says whether the request reached the sidecar's stdin: when it did,
     * ccxt may have sent it to the exchange.
     */
    public static final class NoAnswer extends BridgeException {
        private static final long serialVersionUID = 1L;
        private final boolean written;

        public NoAnswer(String message, boolean written) {
            super(message);
            this.written = written;
        }

        /** Whether the request was written to the sidecar (and so may have reached the exchange). */
        public boolean written() {
            return written;
        }
    }
}
