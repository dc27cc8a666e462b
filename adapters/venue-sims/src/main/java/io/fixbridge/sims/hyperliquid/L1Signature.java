package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.kit.sign.eth.EcdsaSignature;
import io.fixbridge.venue.kit.sign.eth.Eip712;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.EthRecovery;
import io.fixbridge.venue.kit.sign.eth.Keccak;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Verifies Hyperliquid L1 action signatures the way the venue does, independently of any client
 * encoder: the received {@code action} JSON tree is msgpacked here in the key order it arrived in
 * (integers in their smallest encoding, as Python's msgpack; strings; booleans; nil; floats as
 * float64), followed by the nonce (8 bytes big-endian), the vault flag ({@code 0x00}, or
 * {@code 0x01} + 20 address bytes) and, when present, {@code 0x00} + expiresAfter (8 bytes);
 * keccak256 of that is the connectionId. The EIP-712 digest of
 * {@code Agent(string source,bytes32 connectionId)} (domain Exchange / 1 / 1337 / 0x0, source
 * {@code "a"} mainnet or {@code "b"} testnet) is what the signer signed; the signer is recovered.
 *
 * <p><b>Threading:</b> stateless; thread-safe. <b>Errors:</b> {@link #recover} throws
 * IllegalArgumentException for a signature no address can be recovered from.
 */
final class L1Signature {
    static final Eip712.Domain DOMAIN = new Eip712.Domain("Exchange", "1", 1337, EthAddress.ZERO);
    static final List<Eip712.Field> AGENT = List.of(new Eip712.Field("source", "string"),
            new Eip712.Field("connectionId", "bytes32"));

    private L1Signature() {
    }

    /** msgpack of a JSON tree, keys in tree order. */
    static byte[] msgpack(JsonNode node) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            pack(p, node);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("msgpack of an in-memory tree failed", e);
        }
    }

    private static void pack(MessageBufferPacker p, JsonNode n) throws IOException {
        if (n == null || n.isNull() || n.isMissingNode()) {
            p.packNil();
        } else if (n.isObject()) {
            p.packMapHeader(n.size());
            Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                p.packString(f.getKey());
                pack(p, f.getValue());
            }
        } else if (n.isArray()) {
            p.packArrayHeader(n.size());
            for (JsonNode e : n) {
                pack(p, e);
            }
        } else if (n.isTextual()) {
            p.packString(n.asText());
        } else if (n.isBoolean()) {
            p.packBoolean(n.booleanValue());
        } else if (n.isIntegralNumber()) {
            BigInteger v = n.bigIntegerValue();
            if (v.bitLength() < 64) {
                p.packLong(v.longValue());
            } else {
                p.packBigInteger(v);
            }
        } else if (n.isNumber()) {
            p.packDouble(n.doubleValue());
        } else {
            throw new IllegalArgumentException("cannot msgpack a " + n.getNodeType() + " node");
        }
    }

    /** keccak256(msgpack(action) ++ nonce ++ vault flag [++ 0x00 ++ expiresAfter]). */
    static byte[] connectionId(JsonNode action, long nonce, EthAddress vault, Long expiresAfter) {
        byte[] packed = msgpack(action);
        ByteBuffer tail = ByteBuffer.allocate(8 + 21 + 9);
        tail.putLong(nonce);
        if (vault == null) {
            tail.put((byte) 0);
        } else {
            tail.put((byte) 1).put(vault.bytes());
        }
        if (expiresAfter != null) {
            tail.put((byte) 0).putLong(expiresAfter);
        }
        byte[] suffix = new byte[tail.position()];
        tail.flip().get(suffix);
        return Keccak.keccak256(packed, suffix);
    }

    /** The EIP-712 digest of the phantom agent {source, connectionId}. */
    static byte[] agentDigest(byte[] connectionId, boolean mainnet) {
        return Eip712.digest(DOMAIN, "Agent", AGENT, Map.of("source", mainnet ? "a" : "b",
                "connectionId", connectionId));
    }

    /** The address that signed {@code digest}. */
    static EthAddress recover(byte[] digest, EcdsaSignature signature) {
        return EthRecovery.recover(digest, signature);
    }
}
