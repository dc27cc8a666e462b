package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.fixbridge.venue.hyperliquid.Harness.answer;
import static io.fixbridge.venue.hyperliquid.Harness.failure;
import static io.fixbridge.venue.hyperliquid.Harness.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Follow-up reads after Hyperliquid accepted a request, over sockets: the simulator executes the request and
 * a proxy makes its answer one the simulator does not give itself ({@code "waitingForFill"},
 * {@code "waitingForTrigger"}, a taken cloid) or fails the follow-up {@code orderStatus} read. Once the venue
 * accepted, nothing that goes wrong afterwards may turn the request into a reject.
 */
class HyperliquidFollowUpTest {
    private static final String BTC = "BTC/USDC:USDC";
    private static final RewritingProxy.Reply REFUSED_READ = new RewritingProxy.Reply(422,
            "Failed to deserialize the JSON body into the target type");

    private SimSupport sim;
    private RewritingProxy proxy;
    private Harness h;

    @BeforeEach
    void start() throws Exception {
        sim = SimSupport.start();
        proxy = new RewritingProxy(sim.sim.baseUrl());
        h = new Harness(sim, sim.settings(Map.of("restUrl", proxy.url())));
    }

    @AfterEach
    void stop() {
        h.close();
        proxy.close();
    }

    /** The forwarded answer with its first status replaced by {@code status}. */
    private static RewritingProxy.Reply withStatus(RewritingProxy.Reply forwarded, JsonNode status) {
        ObjectNode answer = (ObjectNode) HyperliquidJson.tree(forwarded.body());
        ArrayNode statuses = (ArrayNode) answer.path("response").path("data").path("statuses");
        statuses.set(0, status);
        return new RewritingProxy.Reply(200, HyperliquidJson.write(answer));
    }

    /** Rewrites the first answer to an exchange action of {@code type} and fails the next orderStatus once. */
    private void rewrite(String type, JsonNode status, boolean failQuery) {
        AtomicInteger rewrites = new AtomicInteger(1);
        AtomicInteger queryFailures = new AtomicInteger(failQuery ? 1 : 0);
        proxy.rule((path, request, forward) -> {
            if (path.equals("/exchange") && type.equals(request.path("action").path("type").asText())
                    && rewrites.getAndDecrement() > 0) {
                return withStatus(forward.get(), status);
            }
            if (path.equals("/info") && request.path("type").asText().equals("orderStatus")
                    && queryFailures.getAndDecrement() > 0) {
                return REFUSED_READ;
            }
            return forward.get();
        });
    }

    @Test
    void anOrderAcceptedWithoutAnOidWhoseQueryFailsIsOutcomeUnknownNotRejected() {
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "50000").build();
        rewrite("order", HyperliquidJson.tree("\"waitingForFill\""), true);

