package io.fixbridge.bench.micro;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import io.fixbridge.gateway.order.GatewayOrder;
import io.fixbridge.gateway.order.OrdStatus;
import io.fixbridge.gateway.order.OrderStateMachine;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;

/**
 * {@link OrderStateMachine} applying venue events to a {@link GatewayOrder}, the work the order engine
 * does on its thread for every event. An order's state only moves forward, so each operation starts
 * from a new order (its construction, two small hash sets, is part of the number) and runs a whole
 * life:
 * <ul>
 *   <li>{@code accept}: PendingNew, then the venue's Accepted (New);</li>
 *   <li>{@code fill}: PendingNew, Accepted, a partial fill, the final fill (four reports);</li>
 *   <li>{@code cancel}: PendingNew, Accepted, PendingCancel, Canceled.</li>
 * </ul>
 * The per-event cost is roughly the difference between {@code fill} and {@code accept}, halved.
 *
 * <p>Single-threaded, as the engine is; the events are built once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class OrderStateMachineBenchmark {
    private static final String VENUE_ORDER_ID = "28457120";

    private OrderRequest terms;
    private OrderEvent.Accepted accepted;
    private OrderEvent.Fill partialFill;
    private OrderEvent.Fill finalFill;
    private OrderEvent.Canceled canceled;

    @Setup
    public void setUp() {
        terms = BenchFixtures.limitBuy("BTC/USDT");
        String id = terms.clientOrderId();
        accepted = new OrderEvent.Accepted(BenchFixtures.ACCOUNT, id, VENUE_ORDER_ID, BenchFixtures.AT);
        partialFill = new OrderEvent.Fill(BenchFixtures.ACCOUNT, id, VENUE_ORDER_ID, "3912284", new BigDecimal("0.00400000"),
                new BigDecimal("64250.10000000"), new BigDecimal("0.00000400"), "BTC", Liquidity.MAKER,
                BenchFixtures.AT.plusMillis(80), false);
        finalFill = new OrderEvent.Fill(BenchFixtures.ACCOUNT, id, VENUE_ORDER_ID, "3912291", new BigDecimal("0.01100000"),
                new BigDecimal("64250.10000000"), new BigDecimal("0.00001100"), "BTC", Liquidity.MAKER,
                BenchFixtures.AT.plusMillis(95), true);
        canceled = new OrderEvent.Canceled(BenchFixtures.ACCOUNT, id, VENUE_ORDER_ID, null, BenchFixtures.AT.plusMillis(120));
        // the lives measured must end where they should, or they measure something else
        GatewayOrder filled = newOrder();
        OrderStateMachine.pendingNew(filled);
        for (OrderEvent e : List.of(accepted, partialFill, finalFill)) {
            OrderStateMachine.apply(filled, e);
        }
        if (filled.lifecycle() != OrdStatus.FILLED) {
            throw new IllegalStateException("the fill life ends " + filled.lifecycle());
        }
    }

    private GatewayOrder newOrder() {
        return new GatewayOrder("MB3K2-42", BenchFixtures.SESSION, "binance", BenchFixtures.CL_ORD_ID, terms);
    }

    /** New order, PendingNew, Accepted. */
    @Benchmark
    public OrdStatus accept(Blackhole bh) {
        GatewayOrder o = newOrder();
        bh.consume(OrderStateMachine.pendingNew(o));
        bh.consume(OrderStateMachine.apply(o, accepted));
        return o.status();
    }

    /** New order, PendingNew, Accepted, partial fill, final fill. */
    @Benchmark
    public OrdStatus fill(Blackhole bh) {
        GatewayOrder o = newOrder();
        bh.consume(OrderStateMachine.pendingNew(o));
        bh.consume(OrderStateMachine.apply(o, accepted));
        bh.consume(OrderStateMachine.apply(o, partialFill));
        bh.consume(OrderStateMachine.apply(o, finalFill));
        return o.status();
    }

    /** New order, PendingNew, Accepted, PendingCancel, Canceled. */
    @Benchmark
    public OrdStatus cancel(Blackhole bh) {
        GatewayOrder o = newOrder();
        bh.consume(OrderStateMachine.pendingNew(o));
        bh.consume(OrderStateMachine.apply(o, accepted));
        bh.consume(OrderStateMachine.pendingCancel(o, "OMS1-20260321-000043"));
        bh.consume(OrderStateMachine.apply(o, canceled));
        return o.status();
    }
}
