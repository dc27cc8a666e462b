package io.fixbridge.gateway.config;

import java.time.Duration;

/**
 * How the order engine settles what a venue did not answer.
 *
 * @param queryFirstDelay     first status query after an unknown outcome
 * @param queryMaxDelay       cap of the exponential backoff between status queries
 * @param notFoundGrace       how long a venue must keep answering "no such order" before a
 *                            pending order is rejected as never received; keep it longer than
 *                            the venue's receive window, after which a delayed request is refused
 * @param retryableAttempts   how often a request the venue asked to retry is sent again
 * @param retryableDelay      wait before such a retry when the venue names none
 * @param doneOrderRetention  how long an order that is done stays in memory (at least this, at most
 *                            a second or two more): status requests and late venue events find it; after that
 *                            only its ClOrdID is remembered (for duplicate checks), as after a compaction
 */
public record EngineSettings(Duration queryFirstDelay, Duration queryMaxDelay, Duration notFoundGrace,
                             int retryableAttempts, Duration retryableDelay, Duration doneOrderRetention) {

    /** The defaults, in one place. */
    public static final EngineSettings DEFAULTS = new EngineSettings(
            Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10), 3, Duration.ofMillis(500),
            Duration.ofSeconds(60));
}
