package io.fixbridge.venue.bybit;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.fixbridge.bench.micro.BenchFixtures;
import io.fixbridge.bench.micro.MicroBenchmarks;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.kit.http.HttpRequest;
import io.fixbridge.venue.kit.sign.ApiCredentials;
import io.fixbridge.venue.kit.sign.HmacSha256;

/**
 * A Bybit linear-perpetual limit order on its way out, in the adapter's steps (this class sits in the
 * adapter's package to call {@link BybitSigning#signed}, which the adapter's REST client uses):
 * <ol>
 *   <li>{@code createBody}: {@link BybitTranslator#createBody}, the order's parameters;</li>
 *   <li>{@code createBodyJson}: and the JSON text that is signed and sent ({@link BybitJson#write});</li>
 *   <li>{@code signedOrderRequest}: and the {@link HttpRequest} with its four authentication headers,
 *       the HMAC-SHA256 of timestamp + key + recvWindow + body among them.</li>
 * </ol>
 * Not measured: the rate limiter and the HTTP send.
 *
 * <p>Single-threaded; the key is generated once per trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class BybitOrderPathBenchmark {
    private static final long RECV_WINDOW = 5_000;

    private OrderRequest order;
    private BybitInstrument instrument;
    private ApiCredentials credentials;
    private final Clock clock = Clock.systemUTC();

    @Setup
    public void setUp() {
        order = BenchFixtures.limitBuy("BTC/USDT:USDT");
        instrument = BenchFixtures.bybitLinear();
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        credentials = new ApiCredentials(HexFormat.of().formatHex(secret, 0, 9).toUpperCase(java.util.Locale.ROOT),
                HmacSha256.of(HexFormat.of().formatHex(secret)));
    }

    /** The order's create-order parameters. */
    @Benchmark
    public Map<String, Object> createBody() {
        return BybitTranslator.createBody(order, instrument, false);
    }

    /** {@link #createBody} as JSON text. */
    @Benchmark
    public String createBodyJson() {
        return BybitJson.write(BybitTranslator.createBody(order, instrument, false));
    }

    /** Translate, encode, sign, build the HTTP request. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public HttpRequest signedOrderRequest() {
        String body = BybitJson.write(BybitTranslator.createBody(order, instrument, false));
        HttpRequest.Builder b = HttpRequest.post(BybitEndpoint.ORDER_CREATE.path()).jsonBody(body);
        BybitSigning.signed(b, credentials, clock.millis(), RECV_WINDOW, body);
        return b.endpoint(BybitEndpoint.ORDER_CREATE.toString()).build();
    }
}
