package io.fixbridge.gateway.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.fixbridge.gateway.journal.JournalRecord.ClOrdIdUsed;
import io.fixbridge.gateway.journal.JournalRecord.OrderAccepted;
import io.fixbridge.gateway.journal.JournalRecord.OrderState;
import io.fixbridge.gateway.journal.JournalRecord.StateChanged;
import io.fixbridge.gateway.order.ExecKind;
import io.fixbridge.gateway.order.Execution;
import io.fixbridge.gateway.order.OrdStatus;
import io.fixbridge.gateway.order.OrderView;
import io.fixbridge.gateway.order.PendingChange;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TriggerDirection;

/** Journal records in every shape the engine produces, with awkward decimals. */
final class Fixtures {
    static final String SESSION = "FIX.4.4:FIXBRIDGE->OMS1";
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00.123456789Z");

    private Fixtures() {
    }

    static OrderRequest limit(String clientOrderId) {
        return OrderRequest.builder().account("main").clientOrderId(clientOrderId).symbol("BTC/USDT:USDT")
                .side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC)
                .quantity(new BigDecimal("0.00100000")).price(new BigDecimal("64250.10"))
                .postOnly(true).build();
    }

    /** Every optional field set, and decimals whose scale must survive (1E+3, trailing zeros, 1E-8). */
    static OrderRequest everything() {
        return OrderRequest.builder().account("sub-2").clientOrderId("0123456789abcdef0123456789abcdef")
                .symbol("ETH/USDT").side(Side.SELL).type(OrderType.STOP_LIMIT).timeInForce(TimeInForce.GTD)
                .quantity(new BigDecimal("1E+3")).price(new BigDecimal("3100.500")).stopPrice(new BigDecimal("0.00000001"))
                .triggerDirection(TriggerDirection.FALLS_BELOW).reduceOnly(true)
                .displayQuantity(new BigDecimal("12.3400")).expireTime(Instant.parse("2026-12-31T23:59:59Z")).build();
    }

    static OrderRequest cashMarket() {
        return OrderRequest.builder().account("main").clientOrderId("c0ffee").symbol("BTC/USDT").side(Side.BUY)
                .type(OrderType.MARKET).timeInForce(TimeInForce.IOC).cashQuantity(new BigDecimal("250.00")).build();
    }

    static OrderAccepted accepted(String orderId, String clOrdId) {
        return new OrderAccepted(orderId, SESSION, clOrdId, "bybit", limit("cid-" + clOrdId), T0);
    }

    static ClOrdIdUsed used(String orderId, String clOrdId) {
        return new ClOrdIdUsed(SESSION, clOrdId, orderId, T0.plusSeconds(1));
    }

    static OrderState state(OrderRequest terms, OrdStatus lifecycle, BigDecimal cumQty) {
        return new OrderState(lifecycle, "C1", null, terms, "v-77", cumQty, null, null, null);
    }

    static StateChanged fill(String orderId, String tradeId) {
        OrderRequest terms = limit("cid-" + orderId);
        OrderView view = new OrderView(OrdStatus.PARTIALLY_FILLED, "C1", null, terms, "v-77",
                new BigDecimal("0.00040000"), new BigDecimal("0.00060000"), new BigDecimal("64250.1"));
        Execution e = new Execution(ExecKind.TRADE, orderId + "-T" + tradeId, view,
                new Execution.FillDetail(tradeId, new BigDecimal("0.00040000"), new BigDecimal("64250.10"),
                        new BigDecimal("-0.0000000120"), "USDT", Liquidity.MAKER),
                null, null, null, null);
        return new StateChanged(orderId, e, state(terms, OrdStatus.PARTIALLY_FILLED, new BigDecimal("0.00040000")),
                T0.plusMillis(5));
    }

    /** Every kind of StateChanged: plain reports, a fill without liquidity, a reject, a pending replace, a cancel reject. */
    static List<JournalRecord> everyKind() {
        OrderRequest all = everything();
        OrderRequest replacement = all.toBuilder().clientOrderId("feedfacefeedfacefeedfacefeedface")
                .quantity(new BigDecimal("900.0")).price(new BigDecimal("3099.99")).build();
        PendingChange pendingReplace = new PendingChange(PendingChange.Kind.REPLACE, "C2", replacement);
        PendingChange doubtfulCancel = new PendingChange(PendingChange.Kind.CANCEL, "C0", null);
        OrderView pendingView = new OrderView(OrdStatus.PENDING_REPLACE, "C2", "C1", all, null,
                BigDecimal.ZERO, new BigDecimal("1E+3"), BigDecimal.ZERO);
        OrderView replacedView = new OrderView(OrdStatus.NEW, "C2", "C1", replacement, "v-9",
                BigDecimal.ZERO, new BigDecimal("900.0"), BigDecimal.ZERO);
        OrderView rejectedView = new OrderView(OrdStatus.REJECTED, "Q1", null, cashMarket(), null,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        OrderView cashFill = new OrderView(OrdStatus.FILLED, "Q1", null, cashMarket(), "v-1",
                new BigDecimal("0.0039"), BigDecimal.ZERO, new BigDecimal("64102.564102564102564"));
        return List.of(
                new OrderAccepted("O-1", SESSION, "C1", "binance", all, T0),
                new OrderAccepted("O-2", SESSION, "Q1", "hyperliquid", cashMarket(), T0),
                new ClOrdIdUsed(SESSION, "C2", "O-1", T0.plusMillis(1)),
                new ClOrdIdUsed("FIX.4.4:FIXBRIDGE->OMS2", "X9", null, T0.plusMillis(2)),
                new StateChanged("O-1", new Execution(ExecKind.PENDING_REPLACE, "O-1-2", pendingView, null, null, null, null,
                        null), new OrderState(OrdStatus.NEW, "C1", null, all, null, BigDecimal.ZERO, pendingReplace,
                        doubtfulCancel, "canceled on disconnect: the FIX session logged out"), T0.plusMillis(3)),
                new StateChanged("O-1", new Execution(ExecKind.REPLACED, "O-1-3", replacedView, null, null, null, null, null),
                        new OrderState(OrdStatus.NEW, "C2", "C1", replacement, "v-9", BigDecimal.ZERO, null, null, null),
                        T0.plusMillis(4)),
                new StateChanged("O-1", new Execution(null, null, replacedView, null, RejectReason.TOO_LATE, "-2011",
                        "Unknown order sent.", new Execution.CancelReject("C3", PendingChange.Kind.CANCEL)),
                        new OrderState(OrdStatus.NEW, "C2", "C1", replacement, "v-9", BigDecimal.ZERO, null, null, null),
                        T0.plusMillis(5)),
                new StateChanged("O-2", new Execution(ExecKind.REJECTED, "O-2-1", rejectedView, null,
                        RejectReason.INSUFFICIENT_FUNDS, "170131", "Insufficient balance: \"quoted\" \u00e9\u2713\nline",
                        null), state(cashMarket(), OrdStatus.REJECTED, BigDecimal.ZERO), T0.plusMillis(6)),
                new StateChanged("O-2", new Execution(ExecKind.TRADE, "O-2-Tt1", cashFill,
                        new Execution.FillDetail("t1", new BigDecimal("0.0039"), new BigDecimal("64102.564102564102564"),
                                null, null, null), null, null, null, null),
                        state(cashMarket(), OrdStatus.FILLED, new BigDecimal("0.0039")), T0.plusMillis(7)),
                fill("O-1", "888"));
    }
}
