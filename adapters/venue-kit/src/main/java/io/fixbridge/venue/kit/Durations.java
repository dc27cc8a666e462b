package io.fixbridge.venue.kit;

import io.fixbridge.venue.ConfigView;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration ({@code 250ms}, {@code 10s}, {@code 1m},
 * {@code 2h}, {@code 1d}, or ISO-8601 {@code PT1M}) and as the kit prints them in messages.
 * Stateless and thread-safe.
 */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final String EXPECTED = "a duration such as 500ms, 10s, 1m, 1h or 1d";

    private Durations() {
    }

    /**
     * Parses {@code 500ms}, {@code 10s}, {@code 1m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT10S}).
     *
     * @throws IllegalArgumentException when the text is none of these or is negative
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(text.trim());
            if (d.isNegative()) {
                throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'", e);
        }
    }

    /**
     * The duration setting {@code key} of {@code config}, or {@code fallback} when absent.
     *
     * @throws io.fixbridge.venue.VenueConfigException naming the setting when it is not a duration
     */
    public static Duration get(ConfigView config, String key, Duration fallback) {
        if (!config.has(key)) {
            return fallback;
        }
        String raw = config.string(key);
        try {
            return parse(raw);
        } catch (IllegalArgumentException e) {
            throw config.error(key, "expected " + EXPECTED + ", got '" + raw + "'");
        }
    }

    /** The shortest exact form: {@code 1d}, {@code 1m}, {@code 10s}, {@code 250ms}. */
    public static String compact(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms != 0 && ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms != 0 && ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms != 0 && ms % 1_000L == 0) {
            return ms / 1_000L + "s";
        }
        return ms + "ms";
    }

    /**
     * For people: whole milliseconds below one second ({@code 200 ms}), else seconds rounded up
     * ({@code 12 s}), so that "retry after" is never too early.
     */
    public static String human(Duration d) {
        long ms = Math.max(0, d.toMillis() + (d.toNanosPart() % 1_000_000 == 0 ? 0 : 1));
        if (ms < 1_000) {
            return ms + " ms";
        }
        return (ms + 999) / 1_000 + " s";
    }
}
