package io.fixbridge.gateway.fix;

import io.fixbridge.gateway.account.AccountData;
import io.fixbridge.gateway.marketdata.MarketDataHub;
import io.fixbridge.venue.Instrument;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the FIX application needs to answer data requests: market data, account data and the
 * venues' instruments for security lists. Thread-safe parts only.
 *
 * @param marketData  serves MarketDataRequests
 * @param accounts    serves RequestForPositions and CollateralInquiry
 * @param venueNames  the gateway's venues, in configuration order
 * @param instruments a venue's instruments: empty for an unknown venue, an empty list before it connected
 */
public record DataServices(MarketDataHub marketData, AccountData accounts, List<String> venueNames,
                           Function<String, Optional<List<Instrument>>> instruments) {
    public DataServices {
        Objects.requireNonNull(marketData, "marketData");
        Objects.requireNonNull(accounts, "accounts");
        venueNames = List.copyOf(venueNames);
        Objects.requireNonNull(instruments, "instruments");
    }
}
