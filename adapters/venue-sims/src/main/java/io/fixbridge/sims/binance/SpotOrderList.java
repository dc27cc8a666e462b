package io.fixbridge.sims.binance;

import java.util.List;

/**
 * One spot OCO order list: its id, client id and its two legs (the below leg first, as Binance
 * lists them), and whether it is still executing.
 *
 * <p><b>Threading:</b> confined to the engine thread.
 */
final class SpotOrderList {
    final long orderListId;
    final String listClientOrderId;
    final String account;
    final SpotListing listing;
    final List<SpotOrder> legs;
    final long transactionTime;
    boolean done;

    SpotOrderList(long orderListId, String listClientOrderId, String account, SpotListing listing,
                  List<SpotOrder> legs, long transactionTime) {
        this.orderListId = orderListId;
        this.listClientOrderId = listClientOrderId;
        this.account = account;
        this.listing = listing;
        this.legs = List.copyOf(legs);
        this.transactionTime = transactionTime;
    }

    /** The other leg. */
    SpotOrder sibling(SpotOrder leg) {
        return legs.get(0) == leg ? legs.get(1) : legs.get(0);
    }

    String listStatusType() {
        return done ? "ALL_DONE" : "EXEC_STARTED";
    }

    String listOrderStatus() {
        return done ? "ALL_DONE" : "EXECUTING";
    }
}
