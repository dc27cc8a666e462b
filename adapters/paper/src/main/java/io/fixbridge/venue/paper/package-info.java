/**
 * The built-in paper venue: {@link io.fixbridge.venue.paper.PaperAdapter}, a
 * {@link io.fixbridge.venue.VenueAdapter} over the in-process matching engine and synthetic
 * market of {@link io.fixbridge.venue.paper.engine}, created by
 * {@link io.fixbridge.venue.paper.PaperAdapterFactory} for venues of type {@code paper} and
 * configured by {@link io.fixbridge.venue.paper.PaperConfig}.
 */
package io.fixbridge.venue.paper;
