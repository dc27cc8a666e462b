package io.fixbridge.gateway.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A record could not be made durable (disk full, directory unwritable, a failed force) or the
 * journal could not be opened or read. The message names the directory and the cause. Nothing
 * appended before is lost: the failed record's bytes are removed again. The caller must treat
 * the record as never written (reject the new order with a Text saying the journal is unavailable).
 */
public final class JournalUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    static JournalUnavailableException of(Path directory, String what, Throwable cause) {
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        if (cause instanceof IOException && !(reason.contains(cause.getClass().getSimpleName()))) {
            reason = cause.getClass().getSimpleName() + ": " + reason;
        }
        return new JournalUnavailableException("order journal in " + directory.toAbsolutePath() + " is unavailable: "
                + what + " failed (" + reason + ")", cause);
    }
}
