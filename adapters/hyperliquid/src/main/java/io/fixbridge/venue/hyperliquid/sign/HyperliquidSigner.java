package io.fixbridge.venue.hyperliquid.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.kit.sign.eth.EcdsaSignature;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;
import io.fixbridge.venue.kit.sign.eth.SigningKeySource;
import java.util.Objects;

/**
 * Signs Hyperliquid actions with the current key of a {@link SigningKeySource} (so a rotated
 * keystore takes effect on the next request without a restart). Thread-safe: every call reads the
 * key once and signs with it; {@link SignedAction#signer()} says which key that was.
 *
 * <p>L1 actions (order, cancel, modify, ...) may be signed by the account or by an API (agent)
 * wallet approved for it; with a vault or sub-account, pass its address as {@code vaultAddress}.
 * User-signed actions (transfers, approveAgent, ...) must be signed by the account's own key.
 * Invalid actions fail with {@link IllegalArgumentException}. {@link #toString()} shows the signer
 * address and network only.
 */
public final class HyperliquidSigner {
    private final SigningKeySource keys;
    private final boolean mainnet;

    /** Signs with {@code keys} for mainnet (source "a") or testnet (source "b"). */
    public HyperliquidSigner(SigningKeySource keys, boolean mainnet) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.mainnet = mainnet;
    }

    /**
     * Signs an L1 action. The action is copied first; the copy is what is hashed and what the
     * returned {@link SignedAction} sends.
     */
    public SignedAction signL1(ObjectNode action, long nonce, EthAddress vaultOrNull, Long expiresAfterOrNull) {
        return signL1(action, nonce, vaultOrNull, expiresAfterOrNull, keys.current());
    }

    /**
     * Signs an L1 action with {@code key}, a key this signer's source gave out: a caller that picks the
     * nonce by the key's address reads the key once and passes it here, so that a rotation in between
     * cannot sign one key's nonce with another key.
     */
    public SignedAction signL1(ObjectNode action, long nonce, EthAddress vaultOrNull, Long expiresAfterOrNull,
                               EthSigningKey key) {
        Objects.requireNonNull(key, "key");
        ObjectNode copy = Objects.requireNonNull(action, "action").deepCopy();
        byte[] digest = L1Signing.agentDigest(L1Signing.connectionId(copy, nonce, vaultOrNull, expiresAfterOrNull), mainnet);
        EcdsaSignature signature = key.signDigest(digest);
        return new SignedAction(copy, nonce, signature, vaultOrNull, expiresAfterOrNull, key.address());
    }

    /**
     * Signs a user-signed action (e.g. {@code approveAgent}): the action must carry
     * {@code signatureChainId} and a {@code hyperliquidChain} matching this signer's network
     * ("Mainnet" / "Testnet"); its nonce is the action's {@code time} or {@code nonce} field.
     */
    public SignedAction signUserAction(ObjectNode action) {
        ObjectNode copy = Objects.requireNonNull(action, "action").deepCopy();
        UserSignedActions.Type type = UserSignedActions.Type.ofAction(copy.path("type").asText());
        String chain = copy.path("hyperliquidChain").asText();
        if (!hyperliquidChain().equals(chain)) {
            throw new IllegalArgumentException(type.actionType() + " action has hyperliquidChain \"" + chain
                    + "\" but this signer is for " + hyperliquidChain());
        }
        JsonNode nonce = copy.get(type.nonceField());
        if (nonce == null || !nonce.canConvertToLong() || !nonce.isIntegralNumber()) {
            throw new IllegalArgumentException(type.actionType() + " action needs an integer " + type.nonceField());
        }
        byte[] digest = UserSignedActions.digest(type, copy);
        EthSigningKey key = keys.current();
        return new SignedAction(copy, nonce.longValue(), key.signDigest(digest), null, null, key.address());
    }

    /** The address that signs now. */
    public EthAddress signer() {
        return keys.address();
    }

    /** True for mainnet (phantom agent source "a"). */
    public boolean mainnet() {
        return mainnet;
    }

    /** "Mainnet" or "Testnet", the hyperliquidChain of user-signed actions. */
    public String hyperliquidChain() {
        return mainnet ? "Mainnet" : "Testnet";
    }

    @Override
    public String toString() {
        return "HyperliquidSigner[signer=" + signer().hex() + ", " + (mainnet ? "mainnet" : "testnet") + "]";
    }
}
