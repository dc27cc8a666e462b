/**
 * Order books kept from a venue's public streams: {@link io.fixbridge.venue.kit.book.LocalBook}
 * applies snapshots and absolute level updates and answers the top levels as a
 * {@link io.fixbridge.venue.BookSnapshot}. How a venue's messages are sequenced (update ids, gaps,
 * resyncs) stays in the venue's adapter.
 */
package io.fixbridge.venue.kit.book;
