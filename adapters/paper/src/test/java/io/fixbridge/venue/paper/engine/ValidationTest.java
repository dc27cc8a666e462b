package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.fixbridge.venue.paper.engine.EngineHarness.HALTED;
import static io.fixbridge.venue.paper.engine.EngineHarness.SPOT;
import static io.fixbridge.venue.paper.engine.EngineHarness.d;
import static org.assertj.core.api.Assertions.assertThat;

class ValidationTest {
    private final EngineHarness h = new EngineHarness();

    /** One invalid variation of a valid order (alice buys 1 BTC/USDT at 100) and what it must be refused with. */
    record Case(String name, UnaryOperator<OrderRequest.Builder> change, RejectReason reason, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> invalidOrders() {
        return Stream.of(
                new Case("unknown symbol", b -> b.symbol("DOGE/USDT"), RejectReason.UNKNOWN_SYMBOL, "unknown symbol 'DOGE/USDT'"),
                new Case("halted instrument", b -> b.symbol(HALTED), RejectReason.VENUE_CLOSED, "ETH/USDT is HALTED"),
                new Case("quantity off the lot", b -> b.quantity(d("1.05")), RejectReason.INCORRECT_QUANTITY,
                        "not a multiple of the lot size 0.1"),
                new Case("quantity below the minimum", b -> b.quantity(d("0.1")), RejectReason.INCORRECT_QUANTITY,
                        "below the minimum 0.2"),
                new Case("quantity above the maximum", b -> b.quantity(d("1000.1")), RejectReason.INCORRECT_QUANTITY,
                        "above the maximum 1000"),
                new Case("zero quantity", b -> b.quantity(BigDecimal.ZERO), RejectReason.INCORRECT_QUANTITY,
                        "greater than zero"),
                new Case("display above quantity", b -> b.displayQuantity(d("2")), RejectReason.INCORRECT_QUANTITY,
                        "display quantity 2 exceeds"),
                new Case("price off the tick", b -> b.price(d("100.5")), RejectReason.INVALID_PRICE_INCREMENT,
                        "not a multiple of the tick size 1"),
                new Case("stop price off the tick", b -> b.type(OrderType.STOP_LIMIT).stopPrice(d("90.5")),
                        RejectReason.INVALID_PRICE_INCREMENT, "stop price 90.5"),
                new Case("negative price", b -> b.price(d("-1")), RejectReason.OTHER, "greater than zero"),
                new Case("limit without price", b -> b.price(null), RejectReason.OTHER, "needs a limit price"),
                new Case("stop without stop price", b -> b.type(OrderType.STOP), RejectReason.OTHER,
                        "needs a stop (trigger) price"),
                new Case("notional below minimum", b -> b.quantity(d("0.2")).price(d("10")),
                        RejectReason.BELOW_MIN_NOTIONAL, "notional 2 USDT"),
                new Case("GTD", b -> b.timeInForce(TimeInForce.GTD).expireTime(Instant.parse("2030-01-01T00:00:00Z")),
                        RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "time in force GTD"),
                new Case("cash quantity", b -> b.type(OrderType.MARKET).price(null).quantity(null).cashQuantity(d("100")),
                        RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "CashOrderQty"),
                new Case("post-only IOC", b -> b.postOnly(true).timeInForce(TimeInForce.IOC),
                        RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "post-only needs a GTC limit"),
                new Case("iceberg market", b -> b.type(OrderType.MARKET).displayQuantity(d("0.5")),
                        RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "iceberg"),
                new Case("unknown account", b -> b.account("mallory"), RejectReason.UNKNOWN_ACCOUNT, "unknown account 'mallory'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void invalidOrderIsRefusedWithItsReasonAndNothingChanges(Case c) {
        OrderRequest.Builder order = c.change().apply(h.limit("alice", SPOT, Side.BUY, "1", "100"));

        EngineResult.Refused refused = h.refuse(order);

        assertThat(refused.reason()).isEqualTo(c.reason());
        assertThat(refused.text()).contains(c.text());
        assertThat(h.events.all()).isEmpty();
        assertThat(h.events.rejects()).hasSize(1);
        assertThat(h.engine.openOrders("alice")).isEmpty();
        assertThat(h.balance("alice", "USDT").available()).isEqualByComparingTo("100000");
    }

    @Test
    void duplicateClientOrderIdIsRefusedEvenAfterTheFirstOrderIsDone() {
        OrderView first = h.accept(h.limit("alice", SPOT, Side.BUY, "1", "100").clientOrderId("dup"));
        h.engine.cancel("alice", SPOT, "dup", null);

        EngineResult.Refused refused = h.refuse(h.limit("alice", SPOT, Side.BUY, "1", "100").clientOrderId("dup"));

        assertThat(refused.reason()).isEqualTo(RejectReason.DUPLICATE_ORDER);
        assertThat(refused.text()).contains("dup", "order " + first.venueOrderId());
    }

    @Test
    void anotherAccountMayUseTheSameClientOrderId() {
        h.accept(h.limit("alice", SPOT, Side.BUY, "1", "100").clientOrderId("same"));

        OrderView bobs = h.accept(h.limit("bob", SPOT, Side.BUY, "1", "100").clientOrderId("same"));

        assertThat(bobs.account()).isEqualTo("bob");
        assertThat(h.engine.order("alice", "same")).map(OrderView::account).contains("alice");
    }

    @Test
    void marketOrderNotionalUsesTheReferencePrice() {
        h.accept(h.limit("alice", SPOT, Side.SELL, "1", "10"));
        h.accept(h.limit("bob", SPOT, Side.BUY, "1", "10"));

        EngineResult.Refused refused = h.refuse(h.market("carol", SPOT, Side.BUY, "0.2"));

        assertThat(refused.reason()).isEqualTo(RejectReason.BELOW_MIN_NOTIONAL);
    }
}
