package io.fixbridge.gateway.harness;

import java.util.List;
import java.util.Objects;

/**
 * What the OMS knows of one order chain: the NewOrderSingle that started it, the replaces and
 * cancels it sent for it, and every report it received about any ClOrdID of it. Immutable.
 *
 * @param rootClOrdId the ClOrdID of the NewOrderSingle
 * @param requests    every request of the chain in the order sent, the NewOrderSingle first
 * @param reports     every ExecutionReport and OrderCancelReject received about the chain, in any order
 */
public record OmsChain(String rootClOrdId, List<OmsRequest> requests, List<OmsReport> reports) {

    public OmsChain {
        Objects.requireNonNull(rootClOrdId, "rootClOrdId");
        requests = List.copyOf(requests);
        reports = List.copyOf(reports);
    }
}
