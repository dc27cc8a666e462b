package io.fixbridge.sims.binance;

import java.security.SecureRandom;

/**
 * Random identifiers in Binance's shapes: 22-character client order ids like
 * {@code "6gCrw2kRUAF9CvJDGP16IP"} and 64-character listen keys. Thread-safe.
 */
final class Ids {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A client order id as Binance generates when none is sent. */
    static String clientOrderId() {
        return random(22);
    }

    /** A listen key. */
    static String listenKey() {
        return random(64);
    }

    private static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
