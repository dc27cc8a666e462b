package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.bybit.BybitSimulator;
import io.fixbridge.venue.ReferencePrice;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reference prices through the real sidecar over sockets: polled every 100 ms from connect on, they follow the
 * simulators' markets (Bybit through fetchTickers, Binance through fetchBidsAsks), with asOf advancing.
 */
class CcxtReferencePriceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static Map<String, Object> every100ms(Map<String, Object> venue) {
        Map<String, Object> out = new LinkedHashMap<>(venue);
        out.put("referencePriceIntervalMs", 100);
        return out;
    }

    @Test
    void bybitSpotPricesFollowTheMarketThroughFetchTickers() throws Exception {
        BybitSimulator sim = SimSupport.bybit();
        CcxtAdapter adapter = SimSupport.adapter("bybit-sim", every100ms(SimSupport.bybitVenue(sim)));
        try {
            assertThat(adapter.referencePrice("BTC/USDT")).as("before connect").isEmpty();
            adapter.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ReferencePrice first = awaitPrice(adapter, "BTC/USDT", sim.spotMarket().mid("BTCUSDT"), Instant.MIN);
            assertThat(first.kind()).isEqualTo(ReferencePrice.Kind.MID);

            sim.spotMarket().moveMid("BTCUSDT", -300);

            BigDecimal moved = sim.spotMarket().mid("BTCUSDT");
            assertThat(moved).isNotEqualByComparingTo(first.price());
            awaitPrice(adapter, "BTC/USDT", moved, first.asOf());
            assertThat(adapter.referencePrice("NOSUCH/COIN")).isEmpty();
        } finally {
            adapter.close();
            sim.close();
        }
    }

    @Test
    void bybitPricesFollowAgainAfterFailedPolls() throws Exception {
        BybitSimulator sim = SimSupport.bybit();
        CcxtAdapter adapter = SimSupport.adapter("bybit-sim", every100ms(SimSupport.bybitVenue(sim)));
        try {
            adapter.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ReferencePrice first = awaitPrice(adapter, "BTC/USDT", sim.spotMarket().mid("BTCUSDT"), Instant.MIN);

            sim.faults().failNextRequests(5, 502);
            sim.spotMarket().moveMid("BTCUSDT", 200);

            awaitPrice(adapter, "BTC/USDT", sim.spotMarket().mid("BTCUSDT"), first.asOf());
        } finally {
            adapter.close();
            sim.close();
        }
    }

    @Test
    void binanceSpotAndPerpetualPricesFollowTheMarketThroughBookTicker() throws Exception {
        BinanceSimulator sim = SimSupport.binance();
        CcxtAdapter adapter = SimSupport.adapter("binance-sim", every100ms(SimSupport.binanceVenue(sim)));
        try {
            adapter.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ReferencePrice spot = awaitPrice(adapter, "BTC/USDT", sim.spotMarket().mid("BTCUSDT"), Instant.MIN);
            ReferencePrice perp = awaitPrice(adapter, "BTC/USDT:USDT", sim.futuresMarket().mid("BTCUSDT"), Instant.MIN);
            assertThat(spot.kind()).isEqualTo(ReferencePrice.Kind.MID);
            assertThat(perp.kind()).isEqualTo(ReferencePrice.Kind.MID);

            sim.spotMarket().moveMid("BTCUSDT", 400);
            sim.futuresMarket().moveMid("BTCUSDT", -400);

            assertThat(sim.spotMarket().mid("BTCUSDT")).isNotEqualByComparingTo(spot.price());
            awaitPrice(adapter, "BTC/USDT", sim.spotMarket().mid("BTCUSDT"), spot.asOf());
            awaitPrice(adapter, "BTC/USDT:USDT", sim.futuresMarket().mid("BTCUSDT"), perp.asOf());
        } finally {
            adapter.close();
            sim.close();
        }
    }

    /** Waits until {@code symbol}'s price is {@code price}, received after {@code after}; returns it. */
    private static ReferencePrice awaitPrice(CcxtAdapter adapter, String symbol, BigDecimal price, Instant after) {
        return await().atMost(TIMEOUT).until(() -> adapter.referencePrice(symbol).orElse(null),
                p -> p != null && p.price().compareTo(price) == 0 && p.asOf().isAfter(after));
    }
}
