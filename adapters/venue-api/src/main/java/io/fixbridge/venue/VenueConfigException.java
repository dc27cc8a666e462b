package io.fixbridge.venue;

/**
 * A setting is missing or wrong. The message names the setting by its path in the configuration
 * file and says what a correct value looks like; the gateway refuses to start with it.
 */
public final class VenueConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VenueConfigException(String message) {
        super(message);
    }
}
