package io.fixbridge.gateway.harness;

/**
 * The harness itself could not do its job (a process did not start, the simulator's control plane
 * did not answer, a logon never came): exit code 2, never a verdict about the gateway.
 */
public final class HarnessFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HarnessFailure(String message) {
        super(message);
    }

    public HarnessFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
