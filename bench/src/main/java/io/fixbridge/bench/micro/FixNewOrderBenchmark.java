package io.fixbridge.bench.micro;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.fixbridge.gateway.order.OrderEngine;
import io.fixbridge.gateway.translate.FixInbound;
import io.fixbridge.gateway.translate.Inbound;
import io.fixbridge.gateway.translate.Inbound.Parsed;
import io.fixbridge.venue.OrderRequest;
import quickfix.ConfigError;
import quickfix.DataDictionary;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.IncorrectDataFormat;
import quickfix.IncorrectTagValue;
import quickfix.InvalidMessage;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.MessageUtils;

/**
 * A NewOrderSingle on its way in: the raw FIX text parsed into a QuickFIX/J message with the gateway's
 * data dictionary ({@code FIXBRIDGE-FIX44.xml}, as the acceptor sessions use it), validated against it,
 * read by {@link FixInbound#newOrder} and turned into the venue-neutral {@link OrderRequest} with the
 * derived venue client order id, as the order engine does before routing.
 *
 * <p>The input is a limit buy as an OMS sends it: header, ClOrdID, Account, ExDestination, Symbol, Side,
 * TransactTime, OrderQty, OrdType, Price, TimeInForce (about 190 bytes).
 *
 * <p>Single-threaded (one state per benchmark thread); a setup failure fails the run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class FixNewOrderBenchmark {
    private DataDictionary dictionary;
    private MessageFactory factory;
    private String raw;
    private Message parsed;

    @Setup
    public void setUp() throws ConfigError, IOException, InvalidMessage {
        try (InputStream in = FixNewOrderBenchmark.class.getClassLoader().getResourceAsStream("FIXBRIDGE-FIX44.xml")) {
            if (in == null) {
                throw new IllegalStateException("FIXBRIDGE-FIX44.xml is not on the class path");
            }
            dictionary = new DataDictionary(in);
        }
        factory = new DefaultMessageFactory();
        Message m = new quickfix.fix44.NewOrderSingle();
        m.getHeader().setString(49, "OMS1");
        m.getHeader().setString(56, "FIXBRIDGE");
        m.getHeader().setInt(34, 1042);
        m.getHeader().setUtcTimeStamp(52, LocalDateTime.of(2026, 3, 21, 9, 30, 0, 123_000_000), true);
        m.setString(11, BenchFixtures.CL_ORD_ID);
        m.setString(1, BenchFixtures.ACCOUNT);
        m.setString(100, "binance");
        m.setString(55, "BTC/USDT");
        m.setChar(54, '1');
        m.setUtcTimeStamp(60, LocalDateTime.of(2026, 3, 21, 9, 30, 0, 120_000_000), true);
        m.setString(38, "0.015");
        m.setChar(40, '2');
        m.setString(44, "64250.10");
        m.setChar(59, '1');
        raw = m.toString();
        parsed = parse();
        // the inputs must be what the gateway accepts, or the numbers measure a reject
        validate(parsed);
        if (!(FixInbound.newOrder(parsed) instanceof Parsed.Ok<Inbound.NewOrder>)) {
            throw new IllegalStateException("the benchmark NewOrderSingle is refused: " + FixInbound.newOrder(parsed));
        }
    }

    private Message parse() throws InvalidMessage {
        return MessageUtils.parse(factory, dictionary, raw, true);
    }

    private Message validate(Message m) {
        try {
            dictionary.validate(m);
        } catch (IncorrectTagValue | FieldNotFound | IncorrectDataFormat e) {
            throw new IllegalStateException("the benchmark NewOrderSingle does not validate: " + e.getMessage(), e);
        }
        return m;
    }

    /** Raw FIX text to a QuickFIX/J NewOrderSingle with the data dictionary (fields typed, groups built). */
    @Benchmark
    public Message parseRaw() throws InvalidMessage {
        return parse();
    }

    /** {@link #parseRaw} plus the dictionary validation the session runs on every incoming message. */
    @Benchmark
    public Message parseAndValidate() throws InvalidMessage {
        return validate(parse());
    }

    /** The gateway's reading of a parsed NewOrderSingle: {@link FixInbound#newOrder}. */
    @Benchmark
    public Parsed<Inbound.NewOrder> readNewOrder() {
        return FixInbound.newOrder(parsed);
    }

    /** {@link #readNewOrder} and the {@link OrderRequest} with its derived client order id (SHA-256). */
    @Benchmark
    public OrderRequest toOrderRequest() {
        return orderRequest(FixInbound.newOrder(parsed));
    }

    /** The whole way in: raw text, parse, validate, read, OrderRequest. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public OrderRequest rawToOrderRequest() throws InvalidMessage {
        return orderRequest(FixInbound.newOrder(validate(parse())));
    }

    /** The OrderRequest the order engine builds from an accepted NewOrderSingle (OrderEngine's create step). */
    private static OrderRequest orderRequest(Parsed<Inbound.NewOrder> parsed) {
        if (!(parsed instanceof Parsed.Ok<Inbound.NewOrder> ok)) {
            throw new IllegalStateException("refused: " + parsed);
        }
        return OrderEngine.terms(BenchFixtures.SESSION, ok.value().account(), ok.value());
    }
}
