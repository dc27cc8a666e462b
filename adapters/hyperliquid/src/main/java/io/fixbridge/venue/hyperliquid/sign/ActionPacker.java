package io.fixbridge.venue.hyperliquid.sign;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * MessagePack encoding of a Hyperliquid action exactly as the exchange hashes it (Python
 * {@code msgpack.packb} defaults): object keys in the order the node holds them (Jackson's
 * {@code ObjectNode} keeps insertion order), integers in their smallest encoding (positive fixint,
 * uint8..uint64 for non-negatives; negative fixint, int8..int64 for negatives), text as str
 * (fixstr / str8 / str16 / str32), booleans, nil, arrays and maps; binary nodes as bin.
 *
 * <p>Stateless and thread-safe. Floating-point and decimal nodes are refused with
 * {@link IllegalArgumentException} ("prices and sizes must be strings"): the wire carries
 * normalised decimal strings, and a float would hash differently on each side. Integers outside
 * int64..uint64 are refused too.
 */
public final class ActionPacker {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ActionPacker() {
    }

    /** The msgpack bytes of {@code node}. */
    public static byte[] pack(JsonNode node) {
        Objects.requireNonNull(node, "node");
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            write(packer, node, "$");
            packer.flush();
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("msgpack encoding into memory failed", e);
        }
    }

    private static void write(MessageBufferPacker packer, JsonNode node, String path) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT: {
                packer.packMapHeader(node.size());
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    packer.packString(e.getKey());
                    write(packer, e.getValue(), path + "." + e.getKey());
                }
                return;
            }
            case ARRAY: {
                packer.packArrayHeader(node.size());
                for (int i = 0; i < node.size(); i++) {
                    write(packer, node.get(i), path + "[" + i + "]");
                }
                return;
            }
            case STRING:
                packer.packString(node.textValue());
                return;
            case BOOLEAN:
                packer.packBoolean(node.booleanValue());
                return;
            case NULL:
                packer.packNil();
                return;
            case BINARY: {
                byte[] bytes = node.binaryValue();
                packer.packBinaryHeader(bytes.length);
                packer.writePayload(bytes);
                return;
            }
            case NUMBER:
                if (!node.isIntegralNumber()) {
                    throw new IllegalArgumentException("action " + path + " is a floating-point number (" + node
                            + "); prices and sizes must be strings");
                }
                if (node.canConvertToLong()) {
                    packer.packLong(node.longValue());
                    return;
                }
                BigInteger big = node.bigIntegerValue();
                if (big.signum() < 0 || big.compareTo(UINT64_MAX) > 0) {
                    throw new IllegalArgumentException("action " + path + " = " + big + " does not fit in int64/uint64");
                }
                packer.packBigInteger(big);
                return;
            default:
                throw new IllegalArgumentException("action " + path + " has an unsupported JSON node type " + node.getNodeType());
        }
    }
}
