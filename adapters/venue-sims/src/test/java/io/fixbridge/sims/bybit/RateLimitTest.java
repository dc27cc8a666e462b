package io.fixbridge.sims.bybit;

import io.fixbridge.sims.bybit.BybitClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.fixbridge.sims.bybit.Fixtures.limit;
import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {
    BybitSimulator sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void everyAnswerOfALimitedEndpointCarriesTheLimitHeadersAndTheDefaultsAreBybits() throws Exception {
        sim = Fixtures.builder().build();
        sim.start();
        BybitClient alice = Fixtures.alice(sim);
        Resp linear = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "h-1"));
        assertThat(linear.header("X-Bapi-Limit")).contains("10");
        assertThat(linear.header("X-Bapi-Limit-Status")).contains("9");
        long reset = Long.parseLong(linear.header("X-Bapi-Limit-Reset-Timestamp").orElseThrow());
        assertThat(Math.abs(reset - System.currentTimeMillis())).isLessThan(5_000);
        Resp spot = alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.01", "59000", "h-2"));
        assertThat(spot.header("X-Bapi-Limit")).contains("20");
        assertThat(alice.get("/v5/order/realtime", "category=spot").header("X-Bapi-Limit")).contains("50");
        Resp refused = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.0001", "59000.0", "h-3"));
        assertThat(refused.retCode()).isEqualTo(10001);
        assertThat(refused.header("X-Bapi-Limit")).as("refused requests count and carry headers too").contains("10");
    }

    @Test
    void overTheLimitIs10006WithZeroRemainingUntilTheWindowEnds() throws Exception {
        TestClock clock = new TestClock(1_700_000_000_000L);
        sim = Fixtures.builder().clock(clock).rateLimits(new RateLimits(3, 3, 2, 50)).build();
        sim.start();
        BybitClient alice = new BybitClient(sim.baseUrl(), Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, clock::millis);

        for (int i = 0; i < 2; i++) {
            Resp ok = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "r-" + i));
            assertThat(ok.retCode()).isZero();
            assertThat(ok.header("X-Bapi-Limit-Status")).contains(Integer.toString(1 - i));
            assertThat(ok.header("X-Bapi-Limit-Reset-Timestamp")).contains("1700000000000");
        }
        Resp limited = alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "r-2"));
        assertThat(limited.status()).isEqualTo(200);
        assertThat(limited.retCode()).isEqualTo(10006);
        assertThat(limited.retMsg()).isEqualTo("Too many visits!");
        assertThat(limited.header("X-Bapi-Limit-Status")).contains("0");
        assertThat(limited.header("X-Bapi-Limit")).contains("2");
        assertThat(limited.header("X-Bapi-Limit-Reset-Timestamp")).contains("1700000001000");
        assertThat(sim.truth().orders("alice")).as("a limited request is not processed").hasSize(2);

        Resp spot = alice.post("/v5/order/create", limit("spot", "BTCUSDT", "Buy", "0.01", "59000", "r-spot"));
        assertThat(spot.retCode()).as("spot is counted apart from linear").isZero();
        Resp otherEndpoint = alice.post("/v5/order/cancel", Fixtures.body("category", Fixtures.q("linear"),
                "symbol", Fixtures.q("BTCUSDT"), "orderLinkId", Fixtures.q("r-0")));
        assertThat(otherEndpoint.retCode()).as("each endpoint has its own counter").isZero();
        Resp bob = Fixtures.builderless(sim, clock).post("/v5/order/create",
                limit("linear", "BTCUSDT", "Buy", "0.001", "59000.0", "bob-1"));
        assertThat(bob.retCode()).as("each UID has its own counter").isNotEqualTo(10006);

        clock.advance(1_000);
        assertThat(alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "r-3"))
                .retCode()).isZero();
        assertThat(alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "r-4"))
                .retCode()).isZero();
        assertThat(alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "r-5"))
                .retCode()).isEqualTo(10006);
        sim.resetRateLimits();
        assertThat(alice.post("/v5/order/create", limit("linear", "BTCUSDT", "Buy", "0.010", "59000.0", "r-6"))
                .retCode()).as("a reset starts the window again").isZero();
    }

    @Test
    void queriesAreLimitedPerEndpoint() throws Exception {
        TestClock clock = new TestClock(1_700_000_000_500L);
        sim = Fixtures.builder().clock(clock).rateLimits(RateLimits.uniform(1)).build();
        sim.start();
        BybitClient alice = new BybitClient(sim.baseUrl(), Fixtures.ALICE_KEY, Fixtures.ALICE_SECRET, clock::millis);
        Resp first = alice.get("/v5/account/wallet-balance", "accountType=UNIFIED");
        assertThat(first.retCode()).isZero();
        assertThat(first.header("X-Bapi-Limit")).contains("1");
        assertThat(first.header("X-Bapi-Limit-Status")).contains("0");
        Resp second = alice.get("/v5/account/wallet-balance", "accountType=UNIFIED");
        assertThat(second.retCode()).isEqualTo(10006);
        assertThat(second.header("X-Bapi-Limit-Reset-Timestamp")).contains("1700000001000");
        assertThat(alice.get("/v5/position/list", "category=linear&symbol=BTCUSDT").retCode())
                .as("another endpoint has its own counter").isZero();
        assertThat(alice.publicGet("/v5/market/time", "").retCode()).as("market data is not limited").isZero();
        assertThat(alice.publicGet("/v5/market/time", "").retCode()).isZero();
    }
}
