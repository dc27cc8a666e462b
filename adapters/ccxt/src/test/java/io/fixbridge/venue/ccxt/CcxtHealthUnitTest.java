package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CcxtHealth} on a clock the test moves: what is refused, how, and for how long. */
class CcxtHealthUnitTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final CcxtHealth health = new CcxtHealth("v", clock, Duration.ofSeconds(30));

    @Test
    void anExchangeDownRefusesNewOrdersRetryableUntilThePauseEndsButNotReads() {
        health.venueDown("OnMaintenance: binance system maintenance");

        VenueError e = health.refusal("a", true).orElseThrow();
        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(health.refusal("a", false)).isEmpty();
        assertThat(health.status().venueDown()).contains("maintenance");

        now.set(now.get().plusSeconds(31));
        assertThat(health.refusal("a", true)).isEmpty();
        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void aRateLimitPausesEveryRequestBriefly() {
        health.backOff("RateLimitExceeded: too many requests");

        assertThat(health.refusal("a", false)).hasValueSatisfying(e -> {
            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(e.retryAfter()).isEqualTo(CcxtErrors.BACK_OFF);
        });
        now.set(now.get().plus(CcxtErrors.BACK_OFF));
        assertThat(health.refusal("a", true)).isEmpty();
    }

    @Test
    void aRefusedAccountIsRejectedUntilItIsUpAndOtherAccountsAreNotAffected() {
        assertThat(health.accountDown("a", "AuthenticationError: invalid key")).isTrue();
        assertThat(health.accountDown("a", "again")).as("alerted once").isFalse();

        assertThat(health.refusal("a", true)).hasValueSatisfying(e ->
                assertThat(e.reason()).isEqualTo(RejectReason.OTHER));
        assertThat(health.refusal("b", true)).isEmpty();
        health.accountUp("a");
        assertThat(health.refusal("a", true)).isEmpty();
    }

    @Test
    void aRestartingSidecarRefusesEverythingRetryable() {
        health.sidecarDown("the sidecar exited with code 137");
        assertThat(health.refusal("a", false)).hasValueSatisfying(e ->
                assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE));
        health.sidecarUp();
        assertThat(health.refusal("a", true)).isEmpty();
    }
}
