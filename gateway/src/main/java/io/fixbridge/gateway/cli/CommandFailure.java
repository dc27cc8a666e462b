package io.fixbridge.gateway.cli;

/**
 * A command that cannot do its job for a reason the user can fix (the gateway is not running,
 * sequence numbers are out of step): {@link FixbridgeCli} prints the message as one line, without
 * a stack trace, and exits with {@link #EXIT_CODE}. Bugs stay ordinary exceptions with their traces.
 */
final class CommandFailure extends RuntimeException {
    static final int EXIT_CODE = 1;

    CommandFailure(String message) {
        super(message);
    }
}
