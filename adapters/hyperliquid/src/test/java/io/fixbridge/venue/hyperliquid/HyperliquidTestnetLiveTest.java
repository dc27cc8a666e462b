package io.fixbridge.venue.hyperliquid;

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
import io.fixbridge.venue.hyperliquid.dto.L2Book;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against Hyperliquid's testnet (https://api.hyperliquid-testnet.xyz, signing source "b"): connect, place a
 * BTC perpetual limit buy 20 % below the mid, modify it (new oid), query it, cancel it by cloid; read
 * balances. Runs only when HYPERLIQUID_TESTNET_PRIVATE_KEY is set (the key of a funded testnet account, or
 * of an API wallet with HYPERLIQUID_TESTNET_USER the account's address); skipped otherwise.
 */
@Tag("exchange-integration")
class HyperliquidTestnetLiveTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String BTC = "BTC/USDC:USDC";

    @TempDir
    Path nonces;

    private HyperliquidAdapter adapter;
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void connect() throws Exception {
        String key = System.getenv("HYPERLIQUID_TESTNET_PRIVATE_KEY");
        assumeTrue(key != null && !key.isBlank(), "HYPERLIQUID_TESTNET_PRIVATE_KEY is not set");
        Map<String, Object> account = new HashMap<>(Map.of("privateKey", key));
        String user = System.getenv("HYPERLIQUID_TESTNET_USER");
        if (user != null && !user.isBlank()) {
            account.put("user", user);
        }
        VenueSettings settings = new VenueSettings("hl-testnet", "hyperliquid", new ConfigView("venues[hl-testnet]",
                Map.of("testnet", true, "nonceDirectory", nonces.toString())), List.of(new VenueSettings.Account("main",
                new ConfigView("venues[hl-testnet].accounts[main]", account))));
        adapter = new HyperliquidAdapter("hl-testnet", HyperliquidConfig.from(settings));
        adapter.subscribe(events);
        adapter.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private static BigDecimal mid() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(HyperliquidConfig.TESTNET_REST + "/info"))
                        .header("Content-Type", "application/json").timeout(TIMEOUT)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"l2Book\",\"coin\":\"BTC\"}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return MidPrices.midOf(HyperliquidJson.convert(HyperliquidJson.tree(r.body()), L2Book.class)).orElseThrow();
    }

    @Test
    void farLimitOrderIsPlacedModifiedQueriedAndCanceled() throws Exception {
        Instrument btc = adapter.instruments().stream().filter(i -> i.symbol().equals(BTC)).findFirst().orElseThrow();
        BigDecimal price = btc.tickBelow(mid().multiply(new BigDecimal("0.8")));
        BigDecimal quantity = new BigDecimal("20").divide(price, btc.lotSize().scale(), RoundingMode.UP);
        String id = UUID.randomUUID().toString().replace("-", "");
        OrderRequest order = OrderRequest.builder().account("main").clientOrderId(id).symbol(BTC).side(Side.BUY)
                .type(OrderType.LIMIT).timeInForce(TimeInForce.GTC).quantity(quantity).price(price).build();

        OrderEvent.Accepted accepted = adapter.submit(order).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        BigDecimal lower = btc.tickBelow(price.subtract(btc.priceStep(price)));
        String newId = UUID.randomUUID().toString().replace("-", "");
        OrderEvent.Replaced replaced = adapter.replace(new ReplaceRequest(order, accepted.venueOrderId(),
                BigDecimal.ZERO, order.toBuilder().clientOrderId(newId).price(lower).build()))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(adapter.queryOrder("main", BTC, newId)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).hasValueSatisfying(s -> {
                    assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW);
                    assertThat(s.price()).isEqualByComparingTo(lower);
                }));
        OrderEvent.Canceled canceled = adapter.cancel(new CancelRequest("main", BTC, newId, replaced.venueOrderId()))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        List<Balance> balances = adapter.balances("main").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(replaced.newClientOrderId()).isEqualTo(newId);
        assertThat(canceled.clientOrderId()).isEqualTo(newId);
        assertThat(balances).extracting(Balance::asset).contains("USDC");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events.of(OrderEvent.Canceled.class, newId)).hasSize(1));
    }
}
