package io.fixbridge.sims.bybit;

/**
 * A Bybit error answer: retCode and retMsg in the v5 envelope, and the HTTP status it travels
 * with (200 for almost every business error, as Bybit does). Thrown anywhere in request handling
 * and turned into the wire answer by the gateway. Carries no stack trace: it is a normal answer,
 * not a fault. Immutable.
 */
final class BybitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int retCode;
    private final int httpStatus;

    BybitException(int retCode, String retMsg) {
        this(retCode, retMsg, 200);
    }

    BybitException(int retCode, String retMsg, int httpStatus) {
        super(retMsg, null, false, false);
        this.retCode = retCode;
        this.httpStatus = httpStatus;
    }

    int retCode() {
        return retCode;
    }

    String retMsg() {
        return getMessage();
    }

    int httpStatus() {
        return httpStatus;
    }
}
