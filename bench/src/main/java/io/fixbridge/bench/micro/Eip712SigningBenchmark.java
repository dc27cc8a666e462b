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

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.hyperliquid.HyperliquidMarket;
import io.fixbridge.venue.hyperliquid.HyperliquidTranslator;
import io.fixbridge.venue.hyperliquid.sign.ActionPacker;
import io.fixbridge.venue.hyperliquid.sign.HyperliquidSigner;
import io.fixbridge.venue.hyperliquid.sign.L1Signing;
import io.fixbridge.venue.hyperliquid.sign.SignedAction;
import io.fixbridge.venue.kit.sign.eth.EcdsaSignature;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;
import io.fixbridge.venue.kit.sign.eth.SigningKeySource;

/**
 * Hyperliquid's L1 action signing of one order action ({@code {"type":"order","orders":[one limit
 * order with cloid],"grouping":"na"}}), step by step and whole:
 * <ol>
 *   <li>{@code packAction}: msgpack of the action (key order kept);</li>
 *   <li>{@code connectionId}: keccak256 of msgpack + nonce + vault flag;</li>
 *   <li>{@code agentDigest}: the EIP-712 digest of the phantom agent {source, connectionId} under the
 *       Exchange domain;</li>
 *   <li>{@code ecdsaSign}: secp256k1 ECDSA (RFC 6979, recovery id) of that digest with the key;</li>
 *   <li>{@code signL1}: {@link HyperliquidSigner#signL1}, all of it plus the action's defensive copy.</li>
 * </ol>
 *
 * <p>Single-threaded; a random key per trial (signing time does not depend on the key).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class Eip712SigningBenchmark {
    private static final long NONCE = 1_774_085_400_123L;

    private ObjectNode action;
    private byte[] connectionId;
    private byte[] digest;
    private EthSigningKey key;
    private HyperliquidSigner signer;

    @Setup
    public void setUp() {
        HyperliquidMarket btc = BenchFixtures.hyperliquidBtc();
        OrderRequest order = BenchFixtures.limitBuy(btc.symbol(), new BigDecimal("64250"));
        action = HyperliquidTranslator.orderAction(List.of(HyperliquidTranslator.orderWire(order, btc, order.quantity(),
                order.price(), "0x" + order.clientOrderId())));
        key = EthSigningKey.generate();
        signer = new HyperliquidSigner(SigningKeySource.fixed(key), true);
        connectionId = L1Signing.connectionId(action, NONCE, null, null);
        digest = L1Signing.agentDigest(connectionId, true);
    }

    /** msgpack of the order action. */
    @Benchmark
    public byte[] packAction() {
        return ActionPacker.pack(action);
    }

    /** keccak256(msgpack(action) || nonce || 0x00). */
    @Benchmark
    public byte[] connectionId() {
        return L1Signing.connectionId(action, NONCE, null, null);
    }

    /** The EIP-712 digest of the phantom agent. */
    @Benchmark
    public byte[] agentDigest() {
        return L1Signing.agentDigest(connectionId, true);
    }

    /** secp256k1 ECDSA of the digest (web3j, recovery id found by public-key recovery). */
    @Benchmark
    public EcdsaSignature ecdsaSign() {
        return key.signDigest(digest);
    }

    /** The whole L1 signing of the order action. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public SignedAction signL1() {
        return signer.signL1(action, NONCE, null, null);
    }
}
