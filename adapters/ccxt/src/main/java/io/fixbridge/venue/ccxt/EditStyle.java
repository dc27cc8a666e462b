package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.ReplaceMode;

import java.util.List;

/**
 * How a replace is carried out on one exchange and market type, because ccxt's unified {@code editOrder}
 * means different things per exchange:
 * <ul>
 *   <li>{@link #AMEND}: the exchange amends the order in place (Bybit; Binance USD-M and COIN-M): the new
 *       total quantity is sent, the order keeps its ids (the answer's id is read all the same);</li>
 *   <li>{@link #CANCEL_REPLACE}: the exchange cancels and places a new order in one request (Binance spot,
 *       {@code order/cancelReplace}): the remaining quantity is sent with the replacement's client order id,
 *       and the new order id is read from the answer;</li>
 *   <li>{@link #CANCEL_THEN_NEW}: ccxt has no native edit for the exchange ({@code has.editOrder} not true):
 *       the adapter cancels, then places the replacement's remaining quantity under its own client order id.</li>
 * </ul>
 * Exchanges other than Binance and Bybit with {@code has.editOrder: true} are assumed to amend in place;
 * that is untested (see the module README). The exchange is known by its ccxt class chain (most specific
 * first, e.g. {@code ["binanceus", "binance"]}), so a subclass of ccxt's binance is treated as binance.
 */
enum EditStyle {
    AMEND(ReplaceMode.NATIVE_AMEND),
    CANCEL_REPLACE(ReplaceMode.CANCEL_THEN_NEW),
    CANCEL_THEN_NEW(ReplaceMode.CANCEL_THEN_NEW);

    private final ReplaceMode mode;

    EditStyle(ReplaceMode mode) {
        this.mode = mode;
    }

    /** The replace mode the gateway sees. */
    ReplaceMode mode() {
        return mode;
    }

    /**
     * The style of {@code type} markets of the exchange whose ccxt class chain is {@code classes}, given whether
     * ccxt has a native editOrder.
     */
    static EditStyle of(List<String> classes, MarketType type, boolean nativeEdit) {
        if (!nativeEdit) {
            return CANCEL_THEN_NEW;
        }
        if (classes.contains("binance") && type == MarketType.SPOT) {
            return CANCEL_REPLACE;
        }
        return AMEND;
    }
}
