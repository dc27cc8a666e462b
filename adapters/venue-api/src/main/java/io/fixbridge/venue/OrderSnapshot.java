package io.fixbridge.venue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An order as the venue has it now: the answer to a status query, used to settle unknown
 * outcomes and to reconcile after a restart or a stream gap.
 *
 * @param account        account name
 * @param clientOrderId  venue client order id
 * @param venueOrderId   venue order id
 * @param symbol         unified symbol
 * @param side           side
 * @param status         the venue's status
 * @param quantity       order quantity
 * @param filledQuantity quantity filled so far
 * @param price          limit price, or null
 * @param fills          the order's fills as far as the venue reports them
 */
public record OrderSnapshot(String account, String clientOrderId, String venueOrderId, String symbol,
                            Side side, Status status, BigDecimal quantity, BigDecimal filledQuantity,
                            BigDecimal price, List<OrderEvent.Fill> fills) {

    public OrderSnapshot {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(status, "status");
        fills = List.copyOf(fills);
    }

    /** A venue order's status. */
    public enum Status {
        NEW(false),
        PARTIALLY_FILLED(false),
        FILLED(true),
        CANCELED(true),
        EXPIRED(true),
        REJECTED(true);

        private final boolean terminal;

        Status(boolean terminal) {
            this.terminal = terminal;
        }

        /** Whether the order can no longer change. */
        public boolean isTerminal() {
            return terminal;
        }
    }
}
