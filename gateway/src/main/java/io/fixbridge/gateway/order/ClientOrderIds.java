package io.fixbridge.gateway.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives the client order id a venue sees from the FIX session and the ClOrdID, so that after
 * a lost answer, a retry or a restart the gateway can always ask the venue "do you have this
 * order?" without having stored anything.
 *
 * <p>The id is the first 128 bits of SHA-256 over the session id and the ClOrdID, as 32 lower-case
 * hex characters: within every venue's length and alphabet rules (Binance newClientOrderId and
 * Bybit orderLinkId take 36 characters; Hyperliquid's cloid is 128 bits). Stateless, thread-safe.
 */
public final class ClientOrderIds {
    private ClientOrderIds() {
    }

    /** The venue client order id for {@code clOrdId} on {@code session}. */
    public static String derive(String session, String clOrdId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(session.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(clOrdId.getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha.digest();
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
