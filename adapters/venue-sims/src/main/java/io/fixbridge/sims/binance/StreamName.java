package io.fixbridge.sims.binance;

import java.util.Locale;
import java.util.Optional;

/**
 * A public market stream the simulator publishes, parsed from its Binance name:
 * <ul>
 *   <li>spot: {@code <symbol>@depth} (every 1000 ms), {@code <symbol>@depth@100ms},
 *       {@code <symbol>@trade}, {@code <symbol>@aggTrade};</li>
 *   <li>USD-M futures: {@code <symbol>@depth} (every 250 ms), {@code <symbol>@depth@500ms},
 *       {@code <symbol>@depth@100ms} (on the {@code /public} route), {@code <symbol>@aggTrade}
 *       (on the {@code /market} route).</li>
 * </ul>
 * Symbols are lowercase in stream names, as Binance requires. Any other name can be subscribed to
 * (Binance accepts it) but carries nothing. Immutable.
 *
 * @param name       the stream name as subscribed
 * @param symbol     the Binance symbol it is of, upper case
 * @param kind       what it carries
 * @param intervalMs how often a depth stream publishes; zero for trades (published as they happen)
 */
record StreamName(String name, String symbol, Kind kind, int intervalMs) {

    /** What a stream carries. */
    enum Kind {
        /** Diff-depth events ({@code depthUpdate}). */
        DEPTH,
        /** One event per trade ({@code trade}); spot only. */
        TRADE,
        /** Aggregate trades ({@code aggTrade}). */
        AGG_TRADE
    }

    /** Where a stream is delivered: Binance's USD-M futures host routes streams by path. */
    enum Route {
        /** Spot market streams, {@code /ws} and {@code /stream}: every spot stream. */
        SPOT,
        /** USD-M futures {@code /public/...}: high-frequency book data (diff depth). */
        FUTURES_PUBLIC,
        /** USD-M futures {@code /market/...}: regular market data (aggregate trades). */
        FUTURES_MARKET;

        /** The market whose streams this route carries. */
        Market market() {
            return this == SPOT ? Market.SPOT : Market.FUTURES;
        }

        /** How many incoming messages per second a connection on this route may send. */
        int messagesPerSecond() {
            return this == SPOT ? 5 : 10;
        }
    }

    /** The stream {@code name} is on {@code market}, if it is one the simulator publishes. */
    static Optional<StreamName> parse(String name, Market market) {
        int at = name.indexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String symbol = name.substring(0, at);
        if (!symbol.equals(symbol.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String upper = symbol.toUpperCase(Locale.ROOT);
        String rest = name.substring(at + 1);
        boolean spot = market == Market.SPOT;
        return switch (rest) {
            case "depth" -> Optional.of(new StreamName(name, upper, Kind.DEPTH, spot ? 1000 : 250));
            case "depth@100ms" -> Optional.of(new StreamName(name, upper, Kind.DEPTH, 100));
            case "depth@500ms" -> spot ? Optional.empty() : Optional.of(new StreamName(name, upper, Kind.DEPTH, 500));
            case "trade" -> spot ? Optional.of(new StreamName(name, upper, Kind.TRADE, 0)) : Optional.empty();
            case "aggTrade" -> Optional.of(new StreamName(name, upper, Kind.AGG_TRADE, 0));
            default -> Optional.empty();
        };
    }

    /** Whether a connection on {@code route} receives this stream. */
    boolean deliveredOn(Route route) {
        return switch (route) {
            case SPOT -> true;
            case FUTURES_PUBLIC -> kind == Kind.DEPTH;
            case FUTURES_MARKET -> kind != Kind.DEPTH;
        };
    }
}
