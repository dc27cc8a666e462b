package io.fixbridge.venue.kit.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Ordered name/value parameters rendered for a URL query or an
 * {@code application/x-www-form-urlencoded} body, and for signing.
 *
 * <ul>
 *   <li>{@link #encoded()}: {@code a=1&b=x%20y}, in insertion order, percent-encoded as UTF-8 with
 *       only the RFC 3986 unreserved characters left as they are; this is the exact string to sign
 *       for Binance REST and Bybit GET, and the exact string to send.</li>
 *   <li>{@link #sortedRaw(String...)}: sorted by name, values not encoded; the Binance WebSocket
 *       API signing payload.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; {@link #toString()} omits values (they may hold signatures).
 */
public final class QueryString {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** One parameter. */
    public record Param(String name, String value) {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return name + "=<value>";
        }
    }

    private final List<Param> params;

    private QueryString(List<Param> params) {
        this.params = List.copyOf(params);
    }

    /** An empty query. */
    public static QueryString empty() {
        return new QueryString(List.of());
    }

    /** A builder; not thread-safe. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parameters in insertion order. */
    public List<Param> params() {
        return params;
    }

    /** Whether there are no parameters. */
    public boolean isEmpty() {
        return params.isEmpty();
    }

    /** This query plus one more parameter at the end (e.g. {@code signature}). */
    public QueryString with(String name, Object value) {
        List<Param> more = new ArrayList<>(params);
        more.add(new Param(name, String.valueOf(value)));
        return new QueryString(more);
    }

    /** {@code a=1&b=x%20y}: insertion order, UTF-8 percent-encoded. Empty string when empty. */
    public String encoded() {
        StringBuilder sb = new StringBuilder();
        for (Param p : params) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(encode(p.name())).append('=').append(encode(p.value()));
        }
        return sb.toString();
    }

    /**
     * Sorted by name (then insertion order), joined as {@code k=v} with {@code &}, values not
     * encoded, leaving out the names in {@code exclude} (typically {@code signature}).
     */
    public String sortedRaw(String... exclude) {
        List<String> skip = List.of(exclude);
        StringBuilder sb = new StringBuilder();
        params.stream()
                .filter(p -> !skip.contains(p.name()))
                .sorted(Comparator.comparing(Param::name))
                .forEach(p -> {
                    if (sb.length() > 0) {
                        sb.append('&');
                    }
                    sb.append(p.name()).append('=').append(p.value());
                });
        return sb.toString();
    }

    /**
     * Percent-encodes {@code text} as UTF-8, leaving only {@code A-Z a-z 0-9 - _ . ~} as they are
     * (RFC 3986 unreserved characters; a space becomes {@code %20}).
     */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryString q && q.params.equals(params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }

    /** Names only; values may be signatures or keys. */
    @Override
    public String toString() {
        return "QueryString" + params.stream().map(Param::name).toList();
    }

    /** Builds a {@link QueryString}; not thread-safe. */
    public static final class Builder {
        private final List<Param> params = new ArrayList<>();

        private Builder() {
        }

        /** Appends a parameter; {@code value} is rendered with {@link String#valueOf(Object)}. */
        public Builder add(String name, Object value) {
            Objects.requireNonNull(value, () -> "value of " + name);
            params.add(new Param(name, value instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(value)));
            return this;
        }

        /** Appends a parameter only when {@code value} is not null. */
        public Builder addIfPresent(String name, Object value) {
            return value == null ? this : add(name, value);
        }

        public QueryString build() {
            return new QueryString(params);
        }
    }
}
