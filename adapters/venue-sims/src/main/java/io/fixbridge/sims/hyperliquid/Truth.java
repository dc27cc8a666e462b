package io.fixbridge.sims.hyperliquid;

import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.kit.sign.eth.EthAddress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What really happened inside the simulator, for tests: orders, fills, positions and balances by
 * account. Every call waits for the engine thread, so it sees every request answered before it.
 *
 * <p><b>Threading:</b> thread-safe; never call it from a Netty event loop or the engine thread's
 * own tasks. <b>Errors:</b> none for unknown accounts (empty answers).
 */
public final class Truth {
    private final EngineThread engineThread;
    private final HlVenue venue;
    private final WsHub hub;

    Truth(EngineThread engineThread, HlVenue venue, WsHub hub) {
        this.engineThread = engineThread;
        this.venue = venue;
        this.hub = hub;
    }

    /** Every order of {@code account} in placement order (open and finished). */
    public List<TruthOrder> orders(EthAddress account) {
        return engineThread.await(() -> venue.orders(account.hex()).stream().map(TruthOrder::of).toList());
    }

    public Optional<TruthOrder> order(EthAddress account, long oid) {
        return engineThread.await(() -> Optional.ofNullable(venue.order(account.hex(), oid)).map(TruthOrder::of));
    }

    public Optional<TruthOrder> orderByCloid(EthAddress account, String cloid) {
        return engineThread.await(() -> Optional.ofNullable(
                venue.orderByCloid(account.hex(), cloid.toLowerCase(java.util.Locale.ROOT))).map(TruthOrder::of));
    }

    /** Every fill of {@code account}, oldest first. */
    public List<HlFill> fills(EthAddress account) {
        return engineThread.await(() -> venue.fills(account.hex()));
    }

    /** Non-zero perpetual positions of {@code account}. */
    public List<TruthPosition> positions(EthAddress account) {
        return engineThread.await(() -> {
            List<TruthPosition> out = new ArrayList<>();
            venue.positions(account.hex()).forEach((m, p) -> out.add(new TruthPosition(m.coin, p.size, p.entry)));
            return out;
        });
    }

    /** Perp margin in USDC: total (cash, realised PnL and fees included) and available (not held). */
    public Balance perpUsdc(EthAddress account) {
        return engineThread.await(() -> venue.isAccount(account.hex()) ? venue.perpUsdc(account.hex())
                : new Balance("USDC", java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO));
    }

    /** Spot balances by token (fees in the token deducted), every listed token. */
    public Map<String, Balance> spotBalances(EthAddress account) {
        return engineThread.await(() -> {
            Map<String, Balance> out = new LinkedHashMap<>();
            if (venue.isAccount(account.hex())) {
                for (String token : venue.markets().tokens()) {
                    out.put(token, venue.spotBalance(account.hex(), token));
                }
            }
            return out;
        });
    }

    /** WebSocket connections open now. */
    public int openConnections() {
        return hub.openConnections();
    }
}
