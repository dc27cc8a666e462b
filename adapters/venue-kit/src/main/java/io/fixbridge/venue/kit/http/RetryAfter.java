package io.fixbridge.venue.kit.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the {@code Retry-After} header of a 429/418/503 response: either delay-seconds
 * ({@code 120}) or an HTTP date ({@code Wed, 21 Oct 2015 07:28:00 GMT}). Stateless.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** The instant to wait until, from {@code response}'s Retry-After; empty when absent or unreadable. */
    public static Optional<Instant> until(HttpResponse response, Clock clock) {
        return response.headers().first("Retry-After").flatMap(v -> parse(v, clock));
    }

    /** Parses a Retry-After value relative to {@code clock}; empty when unreadable. */
    public static Optional<Instant> parse(String value, Clock clock) {
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(clock.instant().plus(Duration.ofSeconds(Long.parseLong(v))));
            } catch (NumberFormatException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
