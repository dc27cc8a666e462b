package io.fixbridge.gateway.fix;

import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.venue.PriceLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Group;
import quickfix.Message;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.fixbridge.gateway.fix.DataRequests.with;
import static io.fixbridge.testkit.fix.FixTestClient.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every venue's market, reference and account data must do over real FIX sessions, against
 * its simulator through its real adapter: the book an OMS builds from the snapshot and the
 * incremental refreshes equals the simulator's book after every move of the market; a dropped
 * update on the venue's stream makes the adapter rebuild the book and the OMS gets a full refresh
 * that is right; two sessions share one venue subscription; the security list carries the venue's
 * instrument rules; positions and balances are the simulator's account. One subclass per venue.
 */
public abstract class VenueMarketDataContract {
    protected static final Duration WAIT = Duration.ofSeconds(20);
    private static final int DEPTH = 5;

    @TempDir
    protected Path dir;
    private TestGatewayAccess gateway;

    /** Starts the simulator. */
    protected abstract void startSimulator() throws Exception;

    /** Stops it. */
    protected abstract void stopSimulator();

    /**
     * The venues and sessions sections of gateway.yaml for the running simulator, with session
     * OMS1 (order entry, account {@code main}) as the last entry of {@code sessions:}.
     */
    protected abstract String venueYaml();

    /** The venue's name in that yaml. */
    protected abstract String venue();

    /** The unified symbol the tests watch. */
    protected abstract String symbol();

    /** The simulator's book of {@link #symbol()} now, its best {@code depth} levels per side. */
    protected abstract BookFeed.Snapshot simulatorBook(int depth);

    /** Moves the simulator's market of {@link #symbol()} (step 1, 2, 3 ...: a different move each). */
    protected abstract void moveMarket(int step);

    /** The simulator's switchable gap: its next public book update of the symbol is not sent. */
    protected abstract void dropNextBookUpdate();

    /** Whether a dropped update is a gap the adapter resynchronises (false where every message is a full book). */
    protected boolean droppedUpdateIsAGap() {
        return true;
    }

    /** The tick, lot and minimum quantity the simulator gives {@link #symbol()} (969, 561, 562). */
    protected abstract List<String> instrumentRules();

    /** A NewOrderSingle (ClOrdID {@code clOrdId}) that fills at once and opens a position, or null on a spot-only venue. */
    protected abstract Message positionOpeningOrder(String clOrdId);

    /** The simulator's positions of account main: unified symbol to signed size. */
    protected abstract Map<String, BigDecimal> simulatorPositions();

    /** The simulator's balances of account main that the adapter reports: asset to total. */
    protected abstract Map<String, BigDecimal> simulatorBalances();

    @BeforeEach
    void start() throws Exception {
        startSimulator();
        gateway = TestGatewayAccess.start(java.nio.file.Files.createDirectories(dir.resolve("gw")), venueYaml() + "  - { senderCompId: MD1, role: marketdata }\n",
                List.of("OMS1", "MD1"));
    }

