package io.fixbridge.gateway.order;

/** What an execution report says happened; each maps to one ExecType(150). */
public enum ExecKind {
    PENDING_NEW('A'),
    NEW('0'),
    REJECTED('8'),
    TRADE('F'),
    PENDING_CANCEL('6'),
    CANCELED('4'),
    PENDING_REPLACE('E'),
    REPLACED('5'),
    EXPIRED('C'),
    ORDER_STATUS('I');

    private final char fix;

    ExecKind(char fix) {
        this.fix = fix;
    }

    /** The ExecType(150) value. */
    public char fix() {
        return fix;
    }
}
