package io.fixbridge.venue.paper;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueSettings;

import java.util.List;
import java.util.Map;

/** Paper configurations for tests. */
final class TestConfigs {
    private TestConfigs() {
    }

    /** The venue settings {@code venues[paper]} with {@code values} and no accounts. */
    static VenueSettings settings(Map<String, ?> values) {
        return settings(values, List.of());
    }

    static VenueSettings settings(Map<String, ?> values, List<VenueSettings.Account> accounts) {
        return new VenueSettings("paper", "paper", new ConfigView("venues[paper]", values), accounts);
    }

    static VenueSettings.Account account(String name, Map<String, ?> values) {
        return new VenueSettings.Account(name, new ConfigView("venues[paper].accounts[" + name + "]", values));
    }

    /** The defaults, with the mid standing still and {@code levels} market-maker levels. */
    static PaperConfig still(int levels) {
        return PaperConfig.from(settings(Map.of("market", Map.of("walkIntervalMs", 0, "levels", levels))));
    }
}
