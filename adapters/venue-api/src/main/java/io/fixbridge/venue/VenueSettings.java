package io.fixbridge.venue;

import java.util.List;
import java.util.Objects;

/**
 * One venue's section of gateway.yaml, handed to its {@link VenueAdapterFactory}.
 *
 * @param name     the venue's name (what FIX ExDestination(100) names)
 * @param type     the adapter type
 * @param settings the venue's own settings, read through {@link ConfigView} so that every error
 *                 names the setting
 * @param accounts the venue's accounts, each with its own settings (credentials, balances, ...)
 */
public record VenueSettings(String name, String type, ConfigView settings, List<Account> accounts) {

    public VenueSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(settings, "settings");
        accounts = List.copyOf(accounts);
    }

    /**
     * One account under a venue.
     *
     * @param name     the account's name (what FIX Account(1) names)
     * @param settings its settings
     */
    public record Account(String name, ConfigView settings) {
        public Account {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(settings, "settings");
        }
    }
}
