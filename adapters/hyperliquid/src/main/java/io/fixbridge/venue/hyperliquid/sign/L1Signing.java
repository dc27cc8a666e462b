package io.fixbridge.venue.hyperliquid.sign;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.kit.sign.eth.Eip712;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.Keccak;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hyperliquid L1 action signing (orders, cancels, modifies, ...), exactly as the exchange verifies
 * it:
 * <pre>
 *   preimage     = msgpack(action) || nonce (8 bytes BE) || (0x00 | 0x01 || vault 20 bytes)
 *                  [|| 0x00 || expiresAfter (8 bytes BE)]
 *   connectionId = keccak256(preimage)
 *   digest       = EIP-712 Agent{source: "a" mainnet | "b" testnet, connectionId}
 *                  under domain {name "Exchange", version "1", chainId 1337, verifyingContract 0x0}
 * </pre>
 * Pure functions, thread-safe. Invalid input (a negative nonce, a float in the action) fails with
 * {@link IllegalArgumentException}.
 */
public final class L1Signing {
    /** The L1 signing domain: Exchange / 1 / 1337 / zero address. */
    public static final Eip712.Domain EXCHANGE_DOMAIN = new Eip712.Domain("Exchange", "1", 1337, EthAddress.ZERO);
    /** Agent(string source,bytes32 connectionId). */
    public static final List<Eip712.Field> AGENT_FIELDS =
            List.of(new Eip712.Field("source", "string"), new Eip712.Field("connectionId", "bytes32"));

    private L1Signing() {
    }

    /** The bytes hashed into the connectionId. */
    public static byte[] preimage(JsonNode action, long nonce, EthAddress vaultOrNull, Long expiresAfterOrNull) {
        Objects.requireNonNull(action, "action");
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce must not be negative: " + nonce);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(ActionPacker.pack(action));
        out.writeBytes(u64(nonce));
        if (vaultOrNull == null) {
            out.write(0);
        } else {
            out.write(1);
            out.writeBytes(vaultOrNull.bytes());
        }
        if (expiresAfterOrNull != null) {
            if (expiresAfterOrNull < 0) {
                throw new IllegalArgumentException("expiresAfter must not be negative: " + expiresAfterOrNull);
            }
            out.write(0);
            out.writeBytes(u64(expiresAfterOrNull));
        }
        return out.toByteArray();
    }

    /** keccak256 of {@link #preimage}: the phantom agent's connectionId (32 bytes). */
    public static byte[] connectionId(JsonNode action, long nonce, EthAddress vaultOrNull, Long expiresAfterOrNull) {
        return Keccak.keccak256(preimage(action, nonce, vaultOrNull, expiresAfterOrNull));
    }

    /** The EIP-712 digest of the phantom agent {source "a" (mainnet) | "b" (testnet), connectionId}. */
    public static byte[] agentDigest(byte[] connectionId, boolean mainnet) {
        Objects.requireNonNull(connectionId, "connectionId");
        if (connectionId.length != 32) {
            throw new IllegalArgumentException("connectionId has 32 bytes, got " + connectionId.length);
        }
        return Eip712.digest(EXCHANGE_DOMAIN, "Agent", AGENT_FIELDS,
                Map.of("source", mainnet ? "a" : "b", "connectionId", connectionId));
    }

    private static byte[] u64(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
