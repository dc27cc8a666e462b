package io.fixbridge.sims.common;

/**
 * A control-plane request that cannot be served as asked: the {@link ControlPlane} answers it with
 * {@code status} and {@code {"error":"<message>"}}. The message is written for a person: it
 * names the key or parameter at fault and what is allowed. Immutable.
 */
public final class ControlError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ControlError(int status, String message) {
        super(message);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a control error is a 4xx, got " + status);
        }
        this.status = status;
    }

    /** 400: the request is malformed or asks for something not allowed. */
    public static ControlError badRequest(String message) {
        return new ControlError(400, message);
    }

    /** 404: the thing asked about does not exist. */
    public static ControlError notFound(String message) {
        return new ControlError(404, message);
    }

    public int status() {
        return status;
    }
}
