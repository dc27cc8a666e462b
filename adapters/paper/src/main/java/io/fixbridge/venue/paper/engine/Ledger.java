package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts: balances, funds held for open orders, and perpetual positions.
 *
 * <ul>
 *   <li>Spot: a buy holds {@code limit price * leaves} of the quote asset (a waiting stop or
 *       take-profit holds {@code stop price * leaves}); a sell holds {@code leaves} of the base
 *       asset. Fills move both assets; the fee comes out of the quote asset.</li>
 *   <li>Linear perpetual: an order that is not reduce-only holds initial margin
 *       {@code notional / leverage} of the settle asset at its limit (or stop) price; a position
 *       holds {@code |size| * entry / leverage}. Reducing a position credits realised PnL to the
 *       settle asset; fees come out of the settle asset.</li>
 *   <li>Inverse perpetual: the same in the base coin, with values from {@link Contracts}: an order
 *       holds {@code quantity * contractSize / price / leverage}, a position
 *       {@code |size| * contractSize / entry / leverage}; PnL and fees are in the base coin.</li>
 * </ul>
 * Available = total - held for orders - held for positions. There is no liquidation: a balance
 * can go below zero through losses or fees. Not thread-safe: confined to the engine's thread.
 */
final class Ledger {
    private final BigDecimal leverage;
    private final Map<String, AccountState> accounts = new LinkedHashMap<>();

    Ledger(BigDecimal leverage) {
        if (leverage.signum() <= 0) {
            throw new IllegalArgumentException("leverage must be positive, got " + leverage.toPlainString());
        }
        this.leverage = leverage;
    }

    BigDecimal leverage() {
        return leverage;
    }

    void open(String account, Map<String, BigDecimal> balances) {
        if (accounts.containsKey(account)) {
            throw new IllegalArgumentException("account '" + account + "' is already open");
        }
        AccountState state = new AccountState();
        balances.forEach((asset, amount) -> state.total.put(asset, amount));
        accounts.put(account, state);
    }

    boolean has(String account) {
        return accounts.containsKey(account);
    }

    Set<String> accountNames() {
        return accounts.keySet();
    }

    /** The asset an order holds funds in. */
    static String lockAsset(WorkingOrder o) {
        Instrument i = o.instrument;
        if (i.marketType() == MarketType.SPOT) {
            return o.side == Side.BUY ? i.quoteAsset() : i.baseAsset();
        }
        return i.settleAsset();
    }

    /** What the order must hold now, from its current state. */
    BigDecimal requiredLock(WorkingOrder o) {
        if (o.isDone()) {
            return BigDecimal.ZERO;
        }
        return requiredLock(o, o.lockPrice(o.price, o.stopPrice), o.leaves());
    }

