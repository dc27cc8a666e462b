package io.fixbridge.bench.load;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One measured run of the load client: what to send, how fast, and to which venue. Immutable.
 *
 * @param name        the row's name in the report, e.g. {@code gateway -> binance}
 * @param venue       ExDestination(100) and Account(1) of every order ({@value #ACCOUNT}), or null for the
 *                    session's default venue and account
 * @param symbol      Symbol(55), a resting limit buy of {@code quantity} at {@code price}
 * @param quantity    OrderQty(38)
 * @param price       Price(44): far enough below the market that the order rests
 * @param rate        orders per second, open loop; 0 means flat out with at most {@code maxInFlight} unanswered
 * @param orders      orders measured
 * @param warmup      orders sent first, at the same rate, and not measured
 * @param cancel      whether each order is canceled as soon as it is acknowledged (keeps books and state small)
 * @param maxInFlight bound on unanswered orders when flat out
 */
public record LoadPhase(String name, String venue, String symbol, BigDecimal quantity, BigDecimal price,
                        int rate, int orders, int warmup, boolean cancel, int maxInFlight) {

    /** The account every bench configuration names under each venue. */
    public static final String ACCOUNT = "main";

    public LoadPhase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(price, "price");
        if (rate < 0 || orders < 1 || warmup < 0 || maxInFlight < 1) {
            throw new IllegalArgumentException(name + ": rate >= 0, orders >= 1, warmup >= 0 and maxInFlight >= 1 are required");
        }
    }

    /** The same phase under another name, at another rate. */
    public LoadPhase at(String newName, int newRate) {
        return new LoadPhase(newName, venue, symbol, quantity, price, newRate, orders, warmup, cancel, maxInFlight);
    }
}
