package io.fixbridge.venue.binance;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
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
import io.fixbridge.venue.kit.http.HttpMethod;
import io.fixbridge.venue.kit.http.HttpRequest;
import io.fixbridge.venue.kit.http.QueryString;
import io.fixbridge.venue.kit.sign.ApiCredentials;
import io.fixbridge.venue.kit.sign.Ed25519Signer;
import io.fixbridge.venue.kit.sign.HmacSha256;

/**
 * A Binance spot limit order on its way out, in the adapter's steps (this class sits in the adapter's
 * package to call its package-private signing helpers of {@link BinanceRest}):
 * <ol>
 *   <li>{@code placement}: {@link BinanceTranslator#placement}, the endpoint and parameters;</li>
 *   <li>{@code placementQuery}: and the parameters as the query string the adapter sends;</li>
 *   <li>{@code signedOrderRequestHmac}: and recvWindow, timestamp and the HMAC-SHA256 signature appended
 *       ({@link BinanceRest#withTimestamp}, {@link BinanceRest#signed}), built into the
 *       {@link HttpRequest} (form body and API-key header) as {@code BinanceRest} builds it: the whole
 *       "build a signed Binance order request";</li>
 *   <li>{@code signedOrderRequestEd25519}: the same with an Ed25519 API key.</li>
 * </ol>
 * Not measured: the rate limiter ({@code RateLimiterBenchmark}) and the HTTP send.
 *
 * <p>Single-threaded; keys are generated once per trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class BinanceOrderPathBenchmark {
    private static final long RECV_WINDOW = 5_000;

    private OrderRequest order;
    private BinanceInstrument instrument;
    private ApiCredentials hmac;
    private ApiCredentials ed25519;
    private final Clock clock = Clock.systemUTC();

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        order = BenchFixtures.limitBuy("BTC/USDT");
        instrument = BenchFixtures.binanceSpot();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String apiKey = HexFormat.of().formatHex(secret) + HexFormat.of().formatHex(secret);
        hmac = new ApiCredentials(apiKey, HmacSha256.of(HexFormat.of().formatHex(secret)));
        ed25519 = new ApiCredentials(apiKey, Ed25519Signer.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
                .getPrivate()));
    }

    /** The endpoint and parameters of the order. */
    @Benchmark
    public BinanceTranslator.Placement placement() {
        return BinanceTranslator.placement(order, instrument, false);
    }

    /** {@link #placement} and its parameters encoded as sent (without timestamp and signature). */
    @Benchmark
    public String placementQuery() {
        return query(BinanceTranslator.placement(order, instrument, false).params()).encoded();
    }

    /** Translate, encode, timestamp, sign with HMAC-SHA256, build the HTTP request. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public HttpRequest signedOrderRequestHmac() {
        return signedRequest(hmac);
    }

    /** {@link #signedOrderRequestHmac} with an Ed25519 key. */
    @Benchmark
    public HttpRequest signedOrderRequestEd25519() {
        return signedRequest(ed25519);
    }

    private HttpRequest signedRequest(ApiCredentials credentials) {
        BinanceTranslator.Placement p = BinanceTranslator.placement(order, instrument, false);
        QueryString q = BinanceRest.signed(BinanceRest.withTimestamp(query(p.params()), RECV_WINDOW, clock.millis()),
                credentials);
        BinanceEndpoint endpoint = p.endpoint();
        return HttpRequest.builder(HttpMethod.valueOf(endpoint.method()), endpoint.path())
                .formBody(q)
                .header("X-MBX-APIKEY", credentials.apiKey())
                .endpoint(endpoint.method() + " " + endpoint.path())
                .build();
    }

    /** The parameters in order as a query, as the adapter hands them to its REST client. */
    private static QueryString query(Map<String, String> params) {
        QueryString.Builder b = QueryString.builder();
        params.forEach(b::add);
        return b.build();
    }
}
