package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueAdapterFactory;
import io.fixbridge.venue.VenueSettings;
import io.fixbridge.venue.VenueTelemetry;

/**
 * Creates {@link CcxtAdapter}s for venues of {@code type: ccxt}; found by ServiceLoader. Validates the
 * settings ({@link CcxtConfig#from}): a wrong setting, an exchange id ccxt does not have or a missing
 * sidecar fails the start with a message naming the setting. Nothing is spawned until connect. Called on
 * the gateway's start thread; stateless.
 */
public final class CcxtAdapterFactory implements VenueAdapterFactory {

    @Override
    public String type() {
        return "ccxt";
    }

    @Override
    public VenueAdapter create(VenueSettings settings, VenueTelemetry telemetry) {
        return new CcxtAdapter(settings.name(), CcxtConfig.from(settings), telemetry);
    }
}
