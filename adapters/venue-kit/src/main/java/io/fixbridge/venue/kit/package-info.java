/**
 * What every network venue adapter shares, written once.
 *
 * <ul>
 *   <li>{@link io.fixbridge.venue.kit.VenueExecutors}: the adapter's threads (Netty I/O, callbacks,
 *       scheduler, DNS), all daemon and named after the venue, closed together.</li>
 *   <li>{@link io.fixbridge.venue.kit.http}: an asynchronous HTTP/1.1 client with pooled keep-alive
 *       connections and typed transport failures that say whether the request may have been sent.</li>
 *   <li>{@link io.fixbridge.venue.kit.ws}: a WebSocket client with heartbeat, automatic reconnect
 *       with capped exponential backoff and an {@code onConnected} hook to re-authenticate and
 *       resubscribe.</li>
 *   <li>{@link io.fixbridge.venue.kit.ratelimit}: weighted token buckets, corrected by what the venue
 *       reports, paused by 429/418, waiting without blocking a thread.</li>
 *   <li>{@link io.fixbridge.venue.kit.sign}: HMAC-SHA256, Ed25519 and RSA request signing, with
 *       secrets that never appear in {@code toString()}.</li>
 *   <li>{@link io.fixbridge.venue.kit.rules}: rounding to tick and lot and validation against an
 *       {@link io.fixbridge.venue.Instrument}, in {@link java.math.BigDecimal} only.</li>
 *   <li>{@link io.fixbridge.venue.kit.json}: the one Jackson configuration for venue JSON.</li>
 * </ul>
 *
 * <h2>Threading model</h2>
 * No kit class blocks a Netty event loop. Futures returned by the HTTP and WebSocket clients
 * complete on the {@linkplain VenueExecutors#callbacks() callback pool} (threads named
 * {@code <venue>-callback-N}), so callers may chain blocking work on them; WebSocket listener
 * callbacks for one client run one at a time, in order, on that same pool.
 */
package io.fixbridge.venue.kit;
