package io.fixbridge.gateway.order;

/** An order's status as FIX OrdStatus(39) reports it. */
public enum OrdStatus {
    PENDING_NEW('A', false),
    NEW('0', false),
    PARTIALLY_FILLED('1', false),
    FILLED('2', true),
    CANCELED('4', true),
    REJECTED('8', true),
    EXPIRED('C', true),
    PENDING_CANCEL('6', false),
    PENDING_REPLACE('E', false);

    private final char fix;
    private final boolean terminal;

    OrdStatus(char fix, boolean terminal) {
        this.fix = fix;
        this.terminal = terminal;
    }

    /** The OrdStatus(39) value. */
    public char fix() {
        return fix;
    }

    /** Whether the order can no longer trade. */
    public boolean isTerminal() {
        return terminal;
    }
}
