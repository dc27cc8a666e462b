package io.fixbridge.bench.micro;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.binance.BinanceTranslator;
import io.fixbridge.venue.binance.StreamFrames;
import io.fixbridge.venue.bybit.BybitJson;
import io.fixbridge.venue.bybit.BybitTranslator;
import io.fixbridge.venue.bybit.dto.BybitOrder;
import io.fixbridge.venue.hyperliquid.Cloids;
import io.fixbridge.venue.hyperliquid.HyperliquidMarket;
import io.fixbridge.venue.hyperliquid.HyperliquidTranslator;
import io.fixbridge.venue.hyperliquid.dto.OrderUpdate;
import io.fixbridge.venue.hyperliquid.sign.HyperliquidSigner;
import io.fixbridge.venue.kit.http.QueryString;
import io.fixbridge.venue.kit.json.VenueJson;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;
import io.fixbridge.venue.kit.sign.eth.SigningKeySource;

/**
 * Venue JSON with the venue-kit Jackson setup ({@link VenueJson}, which every venue's Json class uses):
 * <ul>
 *   <li>encoding one order request's body: Bybit's create-order JSON ({@link BybitJson#write}),
 *       Hyperliquid's signed {@code /exchange} body, and for comparison Binance's form body, which is
 *       not JSON but the percent-encoded parameter string;</li>
 *   <li>decoding one order-update frame of each venue's user stream into the adapter's DTO the way
 *       its stream reader does (tree, then records): a Binance spot {@code executionReport} (a partial
 *       fill), a Bybit {@code order} topic message, a Hyperliquid {@code orderUpdates} message; and each
 *       decoded and translated to the venue-neutral {@link OrderEvent}s.</li>
 * </ul>
 * Hyperliquid's Json class is internal to its adapter; it is {@code VenueJson.mapper()} with the same
 * calls, which this benchmark makes directly.
 *
 * <p>Single-threaded; every input is built once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class VenueJsonBenchmark {
    private static final ObjectMapper JSON = VenueJson.mapper();

    private Map<String, Object> bybitBody;
    private ObjectNode hyperliquidBody;
    private QueryString binanceForm;

    @Setup
    public void setUp() {
        bybitBody = BybitTranslator.createBody(BenchFixtures.limitBuy("BTC/USDT:USDT"), BenchFixtures.bybitLinear(), false);
        HyperliquidMarket btc = BenchFixtures.hyperliquidBtc();
        OrderRequest order = BenchFixtures.limitBuy(btc.symbol(), new BigDecimal("64250"));
        ObjectNode action = HyperliquidTranslator.orderAction(List.of(HyperliquidTranslator.orderWire(order, btc,
                order.quantity(), order.price(), Cloids.of(order.clientOrderId()))));
        hyperliquidBody = new HyperliquidSigner(SigningKeySource.fixed(EthSigningKey.generate()), true)
                .signL1(action, 1_774_085_400_123L, null, null).toRequestBody(JSON);
        QueryString.Builder q = QueryString.builder();
        BinanceTranslator.placement(BenchFixtures.limitBuy("BTC/USDT"), BenchFixtures.binanceSpot(), false).params()
                .forEach(q::add);
        binanceForm = q.build().with("recvWindow", 5000).with("timestamp", 1_774_085_400_123L)
                .with("signature", "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
        // the frames must decode to what the benchmarks claim
        if (binanceToEvents().size() != 1 || bybitToEvents().size() != 1 || hyperliquidToEvents().size() != 1) {
            throw new IllegalStateException("a frame does not translate to one order event");
        }
    }

    /** Bybit's create-order body to JSON text. */
    @Benchmark
    public String encodeBybitOrderBody() {
        return BybitJson.write(bybitBody);
    }

    /** Hyperliquid's signed order body ({@code action}, {@code nonce}, {@code signature}, {@code vaultAddress}) to JSON text. */
    @Benchmark
    public String encodeHyperliquidOrderBody() throws JsonProcessingException {
        return JSON.writeValueAsString(hyperliquidBody);
    }

    /** Binance's signed form body (percent-encoded parameters). */
    @Benchmark
    public String encodeBinanceFormBody() {
        return binanceForm.encoded();
    }

    /** A Binance spot user-data frame sorted and its executionReport bound ({@link StreamFrames#spot}). */
    @Benchmark
    public StreamFrames.SpotFrame decodeBinanceExecutionReport() {
        return StreamFrames.spot(BenchFixtures.BINANCE_EXECUTION_REPORT);
    }

    /** {@link #decodeBinanceExecutionReport} and its order events (a Fill). */
    @Benchmark
    public List<OrderEvent> binanceExecutionReportToEvents() {
        return binanceToEvents();
    }

    private List<OrderEvent> binanceToEvents() {
        StreamFrames.SpotFrame frame = StreamFrames.spot(BenchFixtures.BINANCE_EXECUTION_REPORT);
        if (!(frame instanceof StreamFrames.Execution x)) {
            throw new IllegalStateException("not an executionReport: " + frame);
        }
        return BinanceTranslator.events(BenchFixtures.ACCOUNT, x.report());
    }

    /** A Bybit private-stream message parsed and its {@code data} bound to {@link BybitOrder}s. */
    @Benchmark
    public List<BybitOrder> decodeBybitOrderTopic() {
        return BybitJson.data(BybitJson.tree(BenchFixtures.BYBIT_ORDER_TOPIC), BybitOrder.class);
    }

    /** {@link #decodeBybitOrderTopic} and its order events. */
    @Benchmark
    public List<OrderEvent> bybitOrderTopicToEvents() {
        return bybitToEvents();
    }

    private List<OrderEvent> bybitToEvents() {
        List<OrderEvent> out = new ArrayList<>(1);
        for (BybitOrder o : BybitJson.data(BybitJson.tree(BenchFixtures.BYBIT_ORDER_TOPIC), BybitOrder.class)) {
            out.addAll(BybitTranslator.orderEvents(BenchFixtures.ACCOUNT, o, BenchFixtures.AT));
        }
        return out;
    }

    /** A Hyperliquid {@code orderUpdates} message parsed and its entries bound to {@link OrderUpdate}s. */
    @Benchmark
    public List<OrderUpdate> decodeHyperliquidOrderUpdates() throws JsonProcessingException {
        return hyperliquidUpdates();
    }

    /** {@link #decodeHyperliquidOrderUpdates} and their order events. */
    @Benchmark
    public List<OrderEvent> hyperliquidOrderUpdatesToEvents() {
        return hyperliquidToEvents();
    }

    private List<OrderUpdate> hyperliquidUpdates() throws JsonProcessingException {
        JsonNode node = JSON.readTree(BenchFixtures.HYPERLIQUID_ORDER_UPDATES);
        List<OrderUpdate> out = new ArrayList<>();
        for (JsonNode n : node.path("data")) {
            out.add(JSON.treeToValue(n, OrderUpdate.class));
        }
        return out;
    }

    private List<OrderEvent> hyperliquidToEvents() {
        List<OrderUpdate> updates;
        try {
            updates = hyperliquidUpdates();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the Hyperliquid frame does not parse", e);
        }
        List<OrderEvent> out = new ArrayList<>(updates.size());
        for (OrderUpdate u : updates) {
            Optional<OrderEvent> e = HyperliquidTranslator.orderEvent(BenchFixtures.ACCOUNT,
                    Cloids.directId(u.order().cloid()), u, false);
            e.ifPresent(out::add);
        }
        return out;
    }
}
