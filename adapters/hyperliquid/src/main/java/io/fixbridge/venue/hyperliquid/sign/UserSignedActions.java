package io.fixbridge.venue.hyperliquid.sign;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.kit.sign.eth.Eip712;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Digests of Hyperliquid's user-signed actions (transfers, withdrawals, approving an API wallet or
 * a builder fee): plain EIP-712 over the action's fields under the domain
 * {name "HyperliquidSignTransaction", version "1", chainId = the action's signatureChainId (hex),
 * verifyingContract 0x0}, primary type {@code HyperliquidTransaction:<Name>}. These actions must be
 * signed by the account's own key, never by an agent. Pure functions, thread-safe; a missing
 * field, an unknown action type or a malformed signatureChainId fails with
 * {@link IllegalArgumentException}.
 */
public final class UserSignedActions {
    /** The EIP-712 domain name of user-signed actions. */
    public static final String DOMAIN_NAME = "HyperliquidSignTransaction";

    private UserSignedActions() {
    }

    /** The user-signed action types we know, with their EIP-712 fields in signing order. */
    public enum Type {
        /** {@code usdSend}: USDC transfer to another address (signing vectors py/rs usd_send). */
        USD_SEND("usdSend", "HyperliquidTransaction:UsdSend", "time",
                f("hyperliquidChain", "string"), f("destination", "string"), f("amount", "string"), f("time", "uint64")),
        /** {@code spotSend}: spot token transfer. */
        SPOT_SEND("spotSend", "HyperliquidTransaction:SpotSend", "time",
                f("hyperliquidChain", "string"), f("destination", "string"), f("token", "string"), f("amount", "string"),
                f("time", "uint64")),
        /** {@code withdraw3}: withdrawal to the bridge (signing vectors py/rs withdraw). */
        WITHDRAW("withdraw3", "HyperliquidTransaction:Withdraw", "time",
                f("hyperliquidChain", "string"), f("destination", "string"), f("amount", "string"), f("time", "uint64")),
        /** {@code usdClassTransfer}: USDC between the spot and perp balances. */
        USD_CLASS_TRANSFER("usdClassTransfer", "HyperliquidTransaction:UsdClassTransfer", "nonce",
                f("hyperliquidChain", "string"), f("amount", "string"), f("toPerp", "bool"), f("nonce", "uint64")),
        /** {@code approveAgent}: authorises an API (agent) wallet to sign L1 actions for the account. */
        APPROVE_AGENT("approveAgent", "HyperliquidTransaction:ApproveAgent", "nonce",
                f("hyperliquidChain", "string"), f("agentAddress", "address"), f("agentName", "string"), f("nonce", "uint64")),
        /** {@code approveBuilderFee} (signing vectors rs approve_builder_fee). */
        APPROVE_BUILDER_FEE("approveBuilderFee", "HyperliquidTransaction:ApproveBuilderFee", "nonce",
                f("hyperliquidChain", "string"), f("maxFeeRate", "string"), f("builder", "address"), f("nonce", "uint64"));

        private final String actionType;
        private final String primaryType;
        private final String nonceField;
        private final List<Eip712.Field> fields;

        Type(String actionType, String primaryType, String nonceField, Eip712.Field... fields) {
            this.actionType = actionType;
            this.primaryType = primaryType;
            this.nonceField = nonceField;
            this.fields = List.of(fields);
        }

        /** The action's {@code "type"} on the wire. */
        public String actionType() {
            return actionType;
        }

        /** The EIP-712 primary type, e.g. {@code HyperliquidTransaction:UsdSend}. */
        public String primaryType() {
            return primaryType;
        }

        /** The field that carries the request nonce ({@code time} or {@code nonce}). */
        public String nonceField() {
            return nonceField;
        }

        /** The signed fields in order. */
        public List<Eip712.Field> fields() {
            return fields;
        }

        /** The type of an action's {@code "type"} value; unknown values fail loudly. */
        public static Type ofAction(String actionType) {
            for (Type t : values()) {
                if (t.actionType.equals(actionType)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown user-signed action type \"" + actionType + "\"");
        }

        /** The type of an EIP-712 primary type name; unknown values fail loudly. */
        public static Type ofPrimaryType(String primaryType) {
            for (Type t : values()) {
                if (t.primaryType.equals(primaryType)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown user-signed primary type \"" + primaryType + "\"");
        }

        private static Eip712.Field f(String name, String type) {
            return new Eip712.Field(name, type);
        }
    }

    /** The domain for {@code signatureChainId}. */
    public static Eip712.Domain domain(long signatureChainId) {
        return new Eip712.Domain(DOMAIN_NAME, "1", signatureChainId, EthAddress.ZERO);
    }

    /** The digest of {@code message} as {@code primaryType(fields)}. */
    public static byte[] digest(String primaryType, List<Eip712.Field> fields, Map<String, ?> message, long signatureChainId) {
        return Eip712.digest(domain(signatureChainId), primaryType, fields, message);
    }

    /**
     * The digest of a wire action such as {@code {"type":"usdSend","signatureChainId":"0x66eee",
     * "hyperliquidChain":"Testnet","destination":..,"amount":"1","time":..}}.
     */
    public static byte[] digest(JsonNode action) {
        Objects.requireNonNull(action, "action");
        Type type = Type.ofAction(action.path("type").asText());
        return digest(type, action);
    }

    /** The digest of {@code action}'s fields signed as {@code type}. */
    public static byte[] digest(Type type, JsonNode action) {
        long chainId = chainId(action.path("signatureChainId"));
        Map<String, Object> message = new LinkedHashMap<>();
        for (Eip712.Field field : type.fields()) {
            JsonNode value = action.get(field.name());
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException(type.actionType() + " action lacks the field " + field.name());
            }
            message.put(field.name(), javaValue(type, field, value));
        }
        return digest(type.primaryType(), type.fields(), message, chainId);
    }

    /** The chain id from a signatureChainId such as {@code "0x66eee"} (421614, Arbitrum Sepolia). */
    public static long chainId(JsonNode signatureChainId) {
        String text = signatureChainId.asText("");
        if (!text.startsWith("0x") || text.length() < 3 || text.length() > 18) {
            throw new IllegalArgumentException("signatureChainId must be a 0x hex string, got \"" + text + "\"");
        }
        try {
            return Long.parseUnsignedLong(text.substring(2), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("signatureChainId must be a 0x hex string, got \"" + text + "\"", e);
        }
    }

    private static Object javaValue(Type type, Eip712.Field field, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw new IllegalArgumentException(type.actionType() + "." + field.name() + " must be a string, an integer or a boolean");
    }
}
