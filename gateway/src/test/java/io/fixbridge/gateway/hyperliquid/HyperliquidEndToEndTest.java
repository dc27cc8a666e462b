package io.fixbridge.gateway.hyperliquid;

import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.gateway.fix.Orders;
import io.fixbridge.gateway.fix.TestGatewayAccess;
import io.fixbridge.gateway.order.ClientOrderIds;
import io.fixbridge.sims.hyperliquid.HlFill;
import io.fixbridge.sims.hyperliquid.HyperliquidSimulator;
import io.fixbridge.sims.hyperliquid.TruthOrder;
import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.EthKeystore;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;
import io.fixbridge.venue.kit.sign.eth.KdfStrength;
import quickfix.Message;

/**
 * FIX -> gateway -> HyperliquidAdapter -> HyperliquidSimulator over real sockets. The gateway
 * signs with an API (agent) wallet kept in an encrypted keystore, trading for the account that
 * approved it: perpetual limit, post-only, IOC and market orders, stops and take profits fired by
 * the market, reduce-only, modify (a new venue order id), cancel by cloid, partial fills, spot
 * with its fee in the token received, the price rule refused before signing, venue rejects, and
 * a fill made while the WebSocket was down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HyperliquidEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SESSION = "FIX.4.4:FIXBRIDGE->OMS1";
    private static final String PASSPHRASE = "e2e keystore passphrase 7f3a";
    private static final AtomicInteger IDS = new AtomicInteger();

    private final EthSigningKey user = EthSigningKey.generate();
    private final EthSigningKey agent = EthSigningKey.generate();
    private HyperliquidSimulator sim;
    private TestGatewayAccess gateway;
    private FixTestClient client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        sim = HyperliquidSimulator.builder()
                .account(user.address(), HyperliquidSimulator.balances("PERP", "1000000", "USDC", "100000",
                        "PURR", "100000", "HYPE", "1000"))
                .agent(user.address(), agent.address())
                .walkIntervalMs(0)
                .build();
        sim.start();
        Path keystore = dir.resolve("agent.json");
        EthKeystore.importKey(keystore, agent, PASSPHRASE.toCharArray(), KdfStrength.LIGHT);
        Path passphrase = dir.resolve("agent.pass");
        Files.writeString(passphrase, PASSPHRASE + "\n", StandardCharsets.UTF_8);
        gateway = TestGatewayAccess.start(dir, """
                venues:
                  - name: hyperliquid
                    type: hyperliquid
                    restUrl: %s
                    wsUrl: %s
                    nonceDirectory: %s
                    accounts:
                      - name: main
                        user: "%s"
                        keystore: %s
                        passphraseFile: %s
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: hyperliquid, account: main }
                """.formatted(sim.baseUrl(), sim.wsUrl(), dir.resolve("nonces"), user.address().hex(), keystore,
                passphrase));
        client = gateway.client(dir.resolve("client-store"));
    }

    @AfterEach
    void clearFaults() {
        sim.faults().reset();
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
    void aPerpetualLimitRestsUnderItsCloidAndIsCanceledByIt() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDC:USDC", '1', "0.01", "59000"));
        await(report(id, 'A'));
        Message acked = await(report(id, '0'));
        TruthOrder resting = truth(id);
        assertThat(resting.cloid()).isEqualTo("0x" + ClientOrderIds.derive(SESSION, id));
        assertThat(f(acked, 198)).isEqualTo(String.valueOf(resting.oid()));
        assertThat(resting.user()).as("the agent trades for the user").isEqualToIgnoringCase(user.address().hex());

        String cancel = id();
        client.send(Orders.cancel(cancel, id, "BTC/USDC:USDC", '1'));
        await(report(cancel, '4'));
        assertThat(truth(id).status()).isEqualTo("canceled");
    }

    @Test
    void aMarketableLimitFillsAcrossTwoLevelsAsTwoTrades() throws Exception {
        String id = id();
        // ETH asks are 10 a level from 3000.1, so 15 ETH take two levels
        client.send(limit(id, "ETH/USDC:USDC", '1', "15", "3000.5"));
        Message first = await(report(id, 'F'));
        assertThat(f(first, 39)).isEqualTo("1");
        Message last = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(last, 14))).isEqualByComparingTo("15");
        assertThat(f(last, 479)).isEqualTo("USDC");
        assertThat(f(last, 851)).as("taker").isEqualTo("2");
        List<String> tids = sim.truth().fills(user.address()).stream()
                .filter(x -> truth(id).oid() == x.oid()).map(x -> String.valueOf(x.tid())).toList();
        assertThat(tids).hasSize(2).contains(f(last, 880));
        closePosition("ETH/USDC:USDC", '2', "15");
    }

    @Test
    void aPostOnlyOrderThatWouldTakeIsRejectedWithHyperliquidsText() throws Exception {
        String id = id();
        Message order = limit(id, "BTC/USDC:USDC", '1', "0.01", "60001");
        order.setString(18, "6");
        client.send(order);
        await(report(id, 'A'));
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 58)).contains("Post only order would have immediately matched");
        assertThat(f(rejected, 103)).isEqualTo("99");
    }

    @Test
    void anIocFillsWhatItCanAndTheRestExpires() throws Exception {
        String id = id();
        Message order = limit(id, "SOL/USDC:USDC", '1', "150", "150.01");
        order.setChar(59, '3');
        client.send(order);
        Message fill = await(report(id, 'F'));
        assertThat(new BigDecimal(f(fill, 32))).isEqualByComparingTo("100");
        Message end = await(report(id, 'C'));
        assertThat(new BigDecimal(f(end, 14))).isEqualByComparingTo("100");
        assertThat(new BigDecimal(f(end, 151))).isZero();
        closePosition("SOL/USDC:USDC", '2', "100");
    }

    @Test
    void aMarketOrderTradesAsAnIocWithinTheSlippageOfTheMid() throws Exception {
        String id = id();
        client.send(Orders.market(id, "BTC/USDC:USDC", '1', "0.5"));
        Message fill = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(fill, 31))).isEqualByComparingTo("60001");
        // the IOC went at mid 60000 plus 5 %, on a valid price
        assertThat(truth(id).limitPx()).isEqualByComparingTo("63000");
        assertThat(truth(id).tif()).isEqualToIgnoringCase("Ioc");
        closePosition("BTC/USDC:USDC", '2', "0.5");
    }

    @Test
    void aStopAndATakeProfitFireWhenTheMarketGetsThere() throws Exception {
        String open = id();
        client.send(Orders.market(open, "BTC/USDC:USDC", '1', "0.02"));
        await(m -> report(open, 'F').test(m) && "2".equals(f(m, 39)));

        String sl = id();
        client.send(stop(sl, "BTC/USDC:USDC", '2', "0.01", '3', "59500", true));
        await(report(sl, '0'));
        String tp = id();
        client.send(stop(tp, "BTC/USDC:USDC", '2', "0.01", 'J', "60500", true));
        await(report(tp, '0'));

        sim.market().moveMid("BTC", "59400");
        Message slFill = await(m -> report(sl, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(slFill, 31))).isLessThanOrEqualTo(new BigDecimal("59500"));
        sim.market().moveMid("BTC", "60600");
        Message tpFill = await(m -> report(tp, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(tpFill, 31))).isGreaterThanOrEqualTo(new BigDecimal("60500"));
        sim.market().moveMid("BTC", "60000");
    }

    @Test
    void aReduceOnlyOrderWithoutAPositionIsRejected() throws Exception {
        String id = id();
        Message order = Orders.market(id, "SOL/USDC:USDC", '2', "1");
        order.setString(18, "E");
        client.send(order);
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 58)).contains("Reduce only order would increase position");
        assertThat(f(rejected, 103)).isEqualTo("99");
    }

    @Test
    void aReplaceIsHyperliquidsModifyAndTheOrderGetsANewVenueId() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDC:USDC", '1', "0.01", "59000"));
        Message acked = await(report(id, '0'));
        String replace = id();
        client.send(Orders.replace(replace, id, "BTC/USDC:USDC", '1', "0.02", "59100"));
        await(report(replace, 'E'));
        Message replaced = await(report(replace, '5'));
        assertThat(f(replaced, 198)).isNotEqualTo(f(acked, 198));
        TruthOrder now = truth(replace);
        assertThat(f(replaced, 198)).isEqualTo(String.valueOf(now.oid()));
        assertThat(now.limitPx()).isEqualByComparingTo("59100");
        assertThat(now.origSz()).isEqualByComparingTo("0.02");
        assertThat(now.status()).isEqualTo("open");

        String cancel = id();
        client.send(Orders.cancel(cancel, replace, "BTC/USDC:USDC", '1'));
        await(report(cancel, '4'));
    }

    @Test
    void aPriceWithSixSignificantFiguresIsRefusedBeforeSigningWithTheNearestValidPrices() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDC:USDC", '1', "0.01", "59000.5"));
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 103)).isEqualTo("18");
        assertThat(f(rejected, 58)).contains("at most 5 significant figures", "nearest valid: 59000 or 59001");
        assertThat(sim.truth().orders(user.address())).noneMatch(o -> o.limitPx().compareTo(new BigDecimal("59000.5")) == 0);
    }

    @Test
    void anOrderBelowTenDollarsIsRefusedBeforeRouting() throws Exception {
        String id = id();
        client.send(limit(id, "BTC/USDC:USDC", '1', "0.0001", "59000"));
        Message rejected = await(report(id, '8'));
        assertThat(f(rejected, 103)).isEqualTo("13");
        assertThat(f(rejected, 58)).contains("minimum notional 10");
    }

    @Test
    void aSpotBuyPaysItsFeeInTheTokenReceived() throws Exception {
        String id = id();
        client.send(limit(id, "PURR/USDC", '1', "1000", "0.20001"));
        Message fill = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(f(fill, 479)).isEqualTo("PURR");
        assertThat(new BigDecimal(f(fill, 12))).isPositive();
        String sell = id();
        client.send(limit(sell, "HYPE/USDC", '2', "1", "24.999"));
        Message sold = await(m -> report(sell, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(f(sold, 479)).isEqualTo("USDC");
    }

    @Test
    void aFillWhileTheWebSocketIsDownIsRecoveredAndCountedOnce() throws Exception {
        String id = id();
        client.send(limit(id, "ETH/USDC:USDC", '1', "0.5", "2990"));
        await(report(id, '0'));
        sim.faults().dropStreams();
        sim.market().moveMid("ETH", "2980");
        Message fill = await(m -> report(id, 'F').test(m) && "2".equals(f(m, 39)));
        assertThat(new BigDecimal(f(fill, 14))).isEqualByComparingTo("0.5");
        List<HlFill> fills = sim.truth().fills(user.address()).stream().filter(x -> x.oid() == truth(id).oid()).toList();
        assertThat(fills).hasSize(1);
        client.assertNoMessage(report(id, 'F'), Duration.ofMillis(700));
        sim.market().moveMid("ETH", "3000");
        closePosition("ETH/USDC:USDC", '2', "0.5");
    }

    @Test
    void aLostOrderAnswerIsSettledWithoutASecondOrder() throws Exception {
        String id = id();
        sim.faults().loseNextOrderResponse();
        client.send(limit(id, "BTC/USDC:USDC", '1', "0.01", "58000"));
        await(report(id, 'A'));
        Message acked = await(report(id, '0'));
        String cloid = "0x" + ClientOrderIds.derive(SESSION, id);
        Awaitility.await().atMost(WAIT).until(() -> sim.truth().orders(user.address()).stream()
                .filter(o -> cloid.equals(o.cloid())).count() == 1);
        assertThat(f(acked, 198)).isEqualTo(String.valueOf(truth(id).oid()));
        String cancel = id();
        client.send(Orders.cancel(cancel, id, "BTC/USDC:USDC", '1'));
        await(report(cancel, '4'));
    }

    private void closePosition(String symbol, char side, String qty) throws InterruptedException {
        String close = id();
        Message reduce = Orders.market(close, symbol, side, qty);
        reduce.setString(18, "E");
        client.send(reduce);
        await(m -> report(close, 'F').test(m) && "2".equals(f(m, 39)));
    }

    private static Message stop(String id, String symbol, char side, String qty, char type, String stopPx, boolean reduceOnly) {
        Message m = Orders.market(id, symbol, side, qty);
        m.setChar(40, type);
        m.setString(99, stopPx);
        if (reduceOnly) {
            m.setString(18, "E");
        }
        return m;
    }

    private TruthOrder truth(String clOrdId) {
        String cloid = "0x" + ClientOrderIds.derive(SESSION, clOrdId);
        EthAddress account = user.address();
        return sim.truth().orderByCloid(account, cloid)
                .orElseThrow(() -> new AssertionError("the simulator has no order for ClOrdID " + clOrdId));
    }

    private Message await(Predicate<Message> matcher) throws InterruptedException {
        return client.awaitMessage(matcher, WAIT);
    }

    private static String id() {
        return "H" + IDS.incrementAndGet() + "-" + System.nanoTime();
    }
}
