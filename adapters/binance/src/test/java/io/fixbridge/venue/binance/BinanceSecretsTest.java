package io.fixbridge.venue.binance;

import io.fixbridge.testkit.LogCapture;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.fixbridge.venue.binance.AdapterHarness.limit;
import static io.fixbridge.venue.binance.AdapterHarness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Credentials never show: with known key and secret strings, every failure the adapter can meet
 * (refused signature, refused orders, a lost answer, a dead venue, bad settings) is exercised and
 * no log line of the adapter or the kit, no exception message (with its causes) and no
 * {@code toString} may contain them.
 */
class BinanceSecretsTest {
    private final List<String> messages = new ArrayList<>();

    private void collect(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(AdapterHarness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                messages.add(t.toString());
                if (t instanceof VenueException v) {
                    messages.add(v.error().toString());
                }
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }

    private static VenueSettings withSecret(SimSupport sim, String secret) {
        VenueSettings s = sim.settings(Map.of());
        return new VenueSettings(s.name(), s.type(), s.settings(), List.of(new VenueSettings.Account(
                SimSupport.ACCOUNT, new ConfigView("venues[binance-sim].accounts[alice]",
                Map.of("apiKey", SimSupport.API_KEY, "secret", secret)))));
    }

    @Test
    void noLogLineExceptionOrToStringShowsTheKeyOrTheSecret() throws Exception {
        String wrongSecret = "WRONG-secret-5e1d9c3b7a2f4e6d8c0b";
        try (LogCapture log = new LogCapture()) {
            SimSupport sim = SimSupport.start();
            BinanceConfig good = BinanceConfig.from(sim.settings(Map.of()));
            BinanceConfig bad = BinanceConfig.from(withSecret(sim, wrongSecret));
            messages.add(good.toString());
            messages.add(bad.toString());

            BinanceAdapter refused = new BinanceAdapter("binance-sim", bad);
            collect(refused.connect());
            refused.close();

            AdapterHarness h = new AdapterHarness(sim, Map.of());
            collect(h.adapter.submit(limit("BTC/USDT", Side.BUY, "100", "59000").build()));
            collect(h.adapter.submit(limit("BTC/USDT:USDT", Side.BUY, "0.003", "60010").postOnly(true).build()));
            sim.sim.faults().loseNextOrderResponse();
            collect(h.adapter.submit(limit("BTC/USDT", Side.BUY, "0.01", "59000").build()));
            sim.sim.faults().failNextRequests(1, 502);
            collect(h.adapter.submit(order("BTC/USDT", Side.BUY, OrderType.MARKET, "0.01").build()));
            sim.sim.faults().dropUserDataStreams();
            sim.close();
            collect(h.adapter.submit(limit("BTC/USDT", Side.BUY, "0.01", "59000").build()));
            collect(h.adapter.queryOrder(SimSupport.ACCOUNT, "BTC/USDT", AdapterHarness.newId()));
            h.adapter.close();

            List<String> lines = log.lines().stream().filter(l -> l.contains(" io.fixbridge.venue.")).toList();
            assertThat(lines).as("the adapter logged what happened").isNotEmpty();
            assertThat(messages).as("failures were collected").hasSizeGreaterThan(6);
            for (String secret : List.of(SimSupport.API_KEY, SimSupport.SECRET, wrongSecret)) {
                assertThat(lines).noneMatch(l -> l.contains(secret));
                assertThat(messages).noneMatch(m -> m.contains(secret));
            }
        }
    }

    @Test
    void aBadPrivateKeyIsRefusedWithoutShowingIt() {
        String notAKey = "-----BEGIN PRIVATE KEY-----\nTk9UQUtFWW5vdGFrZXlub3Rha2V5\n-----END PRIVATE KEY-----\n";
        VenueSettings s = new VenueSettings("binance", "binance", ConfigView.empty("venues[binance]"), List.of(
                new VenueSettings.Account("main", new ConfigView("venues[binance].accounts[main]",
                        Map.of("apiKey", SimSupport.API_KEY, "privateKey", notAKey)))));

        assertThatThrownBy(() -> new BinanceAdapterFactory().create(s))
                .isInstanceOf(VenueConfigException.class)
                .hasMessageContaining("venues[binance].accounts[main].privateKey")
                .hasMessageNotContaining("Tk9UQUtFWW5vdGFrZXlub3Rha2V5")
                .hasMessageNotContaining(SimSupport.API_KEY);
    }

    @Test
    void theFactoryIsFoundByServiceLoaderUnderTypeBinance() {
        assertThat(java.util.ServiceLoader.load(io.fixbridge.venue.VenueAdapterFactory.class).stream()
                .map(p -> p.get().type())).contains("binance");
    }

    @Test
    void anUnconnectedAdapterRefusesRetryably() {
        BinanceAdapter adapter = new BinanceAdapter("binance", BinanceConfig.from(new VenueSettings("binance",
                "binance", ConfigView.empty("venues[binance]"), List.of(new VenueSettings.Account("main",
                new ConfigView("venues[binance].accounts[main]", Map.of("apiKey", SimSupport.API_KEY,
                        "secret", SimSupport.SECRET))))))) ;
        try {
            VenueError e = AdapterHarness.failure(adapter.submit(limit("BTC/USDT", Side.BUY, "0.01", "59000")
                    .account("main").build()));
            VenueError unknownAccount = AdapterHarness.failure(adapter.balances("nobody"));

            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(e.message()).contains("not connected");
            assertThat(unknownAccount.reason()).isEqualTo(io.fixbridge.venue.RejectReason.UNKNOWN_ACCOUNT);
        } finally {
            adapter.close();
            adapter.close();
        }
        VenueError closed = AdapterHarness.failure(adapter.connect());
        assertThat(closed.reason()).isEqualTo(io.fixbridge.venue.RejectReason.VENUE_CLOSED);
    }
}
