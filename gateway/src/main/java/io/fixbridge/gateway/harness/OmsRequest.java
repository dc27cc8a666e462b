package io.fixbridge.gateway.harness;

import java.util.Objects;

/**
 * One request the OMS sent about an order chain. Immutable.
 *
 * @param kind    NewOrderSingle, OrderCancelReplaceRequest or OrderCancelRequest
 * @param clOrdId the request's ClOrdID(11)
 */
public record OmsRequest(Kind kind, String clOrdId) {

    /** What the request asked for. */
    public enum Kind {
        /** 35=D: a new venue order under this ClOrdID. */
        NEW,
        /** 35=G: a new venue order under this ClOrdID replacing the chain's working one. */
        REPLACE,
        /** 35=F: no venue order of its own. */
        CANCEL;

        /** Whether the venue gets an order whose client order id derives from this request's ClOrdID. */
        public boolean placesOrder() {
            return this != CANCEL;
        }
    }

    public OmsRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(clOrdId, "clOrdId");
    }
}
