package io.fixbridge.sims.bybit;

import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Position;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What really happened, for tests: every order and fill per account as the simulator and its
 * matching engine hold them, the unified wallet's balances and the derivative positions. Each
 * read is a consistent snapshot taken on the engine thread.
 *
 * <p><b>Threading:</b> thread-safe; every method waits (at most 30 s) for the engine thread, so
 * never call it from a Netty event loop. Unknown accounts throw IllegalArgumentException.
 */
public final class Truth {
    private final EngineThread engine;
    private final BybitVenue venue;
    private final PrivateHub hub;

    Truth(EngineThread engine, BybitVenue venue, PrivateHub hub) {
        this.engine = engine;
        this.venue = venue;
        this.hub = hub;
    }

    /** Every order of {@code account} in every category, in placement order. */
    public List<TruthOrder> orders(String account) {
        return engine.await(() -> {
            requireAccount(account);
            List<TruthOrder> out = new ArrayList<>();
            for (SimOrder o : venue.ordersOf(account)) {
                out.add(truth(o));
            }
            return out;
        });
    }

    /** The orders of {@code account} in {@code category}, in placement order. */
    public List<TruthOrder> orders(String account, Category category) {
        List<TruthOrder> out = new ArrayList<>();
        for (TruthOrder o : orders(account)) {
            if (o.category() == category) {
                out.add(o);
            }
        }
        return out;
    }

    /** The order of {@code account} with this orderLinkId (in any category); IllegalArgumentException when none. */
    public TruthOrder orderByLinkId(String account, String orderLinkId) {
        for (TruthOrder o : orders(account)) {
            if (o.orderLinkId().equals(orderLinkId)) {
                return o;
            }
        }
        throw new IllegalArgumentException("account " + account + " has no order " + orderLinkId);
    }

    private TruthOrder truth(SimOrder o) {
        List<TruthExecution> fills = new ArrayList<>();
        for (SimExecution e : o.executions) {
            fills.add(new TruthExecution(e.execId(), e.tradeId(), e.price(), e.qty(), e.value(), e.fee(),
                    e.feeCurrency(), e.feeRate(), e.maker(), e.execPnl(), e.time()));
        }
        return new TruthOrder(o.category(), o.listing.symbol(), o.orderId, o.orderLinkId, Views.side(o.side),
                o.orderType, o.orderStatus, o.qty, o.price, o.triggerPrice, o.cumExecQty, o.cumExecValue,
                o.cumExecFee, o.rejectReason, o.reduceOnly, fills, venue.engineView(o));
    }

    /** The unified wallet of {@code account} by coin: total (walletBalance) and available. */
    public Map<String, Balance> balances(String account) {
        return engine.await(() -> {
            requireAccount(account);
            Map<String, Balance> out = new LinkedHashMap<>();
            venue.engineBalances(account).forEach(b -> out.put(b.asset(), b));
            return out;
        });
    }

    /**
     * The derivative positions of {@code account} as the engine holds them, by unified symbol
     * ({@code BTC/USDT:USDT} linear, {@code BTC/USD:BTC} inverse): signed size (contracts for
     * inverse), average entry, realised PnL before fees in the settle coin.
     */
    public List<Position> positions(String account) {
        return engine.await(() -> {
            requireAccount(account);
            return venue.enginePositions(account);
        });
    }

    /** How many private WebSocket connections are open. */
    public int openPrivateConnections() {
        return hub.openConnections();
    }

    private void requireAccount(String account) {
        try {
            venue.engineBalances(account);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown account '" + account + "'", e);
        }
    }
}
