package io.fixbridge.venue.bybit;

import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.ReplaceRequest;
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
 * Against Bybit's testnet (https://api-testnet.bybit.com, wss://stream-testnet.bybit.com/v5/private):
 * connect, place a linear limit buy 20 % below the last price, amend it, query it, cancel it; read the
 * wallet. Runs only when BYBIT_TESTNET_API_KEY and BYBIT_TESTNET_API_SECRET are set (an HMAC key of a
 * unified testnet account); skipped otherwise.
 */
@Tag("exchange-integration")
class BybitTestnetLiveTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private BybitAdapter adapter;
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void connect() throws Exception {
        String key = System.getenv("BYBIT_TESTNET_API_KEY");
        String secret = System.getenv("BYBIT_TESTNET_API_SECRET");
        assumeTrue(key != null && !key.isBlank() && secret != null && !secret.isBlank(),
                "BYBIT_TESTNET_API_KEY and BYBIT_TESTNET_API_SECRET are not set");
        VenueSettings settings = new VenueSettings("bybit-testnet", "bybit",
                new ConfigView("venues[bybit-testnet]", Map.of("testnet", true, "categories", List.of("linear"))),
                List.of(new VenueSettings.Account("main", new ConfigView("venues[bybit-testnet].accounts[main]",
                        Map.of("apiKey", key, "secret", secret)))));
        adapter = new BybitAdapter("bybit-testnet", BybitConfig.from(settings));
        adapter.subscribe(events);
        adapter.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    /** The last price of a linear symbol from Bybit's public tickers (testnet). */
    private static BigDecimal lastPrice(String symbol) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(BybitConfig.TESTNET_REST
                        + "/v5/market/tickers?category=linear&symbol=" + symbol)).timeout(TIMEOUT).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new BigDecimal(BybitJson.tree(r.body()).path("result").path("list").get(0).get("lastPrice").asText());
    }

    @Test
    void farLimitOrderIsPlacedAmendedQueriedAndCanceled() throws Exception {
        Instrument btc = adapter.instruments().stream().filter(i -> i.symbol().equals("BTC/USDT:USDT")).findFirst()
                .orElseThrow();
        BigDecimal price = btc.tickAbove(lastPrice("BTCUSDT").multiply(new BigDecimal("0.8")));
        BigDecimal quantity = io.fixbridge.venue.kit.rules.InstrumentRules.roundToStep(btc.minNotional()
                .multiply(new BigDecimal("2")).divide(price, 12, RoundingMode.UP), btc.lotSize(), RoundingMode.CEILING)
                .max(btc.minQuantity());
        String id = UUID.randomUUID().toString().replace("-", "");
        OrderRequest order = OrderRequest.builder().account("main").clientOrderId(id).symbol("BTC/USDT:USDT")
                .side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC).quantity(quantity).price(price)
                .build();

        OrderEvent.Accepted accepted = adapter.submit(order).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        BigDecimal lower = price.subtract(btc.tickSize());
        OrderEvent.Replaced replaced = adapter.replace(new ReplaceRequest(order, accepted.venueOrderId(),
                BigDecimal.ZERO, order.toBuilder().price(lower).build())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(adapter.queryOrder("main", "BTC/USDT:USDT", id)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).hasValueSatisfying(s -> {
                    assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW);
                    assertThat(s.price()).isEqualByComparingTo(lower);
                }));
        OrderEvent.Canceled canceled = adapter.cancel(new CancelRequest("main", "BTC/USDT:USDT", id,
                accepted.venueOrderId())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        List<Balance> balances = adapter.balances("main").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(replaced.newClientOrderId()).isEqualTo(id);
        assertThat(canceled.venueOrderId()).isEqualTo(accepted.venueOrderId());
        assertThat(balances).isNotEmpty();
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(events.of(OrderEvent.Canceled.class, id)).hasSize(1));
    }
}
