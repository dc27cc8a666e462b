package io.fixbridge.gateway.ccxt;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.fix.Orders;
import io.fixbridge.gateway.fix.TestGatewayAccess;
import io.fixbridge.gateway.order.ClientOrderIds;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.SimAccount;
import io.fixbridge.sims.binance.TruthOrder;
import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/**
 * FIX -> gateway -> CcxtAdapter -> Node sidecar -> ccxt's own {@code binance} class ->
 * BinanceSimulator, over real sockets and a real child process: limit, market, IOC and stop-limit
 * orders, cancel, edit (Binance's cancel-replace: a new venue order), fills with Binance's trade
 * ids, Binance's refusals arriving as the right OrdRejReasons, and a sidecar killed with SIGKILL
 * whose missed fill arrives once after the restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CcxtEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SESSION = "FIX.4.4:FIXBRIDGE->OMS1";
    private static final String API_KEY = "oms-ccxt-key";
    private static final String SECRET = "oms-ccxt-secret-91d4";
    private static final AtomicInteger IDS = new AtomicInteger();

    private BinanceSimulator sim;
    private TestGatewayAccess gateway;
    private FixTestClient client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        sim = BinanceSimulator.builder()
                .account(SimAccount.hmac("alice", API_KEY, SECRET)
                        .spotBalance("USDT", "1000000").spotBalance("BTC", "10").spotBalance("ETH", "100")
                        .futuresBalance("USDT", "1000000").build())
                .walkIntervalMs(0)
                .build();
        sim.start();
        String base = sim.baseUrl();
        Path bridge = Path.of("..", "adapters", "ccxt", "bridge").toAbsolutePath().normalize();
        gateway = TestGatewayAccess.start(dir, """
                venues:
                  - name: binance-ccxt
                    type: ccxt
                    exchange: binance
                    bridgeDirectory: %s
                    streams: poll
                    pollIntervalMs: 200
                    streamSymbols: [BTC/USDT, ETH/USDT]
                    options:
                      fetchCurrencies: false
                      fetchMargins: false
                      adjustForTimeDifference: false
                      fetchMarkets: { types: [spot] }
                    urls:
                      api:
                        public: %s/api/v3
                        private: %s/api/v3
                        v1: %s/api/v1
                    accounts:
                      - name: main
                        apiKey: %s
                        secret: %s
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: binance-ccxt, account: main }
                """.formatted(bridge, base, base, base, API_KEY, SECRET));
        client = gateway.client(dir.resolve("client-store"));
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aLimitOrderRestsUnderItsClientOrderIdAndIsCanceled() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        await(report(id, 'A'));
        Message acked = await(report(id, '0'));
        TruthOrder resting = truth(id);
        assertThat(f(acked, 198)).isEqualTo(String.valueOf(resting.orderId()));

        String cancel = id();
        client.send(Orders.cancel(cancel, id, "BTC/USDT", '1'));
        await(report(cancel, '4'));
        assertThat(truth(id).status()).isEqualTo("CANCELED");
    }

    @Test
    void aMarketableLimitFillsWithBinancesTradeIds() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.8", "60500"));
        Message last = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(last, 14))).isEqualByComparingTo("0.8");
        assertThat(truth(id).fills()).extracting(x -> String.valueOf(x.tradeId())).contains(f(last, 880));
        sell("BTC/USDT", "0.8");
    }

    @Test
    void aMarketOrderFills() throws Exception {
        String id = id();
        client.send(Orders.market(id, "ETH/USDT", '1', "1"));
        Message last = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(last, 14))).isEqualByComparingTo("1");
        sell("ETH/USDT", "1");
    }

    @Test
    void anEditIsBinancesCancelReplaceAndTheOrderGetsANewVenueId() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
        Message acked = await(report(id, '0'));
        String replace = id();
        client.send(Orders.replace(replace, id, "BTC/USDT", '1', "0.02", "49000"));
        Message replaced = await(report(replace, '5'));
        assertThat(f(replaced, 198)).isNotEqualTo(f(acked, 198));
        assertThat(truth(replace).status()).isEqualTo("NEW");
        assertThat(truth(id).status()).isEqualTo("CANCELED");
        String cancel = id();
        client.send(Orders.cancel(cancel, replace, "BTC/USDT", '1'));
        await(report(cancel, '4'));
    }

    @Test
    void insufficientFundsArriveAsOrdRejReason3() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "100", "50000"));
        await(report(id, 'A'));
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 103)).isEqualTo("3");
        assertThat(f(rejected, 58)).isNotBlank();
    }

    @Test
    void aPostOnlyOrderThatWouldTakeIsRefused() throws Exception {
        String id = id();
        Message order = limit(id, "BTC/USDT", '1', "0.01", "60500");
        order.setString(18, "6");
        client.send(order);
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 103)).isEqualTo("99");
        Awaitility.await().atMost(WAIT).until(() -> sim.truth().spotOrders("alice").stream()
                .noneMatch(o -> o.clientOrderId().equals(ClientOrderIds.derive(SESSION, id))
                        && !"EXPIRED".equals(o.status()) && !"REJECTED".equals(o.status())));
    }

    @Test
    void anIocThatCannotFillExpires() throws Exception {
        String id = id();
        Message order = limit(id, "BTC/USDT", '1', "0.01", "59000");
        order.setChar(59, '3');
        client.send(order);
        Message expired = await(report(id, 'C'));
        assertThat(new BigDecimal(f(expired, 14))).isZero();
        assertThat(new BigDecimal(f(expired, 151))).isZero();
    }

    @Test
    void aStopLimitRestsUntriggeredAndIsCanceled() throws Exception {
        String id = id();
        Message order = limit(id, "BTC/USDT", '2', "0.01", "58000");
        order.setChar(40, '4');
        order.setString(99, "58500");
        client.send(order);
        Message acked = await(report(id, '0'));
        assertThat(truth(id).type()).isEqualTo("STOP_LOSS_LIMIT");
        assertThat(f(acked, 99)).isEqualTo("58500");
        String cancel = id();
        client.send(Orders.cancel(cancel, id, "BTC/USDT", '2'));
        await(report(cancel, '4'));
    }

    @Test
    void aFillWhileTheSidecarIsDeadIsReportedOnceAfterItsRestart() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT", '1', "0.01", "59990"));
        await(report(id, '0'));

        ProcessHandle sidecar = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("main.mjs")).findFirst()
                .orElseThrow(() -> new AssertionError("no sidecar process under the gateway"));
        sidecar.destroyForcibly();
        Awaitility.await().atMost(WAIT).until(() -> !sidecar.isAlive());
        sim.spotMarket().moveMid("BTCUSDT", -2000);
        assertThat(truth(id).status()).isEqualTo("FILLED");

        Message fill = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(fill, 14))).isEqualByComparingTo("0.01");
        assertThat(f(fill, 880)).isEqualTo(String.valueOf(truth(id).fills().get(0).tradeId()));
        client.assertNoMessage(report(id, 'F'), Duration.ofMillis(1000));

        // the restarted sidecar trades on: one order, one venue order
        String after = id();
        client.send(limit(after, "BTC/USDT", '1', "0.01", "50000"));
        await(report(after, '0'));
        assertThat(sim.truth().spotOrders("alice").stream()
                .filter(o -> o.clientOrderId().equals(ClientOrderIds.derive(SESSION, after)))).hasSize(1);
        sim.spotMarket().moveMid("BTCUSDT", 2000);
        String cancel = id();
        client.send(Orders.cancel(cancel, after, "BTC/USDT", '1'));
        await(report(cancel, '4'));
        sell("BTC/USDT", "0.01");
    }

    private void sell(String symbol, String qty) throws InterruptedException {
        String id = id();
        client.send(Orders.market(id, symbol, '2', qty));
        await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
    }

    private TruthOrder truth(String clOrdId) {
        String clientId = ClientOrderIds.derive(SESSION, clOrdId);
        return sim.truth().spotOrders("alice").stream().filter(o -> o.clientOrderId().equals(clientId))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the simulator has no order for ClOrdID " + clOrdId));
    }

    private Message await(Predicate<Message> matcher) throws InterruptedException {
        return client.awaitMessage(matcher, WAIT);
    }

    private static String id() {
        return "C" + IDS.incrementAndGet() + "-" + System.nanoTime();
    }
}
