package io.fixbridge.venue.binance;

import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.binance.dto.DepthSnapshot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Binance's public market stream frames and depth snapshots, from fixtures with their full
 * envelopes, through {@link StreamFrames#market} and {@link BinanceTranslator}.
 */
class MarketDataTranslatorTest {
    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05Z");

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void aSpotDepthUpdateCarriesItsIdsAndAbsoluteSizes() {
        StreamFrames.MarketFrame frame = StreamFrames.market(Fixtures.frame("ws_depthUpdate.json"));
        assertThat(frame).isInstanceOf(StreamFrames.Depth.class);
        StreamFrames.Depth depth = (StreamFrames.Depth) frame;
        assertThat(depth.update().symbol()).isEqualTo("BTCUSDT");
        BookMessage m = BinanceTranslator.bookMessage(depth.update(), RECEIVED);
        assertThat(m.firstId()).isEqualTo(157);
        assertThat(m.lastId()).isEqualTo(160);
        assertThat(m.previousId()).as("spot has no pu").isNull();
        assertThat(m.venueTime()).isEqualTo(Instant.ofEpochMilli(1754000003100L));
        assertThat(m.bids()).containsExactly(new BookMessage.Level(d("60000.01000000"), d("0.75000000")),
                new BookMessage.Level(d("60000.00000000"), d("0.00000000")));
        assertThat(m.asks()).hasSize(2);
        assertThat(m.asks().get(1).price()).isEqualByComparingTo("60000.05");
    }

    @Test
    void aFuturesDepthUpdateCarriesPu() {
        StreamFrames.Depth depth = (StreamFrames.Depth) StreamFrames.market(
                Fixtures.frame("ws_depthUpdate_futures.json"));
        BookMessage m = BinanceTranslator.bookMessage(depth.update(), RECEIVED);
        assertThat(depth.update().transactionTime()).isEqualTo(1754000003248L);
        assertThat(m.firstId()).isEqualTo(7588914483939L);
        assertThat(m.lastId()).isEqualTo(7588914500155L);
        assertThat(m.previousId()).isEqualTo(7588914483922L);
        assertThat(m.bids().get(1).size()).isZero();
        assertThat(m.asks()).containsExactly(new BookMessage.Level(d("60000.1"), d("3.2")));
    }

    @Test
    void aCombinedStreamWrapperIsTakenOff() {
        String wrapped = "{\"stream\":\"btcusdt@depth@100ms\",\"data\":" + Fixtures.frame("ws_depthUpdate.json") + "}";
        assertThat(StreamFrames.market(wrapped)).isInstanceOf(StreamFrames.Depth.class);
    }

    @Test
    void aSpotTradeSaysWhoTook() {
        StreamFrames.Trade frame = (StreamFrames.Trade) StreamFrames.market(Fixtures.frame("ws_trade.json"));
        MarketTrade t = BinanceTranslator.marketTrade("BTC/USDT", frame.trade(), 42L);
        assertThat(t.symbol()).isEqualTo("BTC/USDT");
        assertThat(t.tradeId()).isEqualTo("3802117755");
        assertThat(t.price()).isEqualByComparingTo("60000");
        assertThat(t.quantity()).isEqualByComparingTo("0.012");
        assertThat(t.aggressor()).as("the buyer made it: a seller took").isEqualTo(Side.SELL);
        assertThat(t.time()).isEqualTo(Instant.ofEpochMilli(1754000004000L));
        assertThat(t.receivedNanos()).isEqualTo(42L);
    }

    @Test
    void anAggregateTradeIsIdentifiedByItsAggregateId() {
        StreamFrames.AggTrade frame = (StreamFrames.AggTrade) StreamFrames.market(Fixtures.frame("ws_aggTrade.json"));
        MarketTrade t = BinanceTranslator.marketTrade("BTC/USDT:USDT", frame.trade(), 7L);
        assertThat(t.tradeId()).isEqualTo("5933014");
        assertThat(t.price()).isEqualByComparingTo("60000.1");
        assertThat(t.quantity()).isEqualByComparingTo("0.15");
        assertThat(t.aggressor()).isEqualTo(Side.BUY);
        assertThat(t.time()).isEqualTo(Instant.ofEpochMilli(1754000005008L));
    }

    @Test
    void depthSnapshotsBecomeBooksAtTheirLastUpdateId() {
        BookMessage spot = BinanceTranslator.bookMessage(Fixtures.body("http_get_api_v3_depth.json",
                DepthSnapshot.class), RECEIVED);
        assertThat(spot.firstId()).isEqualTo(158).isEqualTo(spot.lastId());
        assertThat(spot.venueTime()).as("spot snapshots have no time: receipt").isEqualTo(RECEIVED);
        assertThat(spot.bids().get(0)).isEqualTo(new BookMessage.Level(d("60000.00000000"), d("0.50000000")));
        assertThat(spot.asks()).hasSize(2);

        BookMessage futures = BinanceTranslator.bookMessage(Fixtures.body("http_get_fapi_v1_depth.json",
                DepthSnapshot.class), RECEIVED);
        assertThat(futures.lastId()).isEqualTo(7588914490000L);
        assertThat(futures.venueTime()).isEqualTo(Instant.ofEpochMilli(1754000003200L));
        assertThat(futures.previousId()).isNull();
    }

    @Test
    void answersToLiveRequestsAreSortedOut() {
        var answers = Fixtures.file("ws_market_answers.json");
        StreamFrames.RequestAnswer ok = (StreamFrames.RequestAnswer) StreamFrames.market(answers.get("subscribed")
                .toString());
        assertThat(ok.ok()).isTrue();
        assertThat(ok.id()).isEqualTo(1L);
        StreamFrames.RequestAnswer listed = (StreamFrames.RequestAnswer) StreamFrames.market(answers.get("listed")
                .toString());
        assertThat(listed.id()).isEqualTo(3L);
        StreamFrames.RequestAnswer refused = (StreamFrames.RequestAnswer) StreamFrames.market(
                answers.get("unknownMethod").toString());
        assertThat(refused.ok()).isFalse();
        assertThat(refused.id()).isNull();
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.msg()).startsWith("Invalid request: unknown variant");
        StreamFrames.RequestAnswer property = (StreamFrames.RequestAnswer) StreamFrames.market(
                answers.get("unknownProperty").toString());
        assertThat(property.id()).isEqualTo(5L);
        assertThat(property.code()).isZero();
    }

    @Test
    void otherEventsAreOtherAndBrokenOnesAreRefused() {
        assertThat(StreamFrames.market("{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\"}"))
                .isEqualTo(new StreamFrames.Other("kline"));
        assertThatThrownBy(() -> StreamFrames.market("{\"e\":\"depthUpdate\",\"U\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depthUpdate");
        StreamFrames.Depth odd = (StreamFrames.Depth) StreamFrames.market(
                "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[[\"1.0\"]],\"a\":[]}");
        assertThatThrownBy(() -> BinanceTranslator.bookMessage(odd.update(), RECEIVED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[price, quantity]");
    }

    @Test
    void theSnapshotLimitFollowsTheBookDepthAndItsWeightBinancesTable() {
        assertThat(BinanceEndpoint.depthLimit(BinanceMarket.SPOT, 100)).isEqualTo(500);
        assertThat(BinanceEndpoint.depthLimit(BinanceMarket.SPOT, 5)).isEqualTo(100);
        assertThat(BinanceEndpoint.depthLimit(BinanceMarket.SPOT, 400)).isEqualTo(1000);
        assertThat(BinanceEndpoint.depthLimit(BinanceMarket.SPOT, 5000)).isEqualTo(5000);
        assertThat(BinanceEndpoint.depthLimit(BinanceMarket.FUTURES, 100)).isEqualTo(500);
        assertThat(BinanceEndpoint.depthLimit(BinanceMarket.FUTURES, 5)).isEqualTo(10);
        assertThat(BinanceEndpoint.depthLimit(BinanceMarket.FUTURES, 3000)).isEqualTo(1000);
        assertThat(BinanceEndpoint.depthWeight(BinanceMarket.SPOT, 100)).isEqualTo(5);
        assertThat(BinanceEndpoint.depthWeight(BinanceMarket.SPOT, 500)).isEqualTo(25);
        assertThat(BinanceEndpoint.depthWeight(BinanceMarket.SPOT, 1000)).isEqualTo(50);
        assertThat(BinanceEndpoint.depthWeight(BinanceMarket.SPOT, 5000)).isEqualTo(250);
        assertThat(BinanceEndpoint.depthWeight(BinanceMarket.FUTURES, 50)).isEqualTo(2);
        assertThat(BinanceEndpoint.depthWeight(BinanceMarket.FUTURES, 100)).isEqualTo(5);
        assertThat(BinanceEndpoint.depthWeight(BinanceMarket.FUTURES, 500)).isEqualTo(10);
        assertThat(BinanceEndpoint.depthWeight(BinanceMarket.FUTURES, 1000)).isEqualTo(20);
    }
}