        VenueError e = failure(h.adapter.submit(o));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        assertThat(h.truth(o.clientOrderId())).isPresent();
        assertThat(answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, o.clientOrderId())))
                .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW));
    }

    @Test
    void aTakenCloidWhoseQueryFailsIsOutcomeUnknownNotRejected() {
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "50000").build();
        rewrite("order", HyperliquidJson.tree("{\"error\":\"Duplicate cloid\"}"), true);

        VenueError e = failure(h.adapter.submit(o));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        assertThat(h.truth(o.clientOrderId())).isPresent();
    }

    @Test
    void anOrderAcceptedWithoutAnOidIsAcceptedWithTheOidItsQueryNames() {
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "50000").build();
        rewrite("order", HyperliquidJson.tree("\"waitingForFill\""), false);

        OrderEvent.Accepted a = h.submit(o);

        assertThat(a.venueOrderId()).isEqualTo(String.valueOf(h.truth(o.clientOrderId()).orElseThrow().oid()));
    }

    @Test
    void aModifyWithoutAnAnswerWhoseQueryFailsIsOutcomeUnknownAndSettledByTheHousekeeping() {
        OrderRequest o = limit(BTC, Side.BUY, "0.5", "59000").build();
        OrderEvent.Accepted accepted = h.submit(o);
        OrderRequest replacement = o.toBuilder().clientOrderId(Harness.newId()).price(new BigDecimal("58500")).build();
        AtomicInteger garbled = new AtomicInteger(1);
        AtomicInteger queryFailures = new AtomicInteger(1);
        proxy.rule((path, request, forward) -> {
            if (path.equals("/exchange") && request.path("action").path("type").asText().equals("batchModify")
                    && garbled.getAndDecrement() > 0) {
                forward.get();
                return new RewritingProxy.Reply(200, "<html>gateway hiccup</html>");
            }
            if (path.equals("/info") && request.path("type").asText().equals("orderStatus")
                    && queryFailures.getAndDecrement() > 0) {
                return REFUSED_READ;
            }
            return forward.get();
        });

        VenueError e = failure(h.adapter.replace(new ReplaceRequest(o, accepted.venueOrderId(), BigDecimal.ZERO,
                replacement)));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        assertThat(h.truth(replacement.clientOrderId())).isPresent();
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.kinds(o.clientOrderId()))
                .containsExactly("Accepted", "Replaced"));
        h.sim.sim.market().moveMid("BTC", "58000");
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(replacement.clientOrderId()))
                .isEqualByComparingTo("0.5"));
        assertThat(h.kinds(o.clientOrderId())).containsExactly("Accepted", "Replaced");
    }

    @Test
    void theFillsOfAStreamGapArePagedBeyondTheTwoThousandOfOneAnswer() {
        OrderRequest o = limit(BTC, Side.BUY, "0.25", "50000").build();
        OrderEvent.Accepted accepted = h.submit(o);
        long t0 = System.currentTimeMillis() - 30_000;
        java.util.List<ObjectNode> fabricated = new java.util.ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            ObjectNode f = HyperliquidJson.object();
            f.put("coin", "BTC").put("px", "50000").put("sz", "0.0001").put("side", "B").put("time", t0 + i)
                    .put("startPosition", "0").put("dir", "Open Long").put("closedPnl", "0").put("hash", "0x0")
                    .put("oid", Long.parseLong(accepted.venueOrderId())).put("crossed", false).put("fee", "0")
                    .put("tid", String.valueOf(900_000 + i)).put("feeToken", "USDC")
                    .put("cloid", Cloids.of(o.clientOrderId()));
            fabricated.add(f);
        }
        AtomicInteger pages = new AtomicInteger();
        proxy.rule((path, request, forward) -> {
            if (path.equals("/info") && request.path("type").asText().equals("userFillsByTime")) {
                pages.incrementAndGet();
                long start = request.path("startTime").asLong();
                long end = request.has("endTime") ? request.path("endTime").asLong() : Long.MAX_VALUE;
                ArrayNode page = HyperliquidJson.MAPPER.createArrayNode();
                for (int i = fabricated.size() - 1; i >= 0 && page.size() < 2000; i--) {
                    long time = fabricated.get(i).path("time").asLong();
                    if (time >= start && time <= end) {
                        page.add(fabricated.get(i));
                    }
                }
                return new RewritingProxy.Reply(200, HyperliquidJson.write(page));
            }
            return forward.get();
        });

        h.adapter.reconnectStreams("test: a gap with many fills");

        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(o.clientOrderId()))
                .isEqualByComparingTo("0.25"));
        assertThat(h.events.fills(o.clientOrderId())).hasSize(2500)
                .extracting(OrderEvent.Fill::tradeId).doesNotHaveDuplicates();
        assertThat(h.events.fills(o.clientOrderId())).filteredOn(OrderEvent.Fill::orderFilled).hasSize(1);
        assertThat(pages.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aModifyAnsweredWithoutAnOidReportsTheNewOidAndTheOldOidsCancelIsNoEnd() {
        OrderRequest o = limit(BTC, Side.BUY, "0.5", "59000").build();
        OrderEvent.Accepted accepted = h.submit(o);
        OrderRequest replacement = o.toBuilder().clientOrderId(Harness.newId()).price(new BigDecimal("58500")).build();
        rewrite("batchModify", HyperliquidJson.tree("\"waitingForTrigger\""), false);

        OrderEvent.Replaced r = answer(h.adapter.replace(new ReplaceRequest(o, accepted.venueOrderId(), BigDecimal.ZERO,
                replacement)));

        long newOid = h.truth(replacement.clientOrderId()).orElseThrow().oid();
        assertThat(r.venueOrderId()).isEqualTo(String.valueOf(newOid)).isNotEqualTo(accepted.venueOrderId());
        h.sim.sim.market().moveMid("BTC", "58000");
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(replacement.clientOrderId()))
                .isEqualByComparingTo("0.5"));
        assertThat(h.kinds(o.clientOrderId())).containsExactly("Accepted", "Replaced");
        assertThat(h.events.fills(replacement.clientOrderId())).last()
                .satisfies(f -> assertThat(f.venueOrderId()).isEqualTo(String.valueOf(newOid)));
    }
}
