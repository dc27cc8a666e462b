package io.fixbridge.sims.bybit;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Identifiers in Bybit's shapes: spot order and execution ids are 19-digit numbers
 * ({@code "1321003749386327552"}), derivative order and execution ids UUIDs, connection ids like
 * {@code "cejreaspqfh3sjdnldmg-p"}. Thread-safe.
 */
final class Ids {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong NUMERIC = new AtomicLong(1_800_000_000_000_000_000L
            + (Math.floorMod(RANDOM.nextLong(), 1_000_000_000L)) * 100_000L);

    private Ids() {
    }

    static String orderId(Category c) {
        return c == Category.SPOT ? Long.toString(NUMERIC.incrementAndGet()) : UUID.randomUUID().toString();
    }

    static String execId(Category c) {
        return c == Category.SPOT ? Long.toString(NUMERIC.incrementAndGet() + 300_000_000_000_000_000L)
                : UUID.randomUUID().toString();
    }

    /** A WebSocket connection id. */
    static String connId() {
        return random(20) + "-" + random(2);
    }

    /** A stream message id. */
    static String messageId() {
        return UUID.randomUUID().toString();
    }

    private static String random(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(LOWER.charAt(RANDOM.nextInt(LOWER.length())));
        }
        return sb.toString();
    }
}