    @AfterEach
    void stop() {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            stopSimulator();
        }
    }

    /** Applies, in order, the messages of one subscription a client has received since the last call. */
    private static final class Mirror {
        final FixBook book;
        private final FixTestClient client;
        private final String mdReqId;
        private int cursor;

        Mirror(FixTestClient client, String mdReqId, String symbol) {
            this.client = client;
            this.mdReqId = mdReqId;
            this.book = new FixBook(symbol);
        }

        void pump() throws Exception {
            List<Message> all = client.received();
            for (; cursor < all.size(); cursor++) {
                Message m = all.get(cursor);
                if (m.isSetField(262) && mdReqId.equals(m.getString(262))) {
                    book.apply(m);
                }
            }
        }
    }

    private static List<String> show(List<BookFeed.Level> levels) {
        List<PriceLevel> out = new ArrayList<>();
        levels.forEach(l -> out.add(new PriceLevel(l.price(), l.size())));
        return FixBook.show(out);
    }

    private void assertMirrors(Mirror mirror) {
        await().atMost(WAIT).untilAsserted(() -> {
            mirror.pump();
            BookFeed.Snapshot venue = simulatorBook(DEPTH);
            assertThat(FixBook.show(mirror.book.bids())).as("bids").isEqualTo(show(venue.bids()));
            assertThat(FixBook.show(mirror.book.asks())).as("asks").isEqualTo(show(venue.asks()));
        });
    }

    private double resyncs() {
        var counter = gateway.gateway().metrics().registry().find("fixbridge.marketdata.resyncs").tag("venue", venue())
                .tag("symbol", symbol()).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theBookFromSnapshotAndIncrementalsEqualsTheSimulatorsAndSurvivesAGap() throws Exception {
        try (FixTestClient oms = gateway.client("OMS1", dir.resolve("oms"));
             FixTestClient md = gateway.client("MD1", dir.resolve("md"))) {
            oms.send(DataRequests.subscribe("BOOK", DEPTH, venue(), symbol()));
            oms.awaitMessage(with("W", 262, "BOOK"), WAIT);
            Mirror mirror = new Mirror(oms, "BOOK", symbol());
            assertMirrors(mirror);
            for (int step = 1; step <= 3; step++) {
                moveMarket(step);
                assertMirrors(mirror);
            }
            assertThat(mirror.book.incrementals).as("changes came as incremental refreshes").isPositive();

            md.send(DataRequests.subscribe("MD", 1, venue(), symbol()));
            md.awaitMessage(with("W", 262, "MD"), WAIT);
            assertThat(gateway.gateway().marketData().upstreamCount()).as("one venue subscription for both sessions").isEqualTo(1);

            int fullRefreshes = mirror.book.fullRefreshes;
            dropNextBookUpdate();
            moveMarket(4);
            if (droppedUpdateIsAGap()) {
                // the market keeps moving until an update after the dropped one shows the gap
                int[] step = {5};
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                    moveMarket(step[0]++);
                    return resyncs() >= 1;
                });
                await().atMost(WAIT).untilAsserted(() -> {
                    mirror.pump();
                    assertThat(mirror.book.fullRefreshes).as("a full refresh after the rebuild").isGreaterThan(fullRefreshes);
                });
            } else {
                moveMarket(5); // the next full book makes up for the dropped one
            }
            assertMirrors(mirror);
            moveMarket(2);
            assertMirrors(mirror);

            md.send(DataRequests.unsubscribe("MD"));
            oms.send(DataRequests.unsubscribe("BOOK"));
            await().atMost(WAIT).until(() -> gateway.gateway().marketData().upstreamCount() == 0);
        }
    }

    @Test
    void theSecurityListCarriesTheVenuesRulesAndTheAccountIsTheSimulators() throws Exception {
        try (FixTestClient oms = gateway.client("OMS1", dir.resolve("oms"))) {
            oms.send(DataRequests.securityList("L", 0, symbol(), venue()));
            Message list = oms.awaitMessage(with("y", 320, "L"), WAIT);
            assertThat(field(list, 560)).isEqualTo("0");
            Group entry = list.getGroups(146).get(0);
            assertThat(List.of(entry.getString(969), entry.getString(561), entry.getString(562)))
                    .as("tick, lot, minimum quantity").isEqualTo(instrumentRules());
            assertThat(entry.getString(207)).isEqualTo(venue());

            Message order = positionOpeningOrder("POS1");
            if (order != null) {
                oms.send(order);
                oms.awaitMessage(m -> "8".equals(field(m, 35)) && "POS1".equals(field(m, 11)) && "2".equals(field(m, 39)), WAIT);
                await().atMost(WAIT).untilAsserted(() -> {
                    oms.send(DataRequests.positions("P-" + System.nanoTime(), "main", venue()));
                    Message ack = oms.awaitMessage(FixTestClient.isType("AO"), WAIT);
                    assertThat(field(ack, 728)).isEqualTo("0");
                    int n = Integer.parseInt(field(ack, 727));
                    Map<String, BigDecimal> reported = new HashMap<>();
                    for (int i = 0; i < n; i++) {
                        Message ap = oms.awaitMessage(m -> "AP".equals(field(m, 35)) && field(ack, 710).equals(field(m, 710)), WAIT);
                        Group qty = ap.getGroups(702).get(0);
                        reported.put(field(ap, 55), new BigDecimal(qty.getString(704)).subtract(new BigDecimal(qty.getString(705))));
                    }
                    Map<String, BigDecimal> expected = new HashMap<>();
                    simulatorPositions().forEach((k, v) -> {
                        if (v.signum() != 0) {
                            expected.put(k, v.stripTrailingZeros());
                        }
                    });
                    reported.replaceAll((k, v) -> v.stripTrailingZeros());
                    assertThat(reported).isEqualTo(expected).isNotEmpty();
                });
            }

            oms.send(DataRequests.balances("B", "main", venue()));
            Message ack = oms.awaitMessage(with("BG", 909, "B"), WAIT);
            assertThat(field(ack, 946)).isEqualTo("0");
            int n = Integer.parseInt(field(ack, 911));
            Map<String, BigDecimal> reported = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Message ba = oms.awaitMessage(m -> "BA".equals(field(m, 35)) && "B".equals(field(m, 909)), WAIT);
                reported.put(field(ba, 15), new BigDecimal(field(ba, 53)));
                assertThat(new BigDecimal(field(ba, 20005))).isLessThanOrEqualTo(new BigDecimal(field(ba, 53)));
            }
            Map<String, BigDecimal> expected = simulatorBalances();
            assertThat(reported.keySet()).containsAll(expected.keySet());
            expected.forEach((asset, total) -> assertThat(reported.get(asset)).as(asset).isEqualByComparingTo(total));
        }
    }
}