    /** What the order would have to hold at {@code lockPrice} (null: trading as a market order) for {@code leaves}. */
    BigDecimal requiredLock(WorkingOrder o, BigDecimal lockPrice, BigDecimal leaves) {
        if (o.isMarketMaker() || leaves.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        Instrument i = o.instrument;
        if (i.marketType() == MarketType.SPOT) {
            if (o.side == Side.SELL) {
                return leaves;
            }
            return lockPrice == null ? BigDecimal.ZERO : i.notional(leaves, lockPrice);
        }
        if (o.reduceOnly || lockPrice == null) {
            return BigDecimal.ZERO;
        }
        return initialMargin(Contracts.settleValue(i, leaves, lockPrice));
    }

    BigDecimal initialMargin(BigDecimal notional) {
        return Decimals.divide(notional, leverage);
    }

    /** Brings what {@code o} holds in line with {@link #requiredLock(WorkingOrder)}. */
    void relock(WorkingOrder o) {
        if (o.isMarketMaker()) {
            return;
        }
        BigDecimal required = requiredLock(o);
        BigDecimal delta = required.subtract(o.locked);
        if (delta.signum() != 0) {
            accounts.get(o.account).locked.merge(lockAsset(o), delta, BigDecimal::add);
            o.locked = required;
        }
    }

    /** What new orders of {@code account} may use of {@code asset}. */
    BigDecimal available(String account, String asset) {
        AccountState a = accounts.get(account);
        return a.total(asset).subtract(a.locked(asset)).subtract(a.positionMargin(asset, leverage));
    }

    /** The signed position of {@code account} in a perpetual; zero when flat or unknown. */
    BigDecimal position(String account, String symbol) {
        PositionState p = accounts.get(account).positions.get(symbol);
        return p == null ? BigDecimal.ZERO : p.quantity;
    }

    /** How much a reduce-only order may still trade: the position on its opposite side, else zero. */
    BigDecimal reducible(WorkingOrder o) {
        BigDecimal position = position(o.account, o.symbol());
        BigDecimal reducible = o.side == Side.SELL ? position : position.negate();
        return reducible.max(BigDecimal.ZERO);
    }

    /** Books a fill of {@code o}: balances on spot, position and realised PnL on perpetuals, and the fee. */
    void settle(WorkingOrder o, BigDecimal quantity, BigDecimal price, BigDecimal fee) {
        AccountState a = accounts.get(o.account);
        Instrument i = o.instrument;
        if (i.marketType() == MarketType.SPOT) {
            BigDecimal notional = i.notional(quantity, price);
            if (o.side == Side.BUY) {
                a.add(i.baseAsset(), quantity);
                a.add(i.quoteAsset(), notional.add(fee).negate());
            } else {
                a.add(i.baseAsset(), quantity.negate());
                a.add(i.quoteAsset(), notional.subtract(fee));
            }
            return;
        }
        PositionState p = a.positions.computeIfAbsent(i.symbol(), s -> new PositionState(i));
        BigDecimal signed = o.side == Side.BUY ? quantity : quantity.negate();
        BigDecimal realized = p.apply(signed, price);
        a.add(i.settleAsset(), realized.subtract(fee));
    }

    List<Balance> balances(String account) {
        AccountState a = accounts.get(account);
        Set<String> assets = new LinkedHashSet<>(a.total.keySet());
        assets.addAll(a.locked.keySet());
        List<Balance> out = new ArrayList<>(assets.size());
        for (String asset : assets) {
            out.add(new Balance(asset, Decimals.clean(a.total(asset)), Decimals.clean(available(account, asset))));
        }
        return out;
    }

    List<Position> positions(String account) {
        List<Position> out = new ArrayList<>();
        for (PositionState p : accounts.get(account).positions.values()) {
            out.add(new Position(p.instrument.symbol(), Decimals.clean(p.quantity), Decimals.clean(p.entryPrice),
                    Decimals.clean(p.realizedPnl)));
        }
        return out;
    }

    private static final class AccountState {
        final Map<String, BigDecimal> total = new LinkedHashMap<>();
        final Map<String, BigDecimal> locked = new LinkedHashMap<>();
        final Map<String, PositionState> positions = new LinkedHashMap<>();

        BigDecimal total(String asset) {
            return total.getOrDefault(asset, BigDecimal.ZERO);
        }

        BigDecimal locked(String asset) {
            return locked.getOrDefault(asset, BigDecimal.ZERO);
        }

        void add(String asset, BigDecimal amount) {
            total.merge(asset, amount, BigDecimal::add);
        }

        BigDecimal positionMargin(String asset, BigDecimal leverage) {
            BigDecimal margin = BigDecimal.ZERO;
            for (PositionState p : positions.values()) {
                if (p.instrument.settleAsset().equals(asset) && p.quantity.signum() != 0) {
                    margin = margin.add(Contracts.settleValue(p.instrument, p.quantity.abs(), p.entryPrice));
                }
            }
            return margin.signum() == 0 ? margin : Decimals.divide(margin, leverage);
        }
    }

    /** A signed position with its average entry price and realised PnL. */
    private static final class PositionState {
        final Instrument instrument;
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal entryPrice = BigDecimal.ZERO;
        BigDecimal realizedPnl = BigDecimal.ZERO;

        PositionState(Instrument instrument) {
            this.instrument = instrument;
        }

        /** Applies a signed fill; returns the PnL it realises (zero when it only adds). */
        BigDecimal apply(BigDecimal signed, BigDecimal price) {
            if (quantity.signum() == 0 || quantity.signum() == signed.signum()) {
                entryPrice = Contracts.averageEntry(instrument, quantity.abs(), entryPrice, signed.abs(), price);
                quantity = quantity.add(signed);
                return BigDecimal.ZERO;
            }
            BigDecimal closing = signed.abs().min(quantity.abs());
            BigDecimal pnl = Contracts.pnl(instrument, quantity.signum() > 0, closing, entryPrice, price);
            BigDecimal after = quantity.add(signed);
            if (after.signum() == 0) {
                entryPrice = BigDecimal.ZERO;
            } else if (after.signum() != quantity.signum()) {
                entryPrice = price;
            }
            quantity = after;
            realizedPnl = realizedPnl.add(pnl);
            return pnl;
        }
    }
}
