package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.bybit.BybitSimulator;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.testkit.marketdata.MarketDataRecorder;
import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueSettings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running simulators on 127.0.0.1 with account "alice", and CCXT adapter settings pointing ccxt's binance or
 * bybit class at them (url overrides and the options that switch off calls a simulator need not serve), with
 * short timeouts for tests. The sidecar is the module's own ({@code fixbridge.ccxt.bridge}).
 */
final class SimSupport {
    static final String ACCOUNT = "alice";
    static final String API_KEY = "alice-api-key-7f3c9a1e5b2d4c6f8a0e";
    static final String SECRET = "alice-secret-2b4d6f8a0c1e3a5c7e9b";

    private SimSupport() {
    }

    static Path bridge() {
        String dir = System.getProperty(CcxtConfig.BRIDGE_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("the system property " + CcxtConfig.BRIDGE_PROPERTY
                    + " must name adapters/ccxt/bridge (the module's surefire configuration sets it)");
        }
        return Path.of(dir);
    }

    static BinanceSimulator binance() throws InterruptedException {
        BinanceSimulator sim = BinanceSimulator.builder()
                .account(io.fixbridge.sims.binance.SimAccount.hmac(ACCOUNT, API_KEY, SECRET)
                        .spotBalance("USDT", "1000000").spotBalance("BTC", "10").spotBalance("ETH", "100")
                        .futuresBalance("USDT", "1000000").build())
                .build();
        sim.start();
        return sim;
    }

    static BybitSimulator bybit() throws InterruptedException {
        BybitSimulator sim = BybitSimulator.builder()
                .account(io.fixbridge.sims.bybit.SimAccount.hmac(ACCOUNT, API_KEY, SECRET).balance("USDT", "1000000")
                        .balance("BTC", "10").balance("ETH", "100").build())
                .build();
        sim.start();
        return sim;
    }

    /**
     * ccxt's binance pointed at {@code sim}: spot and USD-M, REST and the WebSocket streams (spot market streams at
     * {@code /stream/<n>}, USD-M ones at {@code /ws}, which ccxt routes to {@code /public/ws} and {@code /market/ws}).
     */
    static Map<String, Object> binanceVenue(BinanceSimulator sim) {
        String base = sim.baseUrl();
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("public", base + "/api/v3");
        api.put("private", base + "/api/v3");
        api.put("v1", base + "/api/v1");
        for (String v : List.of("1", "2", "3")) {
            String suffix = v.equals("1") ? "" : "V" + v;
            api.put("fapiPublic" + suffix, base + "/fapi/v" + v);
            api.put("fapiPrivate" + suffix, base + "/fapi/v" + v);
        }
        // spot market streams on the combined route: ccxt's binance files a depth or trade event under spot only
        // when its connection's url holds "/stream" (true of the real host stream.binance.com)
        String spotStreams = sim.spotMarketStreamUrl() + "/stream";
        String ws = base.replaceFirst("^http", "ws") + "/ws";
        api.put("ws", Map.of("spot", spotStreams, "future", ws, "ws-api", Map.of("spot", base.replaceFirst("^http", "ws")
                + "/ws-api/v3")));
        Map<String, Object> venue = new LinkedHashMap<>();
        venue.put("exchange", "binance");
        venue.put("options", Map.of("fetchCurrencies", false, "fetchMargins", false, "adjustForTimeDifference", false,
                "fetchMarkets", Map.of("types", List.of("spot", "linear")),
                "fetchOpenOrders", Map.of("warnWithoutSymbol", false)));
        venue.put("urls", Map.of("api", api));
        return venue;
    }

    /**
     * ccxt's bybit pointed at {@code sim}: spot and linear (unified account), REST, the private WebSocket and the
     * public ones of spot, linear and inverse (ccxt tells spot from contract books by "spot" in the url).
     */
    static Map<String, Object> bybitVenue(BybitSimulator sim) {
        String h = sim.baseUrl();
        String w = sim.privateWsUrl();
        Map<String, Object> api = new LinkedHashMap<>();
        for (String k : List.of("spot", "futures", "v2", "public", "private")) {
            api.put(k, h);
        }
        String pub = sim.publicWsBase();
        api.put("ws", Map.of("private", Map.of("spot", Map.of("unified", w), "contract", w),
                "public", Map.of("spot", pub + "/spot", "linear", pub + "/linear", "inverse", pub + "/inverse")));
        Map<String, Object> venue = new LinkedHashMap<>();
        venue.put("exchange", "bybit");
        venue.put("options", Map.of("adjustForTimeDifference", false,
                "fetchMarkets", Map.of("types", List.of("spot", "linear"))));
        venue.put("urls", Map.of("api", api));
        return venue;
    }

    /** Test defaults: short timeouts and restart delays. */
    static Map<String, Object> fast(Map<String, Object> venue) {
        Map<String, Object> out = new LinkedHashMap<>(venue);
        out.putIfAbsent("requestTimeoutMs", 3000);
        out.putIfAbsent("startTimeoutMs", 20000);
        out.putIfAbsent("pingIntervalMs", 500);
        out.putIfAbsent("pingTimeoutMs", 2000);
        out.putIfAbsent("restartMinMs", 50);
        out.putIfAbsent("restartMaxMs", 500);
        out.putIfAbsent("pollIntervalMs", 200);
        out.putIfAbsent("healthProbeIntervalMs", 200);
        out.putIfAbsent("bridgeDirectory", bridge().toString());
        return out;
    }

    static VenueSettings settings(String name, Map<String, Object> venue, Map<String, Object> account) {
        return new VenueSettings(name, "ccxt", new ConfigView("venues[" + name + "]", fast(venue)),
                List.of(new VenueSettings.Account(ACCOUNT, new ConfigView("venues[" + name + "].accounts[alice]",
                        account))));
    }

    static VenueSettings settings(String name, Map<String, Object> venue) {
        return settings(name, venue, Map.of("apiKey", API_KEY, "secret", SECRET));
    }

    static CcxtAdapter adapter(String name, Map<String, Object> venue) {
        return new CcxtAdapter(name, CcxtConfig.from(settings(name, venue)));
    }

    /** {@link #adapter(String, Map)} reporting to {@code telemetry}. */
    static CcxtAdapter adapter(String name, Map<String, Object> venue, io.fixbridge.venue.VenueTelemetry telemetry) {
        return new CcxtAdapter(name, CcxtConfig.from(settings(name, venue)), telemetry);
    }

    /** A simulator's book as {@link MarketDataRecorder#lines} writes an adapter's. */
    static List<String> bookLines(BookFeed.Snapshot book) {
        return MarketDataRecorder.bookLines(book.bids(), book.asks(), BookFeed.Level::price, BookFeed.Level::size);
    }
}
