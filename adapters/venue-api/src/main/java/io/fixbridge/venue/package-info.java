/**
 * The venue SPI and the venue-neutral order model.
 *
 * <p>The gateway speaks to every venue through {@link io.fixbridge.venue.VenueAdapter}; adapters
 * are found at run time by {@link java.util.ServiceLoader} through
 * {@link io.fixbridge.venue.VenueAdapterFactory}, keyed by the venue {@code type} in gateway.yaml.
 * Nothing here knows FIX, Netty or any venue. Every amount is a {@link java.math.BigDecimal}.
 */
package io.fixbridge.venue;
