package io.fixbridge.venue.hyperliquid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fixbridge.bench.micro.BenchFixtures;
import io.fixbridge.bench.micro.MicroBenchmarks;
import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.VenueSettings;

/**
 * A Hyperliquid perpetual limit order on its way out, in the adapter's steps (this class sits in the
 * adapter's package to use its {@link AccountSigning}):
 * <ol>
 *   <li>{@code orderAction}: the cloid, the limit price and {@link HyperliquidTranslator#orderWire} /
 *       {@link HyperliquidTranslator#orderAction}, the action as the adapter builds it;</li>
 *   <li>{@code signedOrderBody}: and {@link AccountSigning#body}: the account's next nonce (persistent
 *       nonce source, a high-water file in a temporary directory written once per 10,000 nonces), the L1
 *       EIP-712 signature with an inline key, and the {@code /exchange} JSON body: the whole
 *       "build a signed Hyperliquid order request".</li>
 * </ol>
 * Not measured: the rate limiter and the HTTP send. The parts of the signing are
 * {@code Eip712SigningBenchmark}.
 *
 * <p>Single-threaded; a random key per trial; the nonce directory is deleted at tear-down.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class HyperliquidOrderPathBenchmark {
    private OrderRequest order;
    private HyperliquidMarket market;
    private BigDecimal slippage;
    private Path nonceDirectory;
    private AccountSigning signing;

    @Setup
    public void setUp() throws IOException {
        market = BenchFixtures.hyperliquidBtc();
        order = BenchFixtures.limitBuy(market.symbol(), new BigDecimal("64250"));
        nonceDirectory = Files.createTempDirectory("fixbridge-bench-nonces");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        key[0] &= 0x7f; // below the secp256k1 group order
        VenueSettings settings = new VenueSettings("hl", "hyperliquid",
                new ConfigView("venues[hl]", Map.of("nonceDirectory", nonceDirectory.toString())),
                List.of(new VenueSettings.Account(BenchFixtures.ACCOUNT, new ConfigView("venues[hl].accounts[main]",
                        Map.of("privateKey", "0x" + HexFormat.of().formatHex(key))))));
        HyperliquidConfig config = HyperliquidConfig.from(settings);
        slippage = config.marketSlippage();
        signing = AccountSigning.of("hl", config, config.accounts().get(0), new NonceSources(Clock.systemUTC()));
    }

    @TearDown
    public void tearDown() throws IOException {
        try {
            signing.close();
        } finally {
            try (Stream<Path> paths = Files.walk(nonceDirectory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot delete " + p, e);
                    }
                });
            }
        }
    }

    /** The order action, as the adapter builds it before signing. */
    @Benchmark
    public ObjectNode orderAction() {
        return action();
    }

    /** The order action signed into the {@code /exchange} request body. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public String signedOrderBody() {
        return signing.body(action());
    }

    private ObjectNode action() {
        String cloid = Cloids.of(order.clientOrderId());
        BigDecimal limit = HyperliquidTranslator.limitPrice(order, market, null, slippage);
        return HyperliquidTranslator.orderAction(List.of(HyperliquidTranslator.orderWire(order, market,
                order.quantity(), limit, cloid)));
    }
}
