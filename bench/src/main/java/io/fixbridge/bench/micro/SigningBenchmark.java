package io.fixbridge.bench.micro;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.fixbridge.venue.binance.BinanceTranslator;
import io.fixbridge.venue.bybit.BybitJson;
import io.fixbridge.venue.bybit.BybitSigning;
import io.fixbridge.venue.bybit.BybitTranslator;
import io.fixbridge.venue.kit.http.QueryString;
import io.fixbridge.venue.kit.sign.ApiCredentials;
import io.fixbridge.venue.kit.sign.Ed25519Signer;
import io.fixbridge.venue.kit.sign.HmacSha256;

/**
 * Request signing with the venue-kit signers over the real payload of one order request:
 * <ul>
 *   <li>{@code hmacSha256Hex} and {@code ed25519Base64}: Binance's signed parameter string of a spot
 *       limit order (the translator's parameters plus recvWindow and timestamp, about 200 bytes), with an
 *       HMAC key and an Ed25519 key;</li>
 *   <li>{@code bybitRestSignature}: {@link BybitSigning#restSignature} of a linear limit order's JSON
 *       body (timestamp + key + recvWindow + body, HMAC-SHA256 hex).</li>
 * </ul>
 * Hyperliquid's EIP-712 signing is {@link Eip712SigningBenchmark}.
 *
 * <p>Single-threaded; keys are generated once per trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class SigningBenchmark {
    private static final long TIMESTAMP = 1_774_085_400_123L;
    private static final long RECV_WINDOW = 5_000;

    private HmacSha256 hmac;
    private Ed25519Signer ed25519;
    private ApiCredentials bybit;
    private String binancePayload;
    private String bybitBody;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        hmac = HmacSha256.of(HexFormat.of().formatHex(secret));
        ed25519 = Ed25519Signer.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        bybit = new ApiCredentials("XXXXXXXXXXXXXXXXXX", HmacSha256.of(HexFormat.of().formatHex(secret).substring(0, 36)));

        QueryString.Builder q = QueryString.builder();
        BinanceTranslator.placement(BenchFixtures.limitBuy("BTC/USDT"), BenchFixtures.binanceSpot(), false).params()
                .forEach(q::add);
        binancePayload = q.build().with("recvWindow", RECV_WINDOW).with("timestamp", TIMESTAMP).encoded();
        bybitBody = BybitJson.write(BybitTranslator.createBody(BenchFixtures.limitBuy("BTC/USDT:USDT"),
                BenchFixtures.bybitLinear(), false));
    }

    /** HMAC-SHA256 hex of Binance's signed parameter string (HMAC API keys). */
    @Benchmark
    public String hmacSha256Hex() {
        return hmac.sign(binancePayload);
    }

    /** Ed25519 base64 of Binance's signed parameter string (Ed25519 API keys). */
    @Benchmark
    public String ed25519Base64() {
        return ed25519.sign(binancePayload);
    }

    /** Bybit v5 REST signature of an order's JSON body. */
    @Benchmark
    public String bybitRestSignature() {
        return BybitSigning.restSignature(bybit, TIMESTAMP, RECV_WINDOW, bybitBody);
    }
}
