package io.fixbridge.gateway.harness;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How one harness run is set up. Immutable.
 *
 * @param orders        NewOrderSingles to send
 * @param seed          the seed of everything random
 * @param kills         SIGKILLs of the gateway (each followed by a restart)
 * @param wsDrops       drops of the venue's user-data WebSockets
 * @param bursts        bursts of 5xx answers from the venue
 * @param lostResponses order requests the venue carries out but never answers
 * @param workDir       where logs, stores and the gateway's data go; null: a new temporary directory
 * @param symbol        the unified symbol to trade, e.g. BTC/USDT
 * @param simAccount    the simulator account whose orders are the truth
 * @param quiet         print only the summary and the problems (no progress lines)
 */
public record HarnessOptions(int orders, long seed, int kills, int wsDrops, int bursts, int lostResponses, Path workDir,
                             String symbol, String simAccount, boolean quiet) {

    /** The simulator's demo account ({@code fixbridge simulate binance}). */
    public static final String DEMO_ACCOUNT = "demo";

    public HarnessOptions {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(simAccount, "simAccount");
        if (orders < 1) {
            throw new IllegalArgumentException("--orders must be at least 1, got " + orders);
        }
        if (kills < 0 || wsDrops < 0 || bursts < 0 || lostResponses < 0) {
            throw new IllegalArgumentException("fault counts must be zero or more");
        }
        if (!symbol.contains("/")) {
            throw new IllegalArgumentException("--symbol must be a unified symbol like BTC/USDT, got " + symbol);
        }
    }

    /** The default number of each fault for {@code orders} orders: one per 40 orders, at least one. */
    public static int defaultFaults(int orders) {
        return Math.max(1, orders / 40);
    }

    /** The symbol as the Binance simulator spells it (BTC/USDT: BTCUSDT). */
    public String venueSymbol() {
        return symbol.replace("/", "");
    }
}
