package io.fixbridge.sims.binance;

import java.util.Set;

/** The symbol statuses Binance publishes in exchangeInfo, and checks of them. Stateless. */
final class SymbolStatus {
    static final Set<String> SPOT = Set.of("PRE_TRADING", "TRADING", "POST_TRADING", "END_OF_DAY", "HALT",
            "AUCTION_MATCH", "BREAK");
    static final Set<String> FUTURES = Set.of("PENDING_TRADING", "TRADING", "PRE_DELIVERING", "DELIVERING",
            "DELIVERED", "PRE_SETTLE", "SETTLING", "CLOSE");

    private SymbolStatus() {
    }

    static String requireSpot(String status) {
        if (!SPOT.contains(status)) {
            throw new IllegalArgumentException("spot symbol status must be one of " + SPOT + ", got " + status);
        }
        return status;
    }

    static String requireFutures(String status) {
        if (!FUTURES.contains(status)) {
            throw new IllegalArgumentException("futures symbol status must be one of " + FUTURES + ", got " + status);
        }
        return status;
    }
}
