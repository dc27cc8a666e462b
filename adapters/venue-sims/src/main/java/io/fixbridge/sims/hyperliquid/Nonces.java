package io.fixbridge.sims.hyperliquid;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Hyperliquid's nonce rule, per signer: the venue keeps the signer's 100 highest nonces; a new
 * nonce must not be one of them, must be above the smallest of them once there are 100, and must
 * lie in {@code (now - 2 days, now + 1 day)}. An accepted nonce is remembered.
 *
 * <p><b>Threading:</b> thread-safe (synchronized).
 */
final class Nonces {
    static final int KEPT = 100;
    static final long PAST_MS = 2L * 24 * 3600 * 1000;
    static final long FUTURE_MS = 24L * 3600 * 1000;

    private final Map<String, TreeSet<Long>> bySigner = new HashMap<>();

    /** Checks and records {@code nonce}; answers the venue's text when it is refused, else null. */
    synchronized String use(String signer, long nonce, long now) {
        if (nonce <= now - PAST_MS) {
            return Texts.NONCE_TOO_LOW;
        }
        if (nonce >= now + FUTURE_MS) {
            return Texts.NONCE_TOO_HIGH;
        }
        TreeSet<Long> kept = bySigner.computeIfAbsent(signer, s -> new TreeSet<>());
        if (kept.contains(nonce)) {
            return Texts.DUPLICATE_NONCE;
        }
        if (kept.size() >= KEPT && nonce < kept.first()) {
            return Texts.NONCE_TOO_LOW;
        }
        kept.add(nonce);
        while (kept.size() > KEPT) {
            kept.pollFirst();
        }
        return null;
    }

    synchronized void clear() {
        bySigner.clear();
    }
}
