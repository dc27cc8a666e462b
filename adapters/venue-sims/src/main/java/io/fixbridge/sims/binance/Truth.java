package io.fixbridge.sims.binance;

import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Position;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What really happened, for tests: every order and fill per account as the simulator and its
 * matching engines hold them, balances and positions. Each read is a consistent snapshot taken on
 * the engine thread.
 *
 * <p><b>Threading:</b> thread-safe; every method waits (at most 30 s) for the engine thread, so
 * never call it from a Netty event loop. Unknown accounts throw IllegalArgumentException.
 */
public final class Truth {
    private final EngineThread engine;
    private final SpotVenue spot;
    private final FuturesVenue futures;
    private final UserDataHub hub;
    private final List<String> accounts;

    Truth(EngineThread engine, SpotVenue spot, FuturesVenue futures, UserDataHub hub, List<String> accounts) {
        this.engine = engine;
        this.spot = spot;
        this.futures = futures;
        this.hub = hub;
        this.accounts = List.copyOf(accounts);
    }

    /** Every spot order of {@code account}, in placement order. */
    public List<TruthOrder> spotOrders(String account) {
        return engine.await(() -> {
            List<TruthOrder> out = new ArrayList<>();
            for (SpotOrder o : spot.ordersOf(account)) {
                out.add(truth(o));
            }
            return out;
        });
    }

    /** Every futures order of {@code account} (including those placed by triggered algo orders). */
    public List<TruthOrder> futuresOrders(String account) {
        return engine.await(() -> {
            List<TruthOrder> out = new ArrayList<>();
            for (FuturesOrder o : futures.ordersOf(account)) {
                out.add(truth(o));
            }
            return out;
        });
    }

    /**
     * Every order of {@code account}, spot and futures together, oldest first (in the order the
     * simulator created them), as one consistent snapshot.
     */
    public List<TruthOrder> allOrders(String account) {
        return engine.await(() -> {
            List<Placed> placed = new ArrayList<>();
            for (SpotOrder o : spot.ordersOf(account)) {
                placed.add(new Placed(o.placement, truth(o)));
            }
            for (FuturesOrder o : futures.ordersOf(account)) {
                placed.add(new Placed(o.placement, truth(o)));
            }
            placed.sort(Comparator.comparingLong(p -> p.placement()));
            List<TruthOrder> out = new ArrayList<>(placed.size());
            placed.forEach(p -> out.add(p.order()));
            return out;
        });
    }

    /** Whether the simulator has an account named {@code account}. */
    public boolean hasAccount(String account) {
        return accounts.contains(account);
    }

    /** The names of the simulator's accounts, in configuration order. */
    public List<String> accountNames() {
        return List.copyOf(accounts);
    }

    /** One order with its place in the creation sequence. */
    private record Placed(long placement, TruthOrder order) {
    }

    private TruthOrder truth(SpotOrder o) {
        List<TruthFill> fills = new ArrayList<>();
        for (SpotFill f : o.fills) {
            fills.add(new TruthFill(f.tradeId(), f.price(), f.qty(), f.commission(), f.commissionAsset(),
                    f.maker(), f.time(), null));
        }
        return new TruthOrder("SPOT", o.account, o.symbol(), o.orderId, o.clientOrderId, SpotJson.side(o.side),
                o.type, o.status, o.origQty, o.executedQty, o.price, o.stopPrice, o.orderListId, fills,
                spot.engineView(o));
    }

    private TruthOrder truth(FuturesOrder o) {
        List<TruthFill> fills = new ArrayList<>();
        for (FuturesFill f : o.fills) {
            fills.add(new TruthFill(f.tradeId(), f.price(), f.qty(), f.commission(), f.commissionAsset(),
                    f.maker(), f.time(), f.realizedPnl()));
        }
        return new TruthOrder("FUTURES", o.account, o.symbol(), o.orderId, o.clientOrderId,
                SpotJson.side(o.side), o.type, o.status, o.origQty, o.executedQty, o.price, o.stopPrice,
                o.algoId == null ? -1 : o.algoId, fills, futures.engineView(o));
    }

    /** Every algo (conditional) order of {@code account}. */
    public List<TruthAlgoOrder> algoOrders(String account) {
        return engine.await(() -> {
            List<TruthAlgoOrder> out = new ArrayList<>();
            for (AlgoOrder a : futures.algos.algosOf(account)) {
                out.add(new TruthAlgoOrder(a.algoId, a.clientAlgoId, a.listing.symbol(), a.orderType,
                        SpotJson.side(a.side), a.status, a.quantity, a.triggerPrice, a.price,
                        a.actualOrderId == null ? -1 : a.actualOrderId));
            }
            return out;
        });
    }

    /** Spot balances of {@code account} by asset (total and available). */
    public Map<String, Balance> spotBalances(String account) {
        return engine.await(() -> byAsset(spot.balances(account)));
    }

    /** Futures wallet balances of {@code account} by asset. */
    public Map<String, Balance> futuresBalances(String account) {
        return engine.await(() -> byAsset(futures.engineBalances(account)));
    }

    /** Futures positions of {@code account} (unified symbols, e.g. {@code BTC/USDT:USDT}). */
    public List<Position> futuresPositions(String account) {
        return engine.await(() -> futures.enginePositions(account));
    }

    /** How many user-data WebSocket connections (WebSocket API sessions and streams) are open. */
    public int openUserDataConnections() {
        return hub.openConnections();
    }

    private static Map<String, Balance> byAsset(List<Balance> balances) {
        Map<String, Balance> out = new LinkedHashMap<>();
        balances.forEach(b -> out.put(b.asset(), b));
        return out;
    }
}
