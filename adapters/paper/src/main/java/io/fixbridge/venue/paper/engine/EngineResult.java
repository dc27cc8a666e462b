package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.RejectReason;

import java.util.Objects;

/**
 * The synchronous answer of an engine request (submit, cancel, amend): done, with the order as
 * it stands once every consequence of the request (fills, expiry, triggers) has happened, or
 * refused, in which case nothing changed.
 */
public sealed interface EngineResult {

    /** The request took effect. */
    record Done(OrderView order) implements EngineResult {
        public Done {
            Objects.requireNonNull(order, "order");
        }
    }

    /** The request was refused; nothing changed. {@code text} is for a person and names the problem. */
    record Refused(RejectReason reason, String text) implements EngineResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(text, "text");
        }
    }
}
