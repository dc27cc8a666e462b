package io.fixbridge.bench.micro;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

import io.fixbridge.gateway.order.ExecKind;
import io.fixbridge.gateway.order.Execution;
import io.fixbridge.gateway.order.GatewayOrder;
import io.fixbridge.gateway.order.OrderStateMachine;
import io.fixbridge.gateway.translate.ExecutionReports;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderEvent;
import quickfix.Message;

/**
 * ExecutionReports on their way out: {@link ExecutionReports#toFix} building the QuickFIX/J message of
 * an {@link Execution} (a PendingNew, the first report of every order, and a partial fill, the richest),
 * and the fill turned into wire text as the session sends it (standard header set, body length and
 * checksum computed by {@code Message.toString()}).
 *
 * <p>Single-threaded; the executions are produced once by the state machine from a real order.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class ExecutionReportBenchmark {
    private static final String ORDER_ID = "MB3K2-42";

    private Execution pendingNew;
    private Execution fill;
    private int sequence = 1;

    @Setup
    public void setUp() {
        GatewayOrder order = new GatewayOrder(ORDER_ID, BenchFixtures.SESSION, "binance", BenchFixtures.CL_ORD_ID,
                BenchFixtures.limitBuy("BTC/USDT"));
        pendingNew = OrderStateMachine.pendingNew(order);
        String id = order.terms().clientOrderId();
        OrderStateMachine.apply(order, new OrderEvent.Accepted(BenchFixtures.ACCOUNT, id, "28457120", BenchFixtures.AT));
        List<Execution> out = OrderStateMachine.apply(order, new OrderEvent.Fill(BenchFixtures.ACCOUNT, id, "28457120",
                "3912284", new BigDecimal("0.00400000"), new BigDecimal("64250.10000000"), new BigDecimal("0.00000400"),
                "BTC", Liquidity.MAKER, BenchFixtures.AT.plusMillis(80), false));
        fill = out.stream().filter(e -> e.kind() == ExecKind.TRADE).findFirst()
                .orElseThrow(() -> new IllegalStateException("the fill produced no TRADE report: " + out));
    }

    /** The PendingNew report (35=8 150=A). */
    @Benchmark
    public Message pendingNew() {
        return ExecutionReports.toFix(pendingNew, ORDER_ID, "binance");
    }

    /** A partial fill report (35=8 150=F) with LastQty, LastPx, commission, liquidity and trade id. */
    @Benchmark
    public Message fill() {
        return ExecutionReports.toFix(fill, ORDER_ID, "binance");
    }

    /** {@link #fill} with the session's header, rendered to the FIX text that is written to the socket. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public String fillToWire() {
        Message m = ExecutionReports.toFix(fill, ORDER_ID, "binance");
        Message.Header h = m.getHeader();
        h.setString(8, "FIX.4.4");
        h.setString(49, "FIXBRIDGE");
        h.setString(56, "OMS1");
        h.setInt(34, ++sequence);
        h.setUtcTimeStamp(52, LocalDateTime.now(ZoneOffset.UTC), true);
        return m.toString();
    }
}
