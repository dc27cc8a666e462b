package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;

/** Hyperliquid's error texts, in one place. Stateless. */
final class Texts {
    static final String DESERIALIZE = "Failed to deserialize the JSON body into the target type";
    static final String INVALID_PRICE = "Order has invalid price.";
    static final String INVALID_SIZE = "Order has invalid size.";
    static final String CANNOT_MODIFY = "Cannot modify canceled or filled order";
    static final String DUPLICATE_NONCE = "Invalid nonce: duplicate nonce";
    static final String NONCE_TOO_LOW = "Invalid nonce: nonce too low";
    static final String NONCE_TOO_HIGH = "Invalid nonce: nonce too high";

    private Texts() {
    }

    static String unknownSigner(String address) {
        return "User or API Wallet " + address + " does not exist.";
    }

    static String vaultNotRegistered(String address) {
        return "Vault not registered: " + address;
    }

    static String expired(long expiresAfter, long now) {
        return "Action expired: expiresAfter " + expiresAfter + " is before the current time " + now;
    }

    static String minValue(int asset) {
        return "Order must have minimum value of $10. asset=" + asset;
    }

    static String insufficientMargin(int asset) {
        return "Insufficient margin to place order. asset=" + asset;
    }

    static String insufficientSpot(int asset) {
        return "Insufficient spot balance asset=" + asset;
    }

    static String reduceOnly(int asset) {
        return "Reduce only order would increase position. asset=" + asset;
    }

    static String postOnly(BigDecimal bid, BigDecimal ask, int asset) {
        return "Post only order would have immediately matched, bbo was " + (bid == null ? "" : Fmt.num(bid)) + "@"
                + (ask == null ? "" : Fmt.num(ask)) + ". asset=" + asset;
    }

    static String iocNoMatch(int asset) {
        return "Order could not immediately match against any resting orders. asset=" + asset;
    }

    static String neverPlaced(int asset) {
        return "Order was never placed, already canceled, or filled. asset=" + asset;
    }

    static String unknownAsset(int asset) {
        return "Order has invalid asset. asset=" + asset;
    }

    static String leverageFixed(int leverage) {
        return "This simulator trades every perpetual at " + leverage + "x cross; other leverage is not available";
    }

    static String halted(int asset) {
        return "Trading is halted for this asset. asset=" + asset;
    }

    static String cumulative(long used, long cap, BigDecimal volume) {
        return "Too many cumulative requests sent (" + used + " > " + cap + ") for cumulative volume traded $"
                + volume.setScale(2, java.math.RoundingMode.DOWN).toPlainString()
                + ". Try again after trading more: each 1 USDC traded allows 1 more request.";
    }
}
