package io.fixbridge.gateway.order;

import java.util.Objects;

import io.fixbridge.venue.OrderRequest;

/**
 * A cancel or replace the OMS asked for and the venue has not yet answered.
 *
 * @param kind        cancel or replace
 * @param clOrdId     the ClOrdID(11) of the cancel or replace request
 * @param replacement for a replace, the order as it should stand afterwards; else null
 */
public record PendingChange(Kind kind, String clOrdId, OrderRequest replacement) {

    /** Which request is pending. */
    public enum Kind { CANCEL, REPLACE }

    public PendingChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(clOrdId, "clOrdId");
        if ((kind == Kind.REPLACE) != (replacement != null)) {
            throw new IllegalArgumentException("a replacement is given exactly for a replace");
        }
    }
}
