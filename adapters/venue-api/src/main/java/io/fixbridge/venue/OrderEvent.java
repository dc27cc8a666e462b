package io.fixbridge.venue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Something a venue reports about an order. Every event names the account and the venue client
 * order id the gateway gave the order, so the gateway can find it whatever the order of arrival.
 *
 * <p>Events arrive out of order in real life (a fill before the submit's ack, a cancel crossing
 * a fill) and may arrive twice (a stream and a REST answer both report it); the gateway's order
 * state machine accepts both. Fills are identified by the venue's trade id.
 */
public sealed interface OrderEvent {

    String account();

    String clientOrderId();

    Instant timestamp();

    /** The venue accepted the order; it is live. */
    record Accepted(String account, String clientOrderId, String venueOrderId, Instant timestamp)
            implements OrderEvent {
        public Accepted {
            Objects.requireNonNull(venueOrderId, "venueOrderId");
        }
    }

    /** The venue definitively refused the order; nothing was placed. */
    record Rejected(String account, String clientOrderId, VenueError error, Instant timestamp)
            implements OrderEvent {
        public Rejected {
            if (error.outcome() != VenueError.Outcome.REJECTED) {
                throw new IllegalArgumentException("only a definitive reject rejects an order: " + error);
            }
        }
    }

    /**
     * A trade. {@code tradeId} is unique per venue and order: the same fill reported twice has
     * the same trade id and is counted once. {@code orderFilled} is the venue's word that this
     * trade completed the order; it is what ends an order sized in the quote currency, whose
     * size in base units nobody knew in advance. {@code liquidity} is null when the venue did not
     * say whether the order made or took liquidity (never guessed).
     */
    record Fill(String account, String clientOrderId, String venueOrderId, String tradeId,
                BigDecimal quantity, BigDecimal price, BigDecimal commission, String commissionAsset,
                Liquidity liquidity, Instant timestamp, boolean orderFilled) implements OrderEvent {

        /** A fill without the venue's word on whether it completed the order. */
        public Fill(String account, String clientOrderId, String venueOrderId, String tradeId,
                    BigDecimal quantity, BigDecimal price, BigDecimal commission, String commissionAsset,
                    Liquidity liquidity, Instant timestamp) {
            this(account, clientOrderId, venueOrderId, tradeId, quantity, price, commission, commissionAsset,
                    liquidity, timestamp, false);
        }

        public Fill {
            Objects.requireNonNull(tradeId, "tradeId");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(commission, "commission");
            if (quantity.signum() <= 0) {
                throw new IllegalArgumentException("fill quantity must be positive: " + quantity);
            }
        }
    }

    /** The order is canceled: on request, or by the venue ({@code reason} says why, else null). */
    record Canceled(String account, String clientOrderId, String venueOrderId, String reason, Instant timestamp)
            implements OrderEvent {
    }

    /**
     * The order was replaced. {@code newClientOrderId} is the client order id the venue knows the
     * order by from now on: the replacement's, or the original's on venues whose amend keeps it.
     * {@code venueOrderId} is the venue id from now on (new after a cancel-then-new).
     */
    record Replaced(String account, String clientOrderId, String newClientOrderId, String venueOrderId,
                    BigDecimal quantity, BigDecimal price, BigDecimal stopPrice, Instant timestamp)
            implements OrderEvent {
        public Replaced {
            Objects.requireNonNull(newClientOrderId, "newClientOrderId");
            Objects.requireNonNull(quantity, "quantity");
        }
    }

    /** The order's time ran out: IOC or FOK remainder, GTD expiry, a market order's unfilled rest. */
    record Expired(String account, String clientOrderId, String venueOrderId, Instant timestamp)
            implements OrderEvent {
    }

    /** The venue refused to cancel or amend the order; the order stands as it was. */
    record CancelRejected(String account, String clientOrderId, VenueError error, Instant timestamp)
            implements OrderEvent {
    }
}
