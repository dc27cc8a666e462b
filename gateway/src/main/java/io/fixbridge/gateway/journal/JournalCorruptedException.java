package io.fixbridge.gateway.journal;

/**
 * A journal file holds a line that cannot be what the gateway wrote (CRC mismatch, unreadable
 * record, a version newer than this gateway) somewhere other than a torn last line. Replay stops:
 * the order book cannot be rebuilt safely, and an operator must look at the named file and line.
 */
public final class JournalCorruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalCorruptedException(String message) {
        super(message);
    }

    public JournalCorruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
