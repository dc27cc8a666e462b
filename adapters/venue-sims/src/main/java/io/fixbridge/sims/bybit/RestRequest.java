package io.fixbridge.sims.bybit;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the simulator sees it, detached from Netty's buffers: method, path, the raw
 * query string and body exactly as sent (the signature covers them), and the headers with
 * lower-case names. Immutable and thread-safe.
 *
 * @param method   HTTP method, upper case
 * @param path     the path without the query string
 * @param rawQuery the query string as sent, without the {@code ?}; empty when none
 * @param rawBody  the body as sent (UTF-8); empty when none
 * @param headers  headers by lower-case name
 */
record RestRequest(String method, String path, String rawQuery, String rawBody, Map<String, String> headers) {

    RestRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        rawQuery = rawQuery == null ? "" : rawQuery;
        rawBody = rawBody == null ? "" : rawBody;
        headers = Map.copyOf(headers);
    }

    /** A header by case-insensitive name, or null. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
