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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.fix.Orders;
import io.fixbridge.gateway.fix.TestGatewayAccess;
import io.fixbridge.gateway.order.ClientOrderIds;
import io.fixbridge.sims.bybit.BybitSimulator;
import io.fixbridge.sims.bybit.SimAccount;
import io.fixbridge.sims.bybit.TruthOrder;
import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/**
 * FIX -> gateway -> CcxtAdapter -> Node sidecar -> ccxt's own {@code bybit} class ->
 * BybitSimulator, with the private WebSocket through ccxt's watchOrders / watchMyTrades: linear
 * limit and cancel, a market fill with Bybit's exec id, an amend that keeps the venue order, and
 * Bybit's insufficient-balance refusal as 103=3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CcxtBybitEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SESSION = "FIX.4.4:FIXBRIDGE->OMS1";
    private static final String API_KEY = "oms-ccxt-bybit-key";
    private static final String SECRET = "oms-ccxt-bybit-secret-3c1e";
    private static final AtomicInteger IDS = new AtomicInteger();

    private BybitSimulator sim;
    private TestGatewayAccess gateway;
    private FixTestClient client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        sim = BybitSimulator.builder()
                .account(SimAccount.hmac("alice", API_KEY, SECRET)
                        .balance("USDT", "1000000").balance("BTC", "10").balance("ETH", "100").build())
                .walkIntervalMs(0)
                .build();
        sim.start();
        String h = sim.baseUrl();
        String w = sim.privateWsUrl();
        Path bridge = Path.of("..", "adapters", "ccxt", "bridge").toAbsolutePath().normalize();
        gateway = TestGatewayAccess.start(dir, """
                venues:
                  - name: bybit-ccxt
                    type: ccxt
                    exchange: bybit
                    bridgeDirectory: %s
                    streams: watch
                    streamSymbols: [BTC/USDT:USDT]
                    options:
                      adjustForTimeDifference: false
                      fetchMarkets: { types: [spot, linear] }
                    urls:
                      api:
                        spot: %s
                        futures: %s
                        v2: %s
                        public: %s
                        private: %s
                        ws: { private: { spot: { unified: %s }, contract: %s } }
                    accounts:
                      - name: main
                        apiKey: %s
                        secret: %s
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: bybit-ccxt, account: main }
                """.formatted(bridge, h, h, h, h, h, w, w, API_KEY, SECRET));
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
    void aLinearLimitRestsUnderItsOrderLinkIdAndIsCanceled() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT:USDT", '1', "0.01", "50000"));
        Message acked = await(report(id, '0'));
        assertThat(f(acked, 198)).isEqualTo(truth(id).orderId());
        String cancel = id();
        client.send(Orders.cancel(cancel, id, "BTC/USDT:USDT", '1'));
        await(report(cancel, '4'));
        assertThat(truth(id).orderStatus()).isEqualTo("Cancelled");
    }

    @Test
    void aMarketOrderFillsWithBybitsExecIds() throws Exception {
        String id = id();
        client.send(Orders.market(id, "BTC/USDT:USDT", '1', "0.01"));
        Message last = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(last, 14))).isEqualByComparingTo("0.01");
        assertThat(truth(id).executions()).extracting(x -> x.execId()).contains(f(last, 880));
        String close = id();
        Message reduce = Orders.market(close, "BTC/USDT:USDT", '2', "0.01");
        reduce.setString(18, "E");
        client.send(reduce);
        await(m -> report(close, 'F').test(m) && "2".equals(f(m, 39)));
    }

    @Test
    void anAmendKeepsTheVenueOrder() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT:USDT", '1', "0.01", "50000"));
        Message acked = await(report(id, '0'));
        String replace = id();
        client.send(Orders.replace(replace, id, "BTC/USDT:USDT", '1', "0.02", "49000"));
        Message replaced = await(report(replace, '5'));
        assertThat(f(replaced, 198)).isEqualTo(f(acked, 198));
        assertThat(truth(id).price()).isEqualByComparingTo("49000");
        String cancel = id();
        client.send(Orders.cancel(cancel, replace, "BTC/USDT:USDT", '1'));
        await(report(cancel, '4'));
    }

    @Test
    void insufficientMarginArrivesAsOrdRejReason3() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDT:USDT", '1', "1000", "50000"));
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 103)).isEqualTo("3");
        assertThat(f(rejected, 20001)).isNotBlank();
    }

    private TruthOrder truth(String clOrdId) {
        String linkId = ClientOrderIds.derive(SESSION, clOrdId);
        return sim.truth().orders("alice").stream().filter(o -> linkId.equals(o.orderLinkId())).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the simulator has no order for ClOrdID " + clOrdId));
    }

    private Message await(Predicate<Message> matcher) throws InterruptedException {
        return client.awaitMessage(matcher, WAIT);
    }

    private static String id() {
        return "B" + IDS.incrementAndGet() + "-" + System.nanoTime();
    }
}
