package io.fixbridge.gateway.route;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.VenueAdapter;

/**
 * A connected venue: its adapter, its instruments by unified symbol, and the account names
 * configured under it. Immutable once connected; safe to read from any thread.
 */
public final class Venue {
    private final String name;
    private final VenueAdapter adapter;
    private final Set<String> accounts;
    private volatile Map<String, Instrument> instruments = Map.of();

    Venue(String name, VenueAdapter adapter, Set<String> accounts) {
        this.name = Objects.requireNonNull(name, "name");
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.accounts = Set.copyOf(accounts);
    }

    public String name() {
        return name;
    }

    public VenueAdapter adapter() {
        return adapter;
    }

    public boolean hasAccount(String account) {
        return accounts.contains(account);
    }

    public Set<String> accounts() {
        return accounts;
    }

    public Optional<Instrument> instrument(String symbol) {
        return Optional.ofNullable(instruments.get(symbol));
    }

    /** Takes the instrument list the adapter loaded at connect. */
    void loadInstruments() {
        instruments = adapter.instruments().stream()
                .collect(Collectors.toUnmodifiableMap(Instrument::symbol, Function.identity(), (a, b) -> a));
    }
}
