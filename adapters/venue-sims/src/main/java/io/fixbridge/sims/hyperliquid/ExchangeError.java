package io.fixbridge.sims.hyperliquid;

/**
 * A whole-request failure of {@code /exchange}: answered HTTP 200
 * {@code {"status":"err","response":"<text>"}}. Thrown on the engine thread or the event loop and
 * turned into that answer by the gateway.
 */
final class ExchangeError extends RuntimeException {
    ExchangeError(String text) {
        super(text, null, false, false);
    }
}
