/** The one Jackson configuration for venue JSON: {@link io.fixbridge.venue.kit.json.VenueJson}. */
package io.fixbridge.venue.kit.json;
