package io.fixbridge.sims.binance;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of one request with Binance's validation answers: a missing mandatory parameter
 * is -1102, a malformed number -1100, a parameter sent twice -1101, an unknown parameter -1104.
 * Parameters come from the query string and the form body; a name present in both takes the query
 * string's value, as Binance does. Not thread-safe: one instance serves one request.
 */
final class Params {
    private final Map<String, String> values;

    Params(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** Parses the query string and, when form-encoded, the body of {@code request}. */
    static Params of(RestRequest request) {
        Map<String, String> query = decode(request.rawQuery());
        Map<String, String> merged = new LinkedHashMap<>(query);
        if (request.hasFormBody()) {
            decode(request.rawBody()).forEach(merged::putIfAbsent);
        }
        return new Params(merged);
    }

    /** Decodes {@code a=1&b=2} (form encoding: {@code +} is a space); a name twice is -1101. */
    static Map<String, String> decode(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = urlDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : urlDecode(pair.substring(eq + 1));
            if (out.putIfAbsent(name, value) != null) {
                throw Errors.duplicateParameter();
            }
        }
        return out;
    }

    private static String urlDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Errors.of(-1100, "Illegal characters found in a parameter.");
        }
    }
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** Refuses parameters this endpoint does not read (-1104), as Binance does. */
    void requireOnly(Collection<String> known) {
        int read = 0;
        for (String name : values.keySet()) {
            if (known.contains(name)) {
                read++;
            }
        }
        if (read != values.size()) {
            throw Errors.unreadParameters(read, values.size());
        }
    }

    /** An optional text parameter; an empty value is -1105. */
    Optional<String> opt(String name) {
        String v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isEmpty()) {
            throw Errors.emptyParameter(name);
        }
        return Optional.of(v);
    }

    String require(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw Errors.mandatory(name);
        }
        return v;
    }

    /** An optional decimal; a malformed one is -1100 with Binance's legal range. */
    Optional<BigDecimal> optDecimal(String name) {
        return opt(name).map(v -> {
            BigDecimal d = Fmt.parseDecimal(v);
            if (d == null) {
                throw Errors.illegalChars(name, Errors.DECIMAL_RANGE);
            }
            return d;
        });
    }

    BigDecimal requireDecimal(String name) {
        return optDecimal(name).orElseThrow(() -> Errors.mandatory(name));
    }

    /** An optional whole number; a malformed one is -1100. */
    Optional<Long> optLong(String name) {
        return opt(name).map(v -> {
            Long l = Fmt.parseLong(v);
            if (l == null) {
                throw Errors.illegalChars(name, Errors.INTEGER_RANGE);
            }
            return l;
        });
    }

    long requireLong(String name) {
        return optLong(name).orElseThrow(() -> Errors.mandatory(name));
    }

    /** An optional {@code true}/{@code false}; anything else is -1130. */
    Optional<Boolean> optBoolean(String name) {
        return opt(name).map(v -> {
            if ("true".equalsIgnoreCase(v)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(v)) {
                return Boolean.FALSE;
            }
            throw Errors.invalidParameter(name);
        });
    }

    /** Spot's legal client order ids. */
    static final Pattern SPOT_CLIENT_ID = Pattern.compile("^[a-zA-Z0-9-_]{1,36}$");
    /** USD-M futures' legal client order ids. */
    static final Pattern FUTURES_CLIENT_ID = Pattern.compile("^[\\.A-Z\\:/a-z0-9_-]{1,36}$");

    /** A client order id matching {@code legal}; anything else is -1100 naming the legal range. */
    Optional<String> optClientId(String name, Pattern legal) {
        return opt(name).map(v -> {
            if (!legal.matcher(v).matches()) {
                throw Errors.illegalChars(name, legal.pattern());
            }
            return v;
        });
    }

    /** Names of the standard signed-request parameters. */
    static Set<String> withSigned(String... names) {
        Set<String> out = new LinkedHashSet<>(Set.of(names));
        out.add("timestamp");
        out.add("recvWindow");
        out.add("signature");
        return out;
    }
}
