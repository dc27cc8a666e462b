package io.fixbridge.venue.bybit;

import io.fixbridge.testkit.LogCapture;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueAdapterFactory;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.fixbridge.venue.bybit.AdapterHarness.limit;
import static io.fixbridge.venue.bybit.AdapterHarness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credentials never show: with known key and secret strings, every failure the adapter can meet
 * (refused stream authentication, refused signatures, refused orders, a lost answer, server errors, a
 * dropped stream, a dead venue) is exercised and no log line of the adapter or the kit, no exception
 * message (with its causes) and no {@code toString} may contain them. Refused credentials also mark
 * the account.
 */
class BybitSecretsTest {
    private static final String WRONG_SECRET = "WRONG-secret-5e1d9c3b7a2f4e6d8c0b";
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

    @Test
    void aRefusedKeyFailsConnectMarksTheAccountAndIsNeverShown() throws Exception {
        try (LogCapture log = new LogCapture(); SimSupport sim = SimSupport.start()) {
            BybitConfig bad = BybitConfig.from(sim.settings(Map.of("categories", List.of("spot")),
                    Map.of("apiKey", SimSupport.API_KEY, "secret", WRONG_SECRET)));
            BybitAdapter refused = new BybitAdapter("bybit-sim", bad);
            try {
                VenueError e = AdapterHarness.failure(refused.connect());

                assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
                assertThat(e.message()).contains("authentication");
                assertThat(refused.healthStatus().accountsRefused()).containsKey(SimSupport.ACCOUNT);
                VenueError order = AdapterHarness.failure(refused.submit(limit("BTC/USDT", Side.BUY, "0.001",
                        "50000.00").build()));
                assertThat(order.reason()).isEqualTo(RejectReason.OTHER);
                assertThat(order.message()).contains("credentials");
                collect(refused.balances(SimSupport.ACCOUNT));
            } finally {
                refused.close();
            }
            BybitAdapter unknownKey = new BybitAdapter("bybit-sim", BybitConfig.from(sim.settings(Map.of(),
                    Map.of("apiKey", "unknown-" + SimSupport.API_KEY, "secret", WRONG_SECRET))));
            try {
                assertThat(AdapterHarness.failure(unknownKey.connect()).outcome()).isEqualTo(VenueError.Outcome.REJECTED);
                VenueError rest = AdapterHarness.failure(unknownKey.balances(SimSupport.ACCOUNT));
                assertThat(rest.code()).isEqualTo("10003");
                assertThat(rest.reason()).isEqualTo(RejectReason.OTHER);
                collect(unknownKey.positions(SimSupport.ACCOUNT));
            } finally {
                unknownKey.close();
            }
            assertThat(sim.sim.truth().orders(SimSupport.ACCOUNT)).isEmpty();
            assertThat(log.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("refused the credentials"));
            assertNothingShows(log, bad.toString());
        }
    }

    @Test
    void noLogLineExceptionOrToStringShowsTheKeyOrTheSecret() throws Exception {
        try (LogCapture log = new LogCapture()) {
            SimSupport sim = SimSupport.start();
            AdapterHarness h = new AdapterHarness(sim, Map.of());
            messages.add(BybitConfig.from(sim.settings(Map.of())).toString());
            collect(h.adapter.submit(limit("BTC/USDT", Side.BUY, "20", "59000.00").build()));
            collect(h.adapter.submit(limit("BTC/USDT:USDT", Side.BUY, "0.003", "60010.0").postOnly(true).build()));
            sim.sim.faults().loseNextOrderResponse();
            collect(h.adapter.submit(limit("BTC/USDT", Side.BUY, "0.001", "59000.00").build()));
            sim.sim.faults().failNextRequests(1, 502);
            collect(h.adapter.submit(order("BTC/USDT", Side.BUY, OrderType.MARKET, "0.001").build()));
            sim.sim.faults().dropPrivateStreams();
            await().atMost(AdapterHarness.TIMEOUT).until(() -> sim.sim.truth().openPrivateConnections() == 1);
            sim.close();
            collect(h.adapter.submit(limit("BTC/USDT", Side.BUY, "0.001", "59000.00").build()));
            collect(h.adapter.queryOrder(SimSupport.ACCOUNT, "BTC/USDT", AdapterHarness.newId()));
            h.adapter.close();

            assertThat(messages).as("failures were collected").hasSizeGreaterThan(6);
            assertNothingShows(log, h.adapter.toString());
        }
    }

    private void assertNothingShows(LogCapture log, String... more) {
        List<String> lines = log.lines().stream().filter(l -> l.contains(" io.fixbridge.venue.")).toList();
        assertThat(lines).as("the adapter logged what happened").isNotEmpty();
        for (String secret : List.of(SimSupport.API_KEY, SimSupport.SECRET, WRONG_SECRET)) {
            assertThat(lines).noneMatch(l -> l.contains(secret));
            assertThat(messages).noneMatch(m -> m.contains(secret));
            assertThat(List.of(more)).noneMatch(m -> m.contains(secret));
        }
    }

    @Test
    void theFactoryIsFoundByServiceLoaderUnderTypeBybit() {
        assertThat(ServiceLoader.load(VenueAdapterFactory.class).stream().map(p -> p.get().type()))
                .contains("bybit");
        VenueSettings s = new VenueSettings("bybit", "bybit", ConfigView.empty("venues[bybit]"), List.of(
                new VenueSettings.Account("main", new ConfigView("venues[bybit].accounts[main]",
                        Map.of("apiKey", SimSupport.API_KEY, "secret", SimSupport.SECRET)))));
        var adapter = new BybitAdapterFactory().create(s);
        try {
            assertThat(adapter.name()).isEqualTo("bybit");
            assertThat(adapter.capabilities()).isEqualTo(BybitAdapter.CAPABILITIES);
        } finally {
            adapter.close();
        }
    }

    @Test
    void anUnconnectedAdapterRefusesRetryablyAndAClosedOneAsClosed() {
        BybitAdapter adapter = new BybitAdapter("bybit", BybitConfig.from(new VenueSettings("bybit", "bybit",
                ConfigView.empty("venues[bybit]"), List.of(new VenueSettings.Account("main",
                new ConfigView("venues[bybit].accounts[main]", Map.of("apiKey", SimSupport.API_KEY,
                        "secret", SimSupport.SECRET)))))));
        try {
            VenueError e = AdapterHarness.failure(adapter.submit(limit("BTC/USDT", Side.BUY, "0.01", "59000")
                    .account("main").build()));
            VenueError unknownAccount = AdapterHarness.failure(adapter.balances("nobody"));

            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
            assertThat(e.message()).contains("not connected");
            assertThat(unknownAccount.reason()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
        } finally {
            adapter.close();
            adapter.close();
        }
        VenueError closed = AdapterHarness.failure(adapter.connect());
        assertThat(closed.reason()).isEqualTo(RejectReason.VENUE_CLOSED);
    }
}
