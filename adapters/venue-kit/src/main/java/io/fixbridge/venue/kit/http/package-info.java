/**
 * Asynchronous HTTP/1.1 client on Netty for venue REST APIs: {@link io.fixbridge.venue.kit.http.HttpClient}
 * (one per base URL, pooled keep-alive connections, TLS), immutable {@link io.fixbridge.venue.kit.http.HttpRequest}
 * and {@link io.fixbridge.venue.kit.http.HttpResponse}, case-insensitive {@link io.fixbridge.venue.kit.http.Headers},
 * {@link io.fixbridge.venue.kit.http.QueryString} for the exact strings that are signed and sent, and the sealed
 * {@link io.fixbridge.venue.kit.http.HttpTransportException} family whose {@code sentRequest()} tells RETRYABLE from
 * OUTCOME_UNKNOWN. Futures complete on the venue callback pool.
 */
package io.fixbridge.venue.kit.http;
