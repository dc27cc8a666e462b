package io.fixbridge.venue.hyperliquid.sign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.kit.sign.eth.EcdsaSignature;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import java.util.Objects;

/**
 * A signed Hyperliquid action, ready for {@code POST /exchange}. Holds a private copy of the action
 * that was hashed (never mutate what {@link #action()} returns: the signature covers its exact
 * key order and values). Immutable in practice and safe to share; contains no key material (the
 * signature and the signer's address are public).
 *
 * @param action        the action exactly as signed
 * @param nonce         the request nonce (milliseconds)
 * @param signature     r, s, v
 * @param vaultAddress  the vault or sub-account traded for, or null
 * @param expiresAfter  the expiry (ms) included in the hash, or null
 * @param signer        the address that signed (the account itself or its API wallet)
 */
public record SignedAction(ObjectNode action, long nonce, EcdsaSignature signature, EthAddress vaultAddress,
        Long expiresAfter, EthAddress signer) {

    public SignedAction {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(signer, "signer");
    }

    /**
     * The request body {@code {"action":..,"nonce":..,"signature":{"r","s","v"},"vaultAddress":null|"0x..",
     * ["expiresAfter":..]}} in that key order; the action is a copy.
     */
    public ObjectNode toRequestBody(ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.set("action", action.deepCopy());
        body.put("nonce", nonce);
        ObjectNode sig = body.putObject("signature");
        sig.put("r", signature.rHex());
        sig.put("s", signature.sHex());
        sig.put("v", signature.v());
        if (vaultAddress == null) {
            body.putNull("vaultAddress");
        } else {
            body.put("vaultAddress", vaultAddress.hex());
        }
        if (expiresAfter != null) {
            body.put("expiresAfter", expiresAfter.longValue());
        }
        return body;
    }
}
