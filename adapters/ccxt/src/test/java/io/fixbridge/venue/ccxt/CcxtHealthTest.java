package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.testkit.LogCapture;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.fixbridge.venue.ccxt.Orders.answer;
import static io.fixbridge.venue.ccxt.Orders.failure;
import static io.fixbridge.venue.ccxt.Orders.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credentials refused by the exchange (a wrong secret against the Binance simulator): the order is rejected,
 * an ERROR names the account, its next orders are refused without being sent, the account comes back when a
 * probe succeeds; a server failure is outcome-unknown; and no credential ever
 * appears in a log line (ours or the sidecar's forwarded stderr), an
 * error message or a toString.
 */
class CcxtHealthTest {
    private static final String WRONG_SECRET = "wrong-secret-9f8e7d6c5b4a39281706";

    private BinanceSimulator sim;

    @BeforeEach
    void start() throws Exception {
        sim = SimSupport.binance();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void refusedCredentialsTakeTheAccountDownWithAnAlertAndNothingSecretIsEverShown() {
        Map<String, Object> venue = SimSupport.binanceVenue(sim);
        venue.put("streams", "poll");
        venue.put("streamSymbols", java.util.List.of("BTC/USDT")); // binance polls per symbol
        venue.put("healthProbeIntervalMs", 100000);
        CcxtAdapter adapter = new CcxtAdapter("binance-sim", CcxtConfig.from(SimSupport.settings("binance-sim", venue,
                Map.of("apiKey", SimSupport.API_KEY, "secret", WRONG_SECRET))));
        try (LogCapture logs = new LogCapture()) {
            adapter.subscribe(e -> { });
            answer(adapter.connect());

            VenueError refused = failure(adapter.submit(limit("BTC/USDT", Side.BUY, "0.001", "50000.00")));

            assertThat(refused.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
            assertThat(refused.reason()).isEqualTo(RejectReason.OTHER);
            assertThat(refused.message()).contains("AuthenticationError");
            assertThat(adapter.healthStatus().accountsDown()).containsKey(SimSupport.ACCOUNT);
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("account alice"));
            VenueError second = failure(adapter.submit(limit("BTC/USDT", Side.BUY, "0.001", "50000.00")));
            assertThat(second.message()).contains("refused account alice");
            assertThat(sim.truth().spotOrders(SimSupport.ACCOUNT)).isEmpty();

            adapter.close();
            for (String line : logs.lines()) {
                assertThat(line).doesNotContain(WRONG_SECRET).doesNotContain(SimSupport.API_KEY);
            }
            assertThat(refused.message()).doesNotContain(WRONG_SECRET, SimSupport.API_KEY);
            assertThat(adapter.toString()).doesNotContain(WRONG_SECRET, SimSupport.API_KEY);
        } finally {
            adapter.close();
        }
    }

    @Test
    void aServerFailureOfAnOrderIsOutcomeUnknownAndNotResent() {
        Map<String, Object> venue = SimSupport.binanceVenue(sim);
        venue.put("streams", "poll");
        venue.put("streamSymbols", java.util.List.of("BTC/USDT")); // binance polls per symbol
        venue.put("pollIntervalMs", 60000); // no poll request takes the injected failures but the first
        CcxtAdapter adapter = new CcxtAdapter("binance-sim", CcxtConfig.from(SimSupport.settings("binance-sim", venue)));
        try {
            adapter.subscribe(e -> { });
            answer(adapter.connect());
            sim.faults().failNextRequests(5, 503);

            var order = limit("BTC/USDT", Side.BUY, "0.001", "50000.00");
            VenueError e = failure(adapter.submit(order));

            // Binance's -1001 "Internal error" is ccxt's OperationFailed: maybe done, settled by a query
            assertThat(e.outcome()).as(e.message()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
            assertThat(e.message()).contains("OperationFailed");
            assertThat(e.code()).isEqualTo("-1001");
            assertThat(sim.truth().spotOrders(SimSupport.ACCOUNT)).as("never resent").isEmpty();
            sim.faults().reset();
            assertThat(answer(adapter.queryOrder(SimSupport.ACCOUNT, "BTC/USDT", order.clientOrderId()))).isEmpty();
        } finally {
            adapter.close();
        }
    }

    @Test
    void anAccountDownComesBackWhenTheProbeSucceeds() {
        Map<String, Object> venue = SimSupport.binanceVenue(sim);
        venue.put("streams", "poll");
        venue.put("streamSymbols", java.util.List.of("BTC/USDT")); // binance polls per symbol
        venue.put("healthProbeIntervalMs", 100);
        CcxtAdapter adapter = new CcxtAdapter("binance-sim", CcxtConfig.from(SimSupport.settings("binance-sim", venue)));
        try (LogCapture logs = new LogCapture()) {
            adapter.subscribe(e -> { });
            answer(adapter.connect());
            // a refusal of the credentials, as ccxt reports it, drives the account down; the probe brings it back
            adapter.accountRefusedForTest(SimSupport.ACCOUNT, "AuthenticationError: binance {\"code\":-2015}");
            assertThat(adapter.healthStatus().accountsDown()).containsKey(SimSupport.ACCOUNT);

            await().atMost(Duration.ofSeconds(10)).until(() -> adapter.healthStatus().healthy());
            OrderEvent.Accepted a = answer(adapter.submit(limit("BTC/USDT", Side.BUY, "0.001", "50000.00")));
            assertThat(a.venueOrderId()).isNotBlank();
            assertThat(logs.lines()).anyMatch(l -> l.contains("is accepted by the exchange again"));
        } finally {
            adapter.close();
        }
    }
}
