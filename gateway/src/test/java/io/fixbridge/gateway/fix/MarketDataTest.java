package io.fixbridge.gateway.fix;

import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.wait.Ports;
import io.fixbridge.venue.PriceLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Group;
import quickfix.Message;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.fixbridge.gateway.fix.DataRequests.with;
import static io.fixbridge.gateway.fix.Orders.report;
import static io.fixbridge.testkit.fix.FixTestClient.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Market data over real FIX sessions against the paper venue: snapshots and incremental refreshes
 * that keep an OMS's copy of the book equal to the venue's, at the depth it asked for, through
 * new, changed and deleted levels and trades; one venue subscription shared by two sessions and
 * ended by the last; every MarketDataRequestReject reason; the marketdata role.
 */
class MarketDataTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SESSIONS = """
            sessions:
              - { senderCompId: OMS1, role: order-entry, venue: paper, account: main }
              - { senderCompId: MD1, role: marketdata, venue: paper }
              - { senderCompId: DC1, role: dropcopy }
            """;

    @TempDir
    Path dir;

    private TestGateway gateway() throws Exception {
        return new TestGateway(dir, Ports.freePort(), TestGateway.PAPER_VENUE + SESSIONS, List.of("OMS1", "MD1", "DC1"), "").start();
    }

    /** Reads the gateway's answers in the order they came, applying a subscription's to a mirror. */
    private static final class Reader {
        private final FixTestClient client;
        private int cursor;

        Reader(FixTestClient client) {
            this.client = client;
        }

        /**
         * Asks for a snapshot ({@code snapId}) and applies every message of subscription
         * {@code subId} received before its answer to {@code mirror}; returns the snapshot's book.
         */
        FixBook sync(FixBook mirror, String symbol, String subId, String snapId, int depth) throws Exception {
            client.send(DataRequests.marketData(snapId, '0', depth, null, "01", null, symbol));
            Message answer = client.awaitMessage(with("W", 262, snapId), WAIT);
            List<Message> all = client.received();
            int end = indexOf(all, answer);
            for (int i = cursor; i < end; i++) {
                Message m = all.get(i);
                if (m.isSetField(262) && subId.equals(m.getString(262))) {
                    mirror.apply(m);
                }
            }
            cursor = end + 1;
            FixBook snapshot = new FixBook(symbol);
            snapshot.apply(answer);
            return snapshot;
        }

        private static int indexOf(List<Message> all, Message m) {
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i) == m) {
                    return i;
                }
            }
            throw new AssertionError("message not among those received");
        }
    }

    private static void same(FixBook mirror, FixBook venue) {
        assertThat(FixBook.show(mirror.bids())).as("bids").isEqualTo(FixBook.show(venue.bids()));
        assertThat(FixBook.show(mirror.asks())).as("asks").isEqualTo(FixBook.show(venue.asks()));
    }

    @Test
    void incrementalRefreshesKeepTheBookEqualToTheVenuesAtEveryCheck() throws Exception {
        try (TestGateway gateway = gateway();
             FixTestClient oms = gateway.client("OMS1", dir.resolve("oms1"))) {
            Reader reader = new Reader(oms);
            oms.send(DataRequests.subscribe("S1", 5, null, "BTC/USDT"));
            Message first = oms.awaitMessage(with("W", 262, "S1"), WAIT);
            assertThat(field(first, 55)).isEqualTo("BTC/USDT");
            assertThat(field(first, 207)).isEqualTo("paper");
            FixBook mirror = new FixBook("BTC/USDT");
            FixBook venue = reader.sync(mirror, "BTC/USDT", "S1", "C0", 5);
            assertThat(mirror.fullRefreshes).isEqualTo(1);
            assertThat(mirror.bids()).hasSize(5);
            assertThat(mirror.asks()).hasSize(5);
            same(mirror, venue);
            for (Group g : first.getGroups(268)) {
                assertThat(g.getInt(290)).as("MDEntryPositionNo").isBetween(1, 5);
            }

            BigDecimal bestBid = mirror.bids().get(0).price();
            BigDecimal bestAsk = mirror.asks().get(0).price();
            BigDecimal inside = bestBid.add(new BigDecimal("0.01"));
            assertThat(inside).as("the paper book has room inside its spread").isLessThan(bestAsk);
            // a new best bid: the fifth level drops out of a depth-5 view (New + Delete)
            oms.send(Orders.limit("B1", "BTC/USDT", '1', "0.3", inside.toPlainString()));
            oms.awaitMessage(report("B1", '0'), WAIT);
            same(mirror, reader.sync(mirror, "BTC/USDT", "S1", "C1", 5));
            assertThat(FixBook.show(mirror.bids().subList(0, 1))).containsExactly(
                    FixBook.show(List.of(new PriceLevel(inside, new BigDecimal("0.3")))).get(0));
            // joining a level changes its size
            oms.send(Orders.limit("B2", "BTC/USDT", '1', "0.2", inside.toPlainString()));
            oms.awaitMessage(report("B2", '0'), WAIT);
            same(mirror, reader.sync(mirror, "BTC/USDT", "S1", "C2", 5));
            assertThat(mirror.bids().get(0).size()).isEqualByComparingTo("0.5");
            // a cancel takes the level back down, then out (and the old fifth level returns)
            oms.send(Orders.cancel("X1", "B1", "BTC/USDT", '1'));
            oms.awaitMessage(report("X1", '4'), WAIT);
            oms.send(Orders.cancel("X2", "B2", "BTC/USDT", '1'));
            oms.awaitMessage(report("X2", '4'), WAIT);
            same(mirror, reader.sync(mirror, "BTC/USDT", "S1", "C3", 5));
            assertThat(mirror.bids().get(0).price()).isEqualByComparingTo(bestBid);
            // a buy through the best offer: the level is deleted, the next changed, the trades published
            BigDecimal firstAsk = mirror.asks().get(0).size();
            String qty = firstAsk.add(new BigDecimal("0.1")).toPlainString();
            oms.send(Orders.market("M1", "BTC/USDT", '1', qty));
            oms.awaitMessage(report("M1", 'F').and(m -> "2".equals(field(m, 39))), WAIT);
            same(mirror, reader.sync(mirror, "BTC/USDT", "S1", "C4", 5));
            assertThat(mirror.asks().get(0).price()).isGreaterThan(bestAsk);
            assertThat(mirror.trades).as("trade entries of the buy").isNotEmpty().allSatisfy(t -> {
                assertThat(t.getString(278)).isNotBlank();
                assertThat(t.getChar(2446)).as("AggressorSide: the buyer took").isEqualTo('1');
                assertThat(new BigDecimal(t.getString(271))).isPositive();
            });
            assertThat(mirror.trades.stream().map(t -> new BigDecimal(uncheckedString(t, 271)))
                    .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(qty);
            assertThat(mirror.incrementals).isPositive();
            assertThat(gateway.gateway().metrics().registry().find("fixbridge.marketdata.latency").tag("venue", "paper")
                    .tag("kind", "book").timer().count()).isPositive();
            assertThat(gateway.gateway().metrics().registry().find("fixbridge.marketdata.latency").tag("kind", "trade")
                    .timer().count()).isPositive();
        }
    }

    private static String uncheckedString(Group g, int tag) {
        try {
            return g.getString(tag);
        } catch (quickfix.FieldNotFound e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void twoSessionsShareOneVenueSubscriptionThatEndsWithTheLastSubscriber() throws Exception {
        try (TestGateway gateway = gateway();
             FixTestClient oms = gateway.client("OMS1", dir.resolve("oms1"));
             FixTestClient md = gateway.client("MD1", dir.resolve("md1"))) {
            oms.send(DataRequests.subscribe("A", 0, null, "BTC/USDT", "ETH/USDT"));
            md.send(DataRequests.subscribe("B", 1, "paper", "BTC/USDT"));
            oms.awaitAll(WAIT, with("W", 262, "A").and(m -> "BTC/USDT".equals(field(m, 55))),
                    with("W", 262, "A").and(m -> "ETH/USDT".equals(field(m, 55))));
            Message top = md.awaitMessage(with("W", 262, "B"), WAIT);
            assertThat(top.getGroups(268)).as("depth 1: one bid and one offer").hasSize(2);
            assertThat(gateway.gateway().marketData().upstreamCount()).as("BTC/USDT and ETH/USDT, each once").isEqualTo(2);
            assertThat(subscribers(gateway, "BTC/USDT")).isEqualTo(2);

            md.send(DataRequests.unsubscribe("B"));
            await().atMost(WAIT).until(() -> subscribers(gateway, "BTC/USDT") == 1);
            assertThat(gateway.gateway().marketData().upstreamCount()).isEqualTo(2);
            oms.send(Orders.limit("B1", "BTC/USDT", '1', "0.1", "59000"));
            oms.awaitMessage(with("X", 262, "A"), WAIT);
            md.assertNoMessage(with("X", 262, "B"), Duration.ofMillis(300));

            oms.send(DataRequests.unsubscribe("A"));
            await().atMost(WAIT).until(() -> gateway.gateway().marketData().upstreamCount() == 0);
            assertThat(subscribers(gateway, "BTC/USDT")).isZero();

            // a logout ends a session's subscriptions too
            md.send(DataRequests.subscribe("C", 0, null, "ETH/USDT"));
            md.awaitMessage(with("W", 262, "C"), WAIT);
            assertThat(gateway.gateway().marketData().upstreamCount()).isEqualTo(1);
            md.logout(WAIT);
            await().atMost(WAIT).until(() -> gateway.gateway().marketData().upstreamCount() == 0);
        }
    }

    private static double subscribers(TestGateway gateway, String symbol) {
        var gauge = gateway.gateway().metrics().registry().find("fixbridge.marketdata.subscribers").tag("venue", "paper")
                .tag("symbol", symbol).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    @Test
    void everyUnsupportedRequestIsRejectedWithItsReasonAndText() throws Exception {
        try (TestGateway gateway = gateway();
             FixTestClient oms = gateway.client("OMS1", dir.resolve("oms1"))) {
            assertRejected(oms, DataRequests.subscribe("R0", 0, null, "NOPE/USDT"), "0", "does not list Symbol(55)=NOPE/USDT");
            assertRejected(oms, DataRequests.subscribe("R0b", 0, "nosuch", "BTC/USDT"), "0", "SecurityExchange(207)=nosuch");
            assertRejected(oms, DataRequests.subscribe("R5", 101, null, "BTC/USDT"), "5", "send 1 to 100");
            assertRejected(oms, DataRequests.marketData("R6", '1', 0, null, "01", null, "BTC/USDT"), "6", "MDUpdateType(265) is required");
            assertRejected(oms, DataRequests.marketData("R8", '1', 0, 1, "04", null, "BTC/USDT"), "8", "MDEntryType(269)=4");
            Message notAggregated = DataRequests.subscribe("R7", 0, null, "BTC/USDT");
            notAggregated.setBoolean(266, false);
            assertRejected(oms, notAggregated, "7", "AggregatedBook(266)=N");
            assertRejected(oms, DataRequests.unsubscribe("never"), null, "no open subscription with MDReqID(262)=never");
            oms.send(DataRequests.subscribe("D", 1, null, "BTC/USDT"));
            oms.awaitMessage(with("W", 262, "D"), WAIT);
            assertRejected(oms, DataRequests.subscribe("D", 1, null, "ETH/USDT"), "1", "already open");
        }
    }

    private static void assertRejected(FixTestClient oms, Message request, String reason, String text) throws Exception {
        oms.send(request);
        Message y = oms.awaitMessage(with("Y", 262, request.getString(262)), WAIT);
        assertThat(y.isSetField(281) ? y.getString(281) : null).as("MDReqRejReason").isEqualTo(reason);
        assertThat(field(y, 58)).contains(text);
    }

    @Test
    void theMarketDataRoleTakesNoOrdersAndTheDropCopyRoleNoMarketData() throws Exception {
        try (TestGateway gateway = gateway();
             FixTestClient md = gateway.client("MD1", dir.resolve("md1"));
             FixTestClient dc = gateway.client("DC1", dir.resolve("dc1"))) {
            md.send(Orders.limit("N1", "BTC/USDT", '1', "0.1", "59000"));
            Message reject = md.awaitMessage(FixTestClient.isType("j"), WAIT);
            assertThat(field(reject, 380)).isEqualTo("6");
            assertThat(field(reject, 58)).contains("market data session");
            md.send(DataRequests.positions("P1", "main", "paper"));
            assertThat(field(md.awaitMessage(FixTestClient.isType("j"), WAIT), 58)).contains("not served on a marketdata session");
            md.send(DataRequests.securityList("L1", 0, "BTC/USDT", null));
            assertThat(field(md.awaitMessage(with("y", 320, "L1"), WAIT), 560)).isEqualTo("0");

            dc.send(DataRequests.subscribe("S", 0, "paper", "BTC/USDT"));
            assertThat(field(dc.awaitMessage(FixTestClient.isType("j"), WAIT), 58)).contains("not served on a dropcopy session");
            dc.send(DataRequests.balances("B1", "main", "paper"));
            assertThat(field(dc.awaitMessage(with("BG", 909, "B1"), WAIT), 946)).isEqualTo("0");
        }
    }
}
