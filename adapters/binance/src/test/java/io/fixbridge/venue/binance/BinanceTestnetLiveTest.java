package io.fixbridge.venue.binance;

import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against Binance's spot testnet (https://testnet.binance.vision): connect, place a limit buy far
 * below the market, query it, cancel it. Runs only when BINANCE_TESTNET_API_KEY and
 * BINANCE_TESTNET_API_SECRET are set (an HMAC testnet key); skipped otherwise.
 */
@Tag("exchange-integration")
class BinanceTestnetLiveTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private BinanceAdapter adapter;
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void connect() throws Exception {
        String key = System.getenv("BINANCE_TESTNET_API_KEY");
        String secret = System.getenv("BINANCE_TESTNET_API_SECRET");
        assumeTrue(key != null && !key.isBlank() && secret != null && !secret.isBlank(),
                "BINANCE_TESTNET_API_KEY and BINANCE_TESTNET_API_SECRET are not set");
        VenueSettings settings = new VenueSettings("binance-testnet", "binance",
                new ConfigView("venues[binance-testnet]", Map.of("testnet", true, "markets", List.of("spot"))),
                List.of(new VenueSettings.Account("main", new ConfigView("venues[binance-testnet].accounts[main]",
                        Map.of("apiKey", key, "secret", secret)))));
        adapter = new BinanceAdapter("binance-testnet", BinanceConfig.from(settings));
        adapter.subscribe(events);
        adapter.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    @Test
    void farLimitOrderIsPlacedQueriedAndCanceled() throws Exception {
        Instrument btc = adapter.instruments().stream().filter(i -> i.symbol().equals("BTC/USDT")).findFirst()
                .orElseThrow();
        BigDecimal price = btc.tickAbove(new BigDecimal("1000"));
        BigDecimal quantity = btc.minNotional().max(BigDecimal.TEN).multiply(new BigDecimal("2"))
                .divide(price, btc.lotSize().scale(), RoundingMode.UP).max(btc.minQuantity());
        String id = UUID.randomUUID().toString().replace("-", "");
        OrderRequest order = OrderRequest.builder().account("main").clientOrderId(id).symbol("BTC/USDT")
                .side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC).quantity(quantity).price(price)
                .build();

        OrderEvent.Accepted accepted = adapter.submit(order).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        OrderSnapshot snapshot = adapter.queryOrder("main", "BTC/USDT", id).get(TIMEOUT.toSeconds(),
                TimeUnit.SECONDS).orElseThrow();
        OrderEvent.Canceled canceled = adapter.cancel(new CancelRequest("main", "BTC/USDT", id,
                accepted.venueOrderId())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(snapshot.status()).isEqualTo(OrderSnapshot.Status.NEW);
        assertThat(snapshot.price()).isEqualByComparingTo(price);
        assertThat(canceled.venueOrderId()).isEqualTo(accepted.venueOrderId());
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(events.of(OrderEvent.Canceled.class, id)).hasSize(1));
    }
}
