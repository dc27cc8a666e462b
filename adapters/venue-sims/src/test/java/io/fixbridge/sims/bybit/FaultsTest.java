package io.fixbridge.sims.bybit;

import io.fixbridge.sims.bybit.BybitClient.Resp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;

import static io.fixbridge.sims.bybit.Fixtures.body;
import static io.fixbridge.sims.bybit.Fixtures.limit;
import static io.fixbridge.sims.bybit.Fixtures.market;
import static io.fixbridge.sims.bybit.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {
    BybitSimulator sim;
    BybitClient alice;
    TestClock clock;

    @BeforeEach
    void start() throws Exception {
        clock = new TestClock(System.currentTimeMillis());
        sim = Fixtures.builder().clock(clock).build();
        sim.start();
        alice = new BybitClient(sim.baseUrl(), Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, clock::millis);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void latencyDelaysRestAndStreamMessages() {
        sim.faults().latency(Duration.ofMillis(400));
        long started = System.nanoTime();
        assertThat(alice.publicGet("/v5/market/time", "").retCode()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        try (PrivateWs ws = new PrivateWs(sim.privateWsUrl())) {
            long wsStarted = System.nanoTime();
            ws.send("{\"op\":\"ping\"}");
            ws.awaitMessage(m -> "pong".equals(m.path("op").asText()));
            assertThat(Duration.ofNanos(System.nanoTime() - wsStarted)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
        sim.faults().latency(Duration.ZERO);
        started = System.nanoTime();
        alice.publicGet("/v5/market/time", "");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void failedRequestsAnswer10016Or5xxAndAreNotProcessed() {
        sim.faults().failNextRequests(2);
        Resp first = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "f-1"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.retCode()).isEqualTo(10016);
        assertThat(first.retMsg()).isEqualTo("Server error.");
        assertThat(alice.publicGet("/v5/market/time", "").retCode()).isEqualTo(10016);
        assertThat(alice.publicGet("/v5/market/time", "").retCode()).isZero();

        sim.faults().failNextRequests(1, 502);
        Resp gateway = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "f-2"));
        assertThat(gateway.status()).isEqualTo(502);
        assertThat(gateway.json()).as("an HTML body, not JSON").isNull();
        assertThat(gateway.raw().body()).contains("502 Bad Gateway");
        assertThat(sim.truth().orders("alice")).isEmpty();
        assertThat(alice.get("/v5/order/realtime", "category=linear&orderLinkId=f-1").list()).isEmpty();
    }

    @Test
    void maintenanceRefusesOrderEntryButQueriesAndStreamsWork() {
        alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "m-1"));
        sim.faults().maintenance(true);
        assertThat(alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "m-2"))
                .retCode()).isEqualTo(10016);
        assertThat(alice.post("/v5/order/cancel", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("m-1"))).retCode()).isEqualTo(10016);
        assertThat(alice.post("/v5/order/amend", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("m-1"), "qty", q("0.020"))).retCode()).isEqualTo(10016);
        assertThat(Fixtures.realtime(alice, "linear", "m-1").get("orderStatus").asText()).isEqualTo("New");
        assertThat(alice.get("/v5/account/wallet-balance", "accountType=UNIFIED").retCode()).isZero();
        assertThat(alice.publicGet("/v5/market/instruments-info", "category=linear").list()).hasSize(1);
        sim.faults().maintenance(false);
        assertThat(alice.post("/v5/order/cancel", body("category", q("linear"), "symbol", q("BTCUSDT"),
                "orderLinkId", q("m-1"))).retCode()).isZero();
    }

    @Test
    void aLostCreateResponseStillPlacesTheOrder() {
        try (PrivateWs ws = PrivateWs.open(sim, Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, "order")) {
            sim.faults().loseNextOrderResponse();
            Resp refused = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.0001", "59000.0",
                    "lost-0"));
            assertThat(refused.retCode()).as("a refused create is answered and keeps the fault armed")
                    .isEqualTo(10001);
            assertThatThrownBy(() -> alice.post("/v5/order/create", market("linear", "BTCUSDT", "Buy", "0.010",
                    "lost-1"))).isInstanceOf(UncheckedIOException.class);
            ws.awaitItem("order", d -> "lost-1".equals(d.path("orderLinkId").asText())
                    && "Filled".equals(d.path("orderStatus").asText()));
            assertThat(Fixtures.realtime(alice, "linear", "lost-1").get("orderStatus").asText()).isEqualTo("Filled");
            assertThat(alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "lost-2"))
                    .retCode()).as("only the next create loses its answer").isZero();
        }
    }

    @Test
    void droppedStreamsCanReconnect() {
        PrivateWs first = PrivateWs.open(sim, Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, "order");
        Awaitility.await().until(() -> sim.truth().openPrivateConnections() == 1);
        sim.faults().dropPrivateStreams();
        Awaitility.await().until(first::isClosed);
        Awaitility.await().until(() -> sim.truth().openPrivateConnections() == 0);
        try (PrivateWs again = PrivateWs.open(sim, Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, "order")) {
            alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "after-drop"));
            again.awaitItem("order", d -> "after-drop".equals(d.path("orderLinkId").asText()));
        }
    }

    @Test
    void anIpBanAnswers403UntilItEnds() {
        sim.faults().ipBan(Duration.ofSeconds(30));
        Resp banned = alice.publicGet("/v5/market/time", "");
        assertThat(banned.status()).isEqualTo(403);
        assertThat(banned.raw().body()).contains("403 ERROR").contains("access too frequent");
        assertThat(banned.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(alice.post("/v5/order/create", market("linear", "BTCUSDT", "Buy", "0.010", "ban-1")).status())
                .isEqualTo(403);
        assertThatThrownBy(() -> new PrivateWs(sim.privateWsUrl())).as("the handshake is refused too")
                .isInstanceOf(IllegalStateException.class);
        clock.advance(29_000);
        assertThat(alice.publicGet("/v5/market/time", "").status()).isEqualTo(403);
        clock.advance(1_001);
        assertThat(alice.publicGet("/v5/market/time", "").status()).isEqualTo(200);
        assertThat(sim.truth().orders("alice")).isEmpty();

        sim.faults().ipBan(Duration.ofMinutes(5));
        sim.faults().latency(Duration.ofMillis(10));
        sim.faults().maintenance(true);
        sim.faults().reset();
        assertThat(alice.post("/v5/order/create", market("linear", "BTCUSDT", "Buy", "0.010", "after-reset"))
                .retCode()).isZero();
        assertThat(sim.faults().latency()).isEqualTo(Duration.ZERO);
    }
}
