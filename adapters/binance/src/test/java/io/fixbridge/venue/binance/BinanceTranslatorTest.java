package io.fixbridge.venue.binance;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OcoRequest;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TradingStatus;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.binance.dto.AccountTrade;
import io.fixbridge.venue.binance.dto.AlgoOrder;
import io.fixbridge.venue.binance.dto.BookTicker;
import io.fixbridge.venue.binance.dto.ExchangeInfo;
import io.fixbridge.venue.binance.dto.FuturesBalance;
import io.fixbridge.venue.binance.dto.OrderListResponse;
import io.fixbridge.venue.binance.dto.PositionRisk;
import io.fixbridge.venue.binance.dto.PremiumIndex;
import io.fixbridge.venue.binance.dto.RestOrder;
import io.fixbridge.venue.binance.dto.SpotAccount;
import io.fixbridge.venue.binance.dto.TickerPrice;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class BinanceTranslatorTest {
    private static final Instant NOW = Instant.parse("2025-08-01T00:00:00Z");
    private static final String ACCOUNT = "main";

    static List<BinanceInstrument> spotInstruments() {
        return BinanceTranslator.instruments(Fixtures.body("http_get_api_v3_exchangeInfo.json", ExchangeInfo.class),
                BinanceMarket.SPOT);
    }

    static List<BinanceInstrument> futuresInstruments() {
        return BinanceTranslator.instruments(Fixtures.body("http_get_fapi_v1_exchangeInfo.json", ExchangeInfo.class),
                BinanceMarket.FUTURES);
    }

    static BinanceInstrument spot(String venueSymbol) {
        return spotInstruments().stream().filter(i -> i.venueSymbol().equals(venueSymbol)).findFirst().orElseThrow();
    }

    static BinanceInstrument perp(String venueSymbol) {
        return futuresInstruments().stream().filter(i -> i.venueSymbol().equals(venueSymbol)).findFirst().orElseThrow();
    }

    private static OrderRequest.Builder order(String symbol) {
        return OrderRequest.builder().account(ACCOUNT).clientOrderId("0123456789abcdef0123456789abcdef").symbol(symbol)
                .side(Side.BUY).type(OrderType.LIMIT).quantity(new BigDecimal("0.010")).price(new BigDecimal("30000.00"));
    }

    @Nested
    class Instruments {
        @Test
        void spotExchangeInfoBecomesInstrumentsWithFilters() {
            Instrument btc = spot("BTCUSDT").instrument();

            assertThat(btc.symbol()).isEqualTo("BTC/USDT");
            assertThat(btc.marketType()).isEqualTo(MarketType.SPOT);
            assertThat(btc.baseAsset()).isEqualTo("BTC");
            assertThat(btc.quoteAsset()).isEqualTo("USDT");
            assertThat(btc.settleAsset()).isEqualTo("USDT");
            assertThat(btc.tickSize()).isEqualByComparingTo("0.01");
            assertThat(btc.lotSize()).isEqualByComparingTo("0.00001");
            assertThat(btc.minQuantity()).isEqualByComparingTo("0.00001");
            assertThat(btc.maxQuantity()).isEqualByComparingTo("9000");
            assertThat(btc.minNotional()).isEqualByComparingTo("5");
            assertThat(btc.status()).isEqualTo(TradingStatus.TRADING);
            assertThat(spot("BTCUSDT").marketLotSize()).isEqualByComparingTo("0.00001");
            assertThat(spot("BTCUSDT").icebergParts()).isEqualTo(10);
            assertThat(spot("BTCUSDT").ocoAllowed()).isTrue();
        }

        @Test
        void statusesMapTradingHaltBreakAndEverythingElse() {
            assertThat(spot("BNBUSDT").instrument().status()).isEqualTo(TradingStatus.HALTED);
            assertThat(spot("LTCBTC").instrument().status()).isEqualTo(TradingStatus.HALTED);
            assertThat(spot("XYZUSDT").instrument().status()).isEqualTo(TradingStatus.DELISTED);
            assertThat(spot("BNBUSDT").venueStatus()).isEqualTo("HALT");
        }

        @Test
        void minNotionalComesFromMinNotionalWhenThereIsNoNotionalFilter() {
            assertThat(spot("LTCBTC").instrument().minNotional()).isEqualByComparingTo("0.001");
        }

        @Test
        void symbolWithoutLotSizeIsNotLoaded() {
            assertThat(spotInstruments()).extracting(BinanceInstrument::venueSymbol).doesNotContain("NOLOTUSDT")
                    .hasSize(5);
        }

        @Test
        void futuresPerpetualsAreLinearWithTheMarginAssetAsSettle() {
            Instrument btc = perp("BTCUSDT").instrument();
            assertThat(btc.symbol()).isEqualTo("BTC/USDT:USDT");
            assertThat(btc.marketType()).isEqualTo(MarketType.LINEAR_PERPETUAL);
            assertThat(btc.tickSize()).isEqualByComparingTo("0.1");
            assertThat(btc.lotSize()).isEqualByComparingTo("0.001");
            assertThat(btc.minNotional()).isEqualByComparingTo("100");
            assertThat(perp("ETHUSDC").symbol()).isEqualTo("ETH/USDC:USDC");
            assertThat(perp("OLDUSDT").instrument().status()).isEqualTo(TradingStatus.DELISTED);
        }

        @Test
        void datedFuturesAreNotLoaded() {
            assertThat(futuresInstruments()).extracting(BinanceInstrument::venueSymbol)
                    .containsExactly("BTCUSDT", "ETHUSDC", "OLDUSDT");
        }
    }

    @Nested
    class SpotRequests {
        @Test
        void limitOrderCarriesTimeInForcePriceAndTheClientOrderId() {
            var p = BinanceTranslator.placement(order("BTC/USDT").timeInForce(TimeInForce.IOC).build(),
                    spot("BTCUSDT"), false);

            assertThat(p.endpoint()).isEqualTo(BinanceEndpoint.SPOT_NEW_ORDER);
            assertThat(p.params()).containsExactly(entry("symbol", "BTCUSDT"), entry("side", "BUY"),
                    entry("type", "LIMIT"), entry("timeInForce", "IOC"), entry("quantity", "0.01"),
                    entry("price", "30000"), entry("newClientOrderId", "0123456789abcdef0123456789abcdef"),
                    entry("newOrderRespType", "FULL"));
        }

        @Test
        void postOnlyLimitIsLimitMakerWithoutTimeInForce() {
            var p = BinanceTranslator.placement(order("BTC/USDT").postOnly(true).build(), spot("BTCUSDT"), false);

            assertThat(p.params()).containsEntry("type", "LIMIT_MAKER").doesNotContainKey("timeInForce");
        }

        @Test
        void marketOrderSizedInQuoteCurrencySendsQuoteOrderQty() {
            var p = BinanceTranslator.placement(order("BTC/USDT").type(OrderType.MARKET).price(null).quantity(null)
                    .cashQuantity(new BigDecimal("100.50")).build(), spot("BTCUSDT"), false);

            assertThat(p.params()).containsEntry("type", "MARKET").containsEntry("quoteOrderQty", "100.5")
                    .doesNotContainKeys("quantity", "price", "timeInForce");
        }

        @Test
        void stopTypesMapToStopLossAndTakeProfit() {
            var stop = BinanceTranslator.placement(order("BTC/USDT").type(OrderType.STOP).price(null)
                    .side(Side.SELL).stopPrice(new BigDecimal("25000")).build(), spot("BTCUSDT"), false);
            var stopLimit = BinanceTranslator.placement(order("BTC/USDT").type(OrderType.STOP_LIMIT)
                    .side(Side.SELL).stopPrice(new BigDecimal("25000")).build(), spot("BTCUSDT"), false);
            var tp = BinanceTranslator.placement(order("BTC/USDT").type(OrderType.TAKE_PROFIT).price(null)
                    .side(Side.SELL).stopPrice(new BigDecimal("70000")).build(), spot("BTCUSDT"), false);

            assertThat(stop.params()).containsEntry("type", "STOP_LOSS").containsEntry("stopPrice", "25000")
                    .doesNotContainKeys("price", "timeInForce");
            assertThat(stopLimit.params()).containsEntry("type", "STOP_LOSS_LIMIT").containsEntry("price", "30000")
                    .containsEntry("timeInForce", "GTC");
            assertThat(tp.params()).containsEntry("type", "TAKE_PROFIT").containsEntry("stopPrice", "70000");
        }

        @Test
        void icebergSendsIcebergQty() {
            var p = BinanceTranslator.placement(order("BTC/USDT").displayQuantity(new BigDecimal("0.002")).build(),
                    spot("BTCUSDT"), false);

            assertThat(p.params()).containsEntry("icebergQty", "0.002");
        }

        @Test
        void gtdIsRefusedOnSpotWithAReason() {
            assertUnsupported(() -> BinanceTranslator.placement(order("BTC/USDT").timeInForce(TimeInForce.GTD)
                    .expireTime(NOW).build(), spot("BTCUSDT"), false), "good-till-date");
        }

        @Test
        void reduceOnlyAndPostOnlyIocAreRefusedOnSpot() {
            assertUnsupported(() -> BinanceTranslator.placement(order("BTC/USDT").reduceOnly(true).build(),
                    spot("BTCUSDT"), false), "reduce-only");
            assertUnsupported(() -> BinanceTranslator.placement(order("BTC/USDT").postOnly(true)
                    .timeInForce(TimeInForce.IOC).build(), spot("BTCUSDT"), false), "post-only");
        }

        @Test
        void cancelReplaceSendsTheRemainingQuantityUnderTheNewClientId() {
            OrderRequest original = order("BTC/USDT").quantity(new BigDecimal("0.03")).build();
            OrderRequest replacement = original.toBuilder().clientOrderId("1234567890abcdef1234567890abcdef")
                    .price(new BigDecimal("29999.99")).build();

            Map<String, String> p = BinanceTranslator.cancelReplaceParams(new ReplaceRequest(original, "29",
                    new BigDecimal("0.01"), replacement), spot("BTCUSDT"));

            assertThat(p).containsEntry("cancelReplaceMode", "STOP_ON_FAILURE")
                    .containsEntry("cancelOrigClientOrderId", "0123456789abcdef0123456789abcdef")
                    .containsEntry("newClientOrderId", "1234567890abcdef1234567890abcdef")
                    .containsEntry("quantity", "0.02").containsEntry("price", "29999.99")
                    .containsEntry("type", "LIMIT").containsEntry("timeInForce", "GTC");
        }

        @Test
        void cancelReplaceWithNothingLeftIsRefused() {
            OrderRequest original = order("BTC/USDT").build();
            OrderRequest replacement = original.toBuilder().clientOrderId("1234567890abcdef1234567890abcdef").build();

            assertThatThrownBy(() -> BinanceTranslator.cancelReplaceParams(new ReplaceRequest(original, "29",
                    new BigDecimal("0.01"), replacement), spot("BTCUSDT")))
                    .isInstanceOfSatisfying(VenueException.class, e ->
                            assertThat(e.error().reason()).isEqualTo(RejectReason.INCORRECT_QUANTITY));
        }

        @Test
        void ocoMapsLegsToAboveAndBelowTypes() {
            OrderRequest above = order("BTC/USDT").side(Side.SELL).clientOrderId("11111111111111111111111111111111")
                    .price(new BigDecimal("70000")).build();
            OrderRequest below = order("BTC/USDT").side(Side.SELL).clientOrderId("22222222222222222222222222222222")
                    .type(OrderType.STOP).price(null).stopPrice(new BigDecimal("50000")).build();

            Map<String, String> p = BinanceTranslator.ocoParams(new OcoRequest(ACCOUNT,
                    "ffeeddccbbaa99887766554433221100", above, below), spot("BTCUSDT"));

            assertThat(p).containsEntry("side", "SELL").containsEntry("quantity", "0.01")
                    .containsEntry("aboveType", "LIMIT_MAKER").containsEntry("abovePrice", "70000")
                    .containsEntry("aboveClientOrderId", "11111111111111111111111111111111")
                    .containsEntry("belowType", "STOP_LOSS").containsEntry("belowStopPrice", "50000")
                    .containsEntry("belowClientOrderId", "22222222222222222222222222222222")
                    .containsEntry("listClientOrderId", "ffeeddccbbaa99887766554433221100");
        }
    }

    @Nested
    class FuturesRequests {
        @Test
        void postOnlyIsGtxAndReduceOnlyIsSentInOneWayMode() {
            var p = BinanceTranslator.placement(order("BTC/USDT:USDT").postOnly(true).reduceOnly(true).build(),
                    perp("BTCUSDT"), false);

            assertThat(p.endpoint()).isEqualTo(BinanceEndpoint.FUTURES_NEW_ORDER);
            assertThat(p.params()).containsEntry("timeInForce", "GTX").containsEntry("reduceOnly", "true")
                    .containsEntry("newOrderRespType", "RESULT").doesNotContainKey("positionSide");
        }

        @Test
        void gtdCarriesGoodTillDate() {
            Instant expiry = Instant.parse("2025-08-02T00:00:00Z");
            var p = BinanceTranslator.placement(order("BTC/USDT:USDT").timeInForce(TimeInForce.GTD)
                    .expireTime(expiry).build(), perp("BTCUSDT"), false);

            assertThat(p.params()).containsEntry("timeInForce", "GTD")
                    .containsEntry("goodTillDate", String.valueOf(expiry.toEpochMilli()));
        }

        @Test
        void hedgeModeNamesThePositionSideAndNeverSendsReduceOnly() {
            assertThat(BinanceTranslator.placement(order("BTC/USDT:USDT").build(), perp("BTCUSDT"), true).params())
                    .containsEntry("positionSide", "LONG");
            assertThat(BinanceTranslator.placement(order("BTC/USDT:USDT").side(Side.SELL).build(), perp("BTCUSDT"),
                    true).params()).containsEntry("positionSide", "SHORT");
            assertThat(BinanceTranslator.placement(order("BTC/USDT:USDT").side(Side.SELL).reduceOnly(true).build(),
                    perp("BTCUSDT"), true).params()).containsEntry("positionSide", "LONG")
                    .doesNotContainKey("reduceOnly");
            assertThat(BinanceTranslator.placement(order("BTC/USDT:USDT").reduceOnly(true).build(),
                    perp("BTCUSDT"), true).params()).containsEntry("positionSide", "SHORT");
        }

        @Test
        void conditionalOrdersGoToTheAlgoEndpoint() {
            var stop = BinanceTranslator.placement(order("BTC/USDT:USDT").side(Side.SELL).type(OrderType.STOP)
                    .price(null).stopPrice(new BigDecimal("55000")).build(), perp("BTCUSDT"), false);
            var stopLimit = BinanceTranslator.placement(order("BTC/USDT:USDT").side(Side.SELL)
                    .type(OrderType.STOP_LIMIT).stopPrice(new BigDecimal("55000")).build(), perp("BTCUSDT"), false);
            var tp = BinanceTranslator.placement(order("BTC/USDT:USDT").side(Side.SELL).type(OrderType.TAKE_PROFIT)
                    .price(null).stopPrice(new BigDecimal("75000")).build(), perp("BTCUSDT"), false);

            assertThat(stop.algo()).isTrue();
            assertThat(stop.endpoint()).isEqualTo(BinanceEndpoint.FUTURES_NEW_ALGO_ORDER);
            assertThat(stop.params()).containsEntry("algoType", "CONDITIONAL").containsEntry("type", "STOP_MARKET")
                    .containsEntry("triggerPrice", "55000")
                    .containsEntry("clientAlgoId", "0123456789abcdef0123456789abcdef")
                    .doesNotContainKeys("newClientOrderId", "price", "timeInForce");
            assertThat(stopLimit.params()).containsEntry("type", "STOP").containsEntry("price", "30000")
                    .containsEntry("timeInForce", "GTC");
            assertThat(tp.params()).containsEntry("type", "TAKE_PROFIT_MARKET");
        }

        @Test
        void icebergAndQuoteQuantityAreRefusedOnFutures() {
            assertUnsupported(() -> BinanceTranslator.placement(order("BTC/USDT:USDT")
                    .displayQuantity(BigDecimal.ONE).build(), perp("BTCUSDT"), false), "iceberg");
            assertUnsupported(() -> BinanceTranslator.placement(order("BTC/USDT:USDT").type(OrderType.MARKET)
                    .price(null).quantity(null).cashQuantity(BigDecimal.TEN).build(), perp("BTCUSDT"), false),
                    "quote currency");
        }

        @Test
        void modifySendsTheNewTotalQuantityAndPrice() {
            OrderRequest original = order("BTC/USDT:USDT").build();
            OrderRequest replacement = original.toBuilder().clientOrderId("ffffffffffffffffffffffffffffffff")
                    .quantity(new BigDecimal("0.020")).price(new BigDecimal("29990")).build();

            Map<String, String> p = BinanceTranslator.modifyParams(new ReplaceRequest(original, "22542179",
                    BigDecimal.ZERO, replacement), perp("BTCUSDT"));

            assertThat(p).containsExactly(entry("symbol", "BTCUSDT"),
                    entry("origClientOrderId", "0123456789abcdef0123456789abcdef"), entry("side", "BUY"),
                    entry("quantity", "0.02"), entry("price", "29990"));
        }

        @Test
        void modifyOfAStopIsRefused() {
            OrderRequest original = order("BTC/USDT:USDT").type(OrderType.STOP_LIMIT)
                    .stopPrice(new BigDecimal("29000")).build();
            assertUnsupported(() -> BinanceTranslator.modifyParams(new ReplaceRequest(original, "1", BigDecimal.ZERO,
                    original), perp("BTCUSDT")), "LIMIT orders only");
        }
    }

    @Nested
    class SpotStream {
        private List<OrderEvent> events(String fixture) {
            var frame = StreamFrames.spot(Fixtures.frame(fixture));
            return BinanceTranslator.events(ACCOUNT, ((StreamFrames.Execution) frame).report());
        }

        @Test
        void newIsAccepted() {
            assertThat(events("ws_executionReport_new.json")).singleElement()
                    .isEqualTo(new OrderEvent.Accepted(ACCOUNT, "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "29",
                            Instant.ofEpochMilli(1754000001000L)));
        }

        @Test
        void tradeIsAFillWithTradeIdCommissionAndLiquidity() {
            OrderEvent.Fill f = (OrderEvent.Fill) events("ws_executionReport_trade.json").get(0);

            assertThat(f.tradeId()).isEqualTo("12345");
            assertThat(f.quantity()).isEqualByComparingTo("0.004");
            assertThat(f.price()).isEqualByComparingTo("30000");
            assertThat(f.commission()).isEqualByComparingTo("0.000004");
            assertThat(f.commissionAsset()).isEqualTo("BTC");
            assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(f.venueOrderId()).isEqualTo("29");
        }

        @Test
        void canceledIsReportedUnderTheOrdersOwnClientId() {
            assertThat(events("ws_executionReport_canceled.json")).singleElement()
                    .isInstanceOfSatisfying(OrderEvent.Canceled.class, c ->
                            assertThat(c.clientOrderId()).isEqualTo("0f1e2d3c4b5a69788796a5b4c3d2e1f0"));
        }

        @Test
        void expiredAndRejected() {
            assertThat(events("ws_executionReport_expired.json")).singleElement()
                    .isInstanceOf(OrderEvent.Expired.class);
            assertThat(events("ws_executionReport_rejected.json")).singleElement()
                    .isInstanceOfSatisfying(OrderEvent.Rejected.class, r -> {
                        assertThat(r.error().reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
                        assertThat(r.error().message()).contains("INSUFFICIENT_BALANCES");
                    });
        }

        @Test
        void unknownStatusFailsLoudlyNamingTheValue() {
            assertThatThrownBy(() -> events("ws_executionReport_unknown_status.json"))
                    .isInstanceOf(UnknownVenueValueException.class).hasMessageContaining("PENDING_MOON");
        }

        @Test
        void otherFramesAreSortedOut() {
            assertThat(StreamFrames.spot(Fixtures.frame("ws_eventStreamTerminated.json")))
                    .isInstanceOf(StreamFrames.Terminated.class);
            assertThat(StreamFrames.spot(Fixtures.frame("ws_outboundAccountPosition.json")))
                    .isEqualTo(new StreamFrames.Other("outboundAccountPosition"));
            assertThat(StreamFrames.spot(Fixtures.frame("ws_userDataStream_subscribe_signature.json")))
                    .isInstanceOfSatisfying(StreamFrames.Answer.class, a -> {
                        assertThat(a.response().status()).isEqualTo(200);
                        assertThat(a.response().result().get("subscriptionId").asInt()).isZero();
                    });
            assertThat(StreamFrames.spot(Fixtures.frame("ws_wsapi_error.json")))
                    .isInstanceOfSatisfying(StreamFrames.Answer.class, a ->
                            assertThat(a.response().error().code()).isEqualTo(-1022));
        }
    }

    @Nested
    class FuturesStream {
        private List<OrderEvent> events(String fixture) {
            var frame = StreamFrames.futures(Fixtures.frame(fixture));
            if (frame instanceof StreamFrames.AlgoOrderUpdate a) {
                return BinanceTranslator.events(ACCOUNT, a.update());
            }
            return BinanceTranslator.events(ACCOUNT, ((StreamFrames.OrderUpdate) frame).update());
        }

        @Test
        void orderTradeUpdateNewTradeCanceledExpiredAmendment() {
            assertThat(events("ws_ORDER_TRADE_UPDATE_new.json")).singleElement()
                    .isInstanceOf(OrderEvent.Accepted.class);
            assertThat(events("ws_ORDER_TRADE_UPDATE_trade.json")).singleElement()
                    .isInstanceOfSatisfying(OrderEvent.Fill.class, f -> {
                        assertThat(f.tradeId()).isEqualTo("871685788");
                        assertThat(f.quantity()).isEqualByComparingTo("0.004");
                        assertThat(f.commission()).isEqualByComparingTo("0.04");
                        assertThat(f.commissionAsset()).isEqualTo("USDT");
                        assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
                    });
            assertThat(events("ws_ORDER_TRADE_UPDATE_canceled.json")).singleElement()
                    .isInstanceOf(OrderEvent.Canceled.class);
            assertThat(events("ws_ORDER_TRADE_UPDATE_expired.json")).singleElement()
                    .isInstanceOf(OrderEvent.Expired.class);
            assertThat(events("ws_ORDER_TRADE_UPDATE_amendment.json")).singleElement()
                    .isInstanceOfSatisfying(OrderEvent.Replaced.class, r -> {
                        assertThat(r.newClientOrderId()).isEqualTo(r.clientOrderId());
                        assertThat(r.quantity()).isEqualByComparingTo("0.02");
                        assertThat(r.price()).isEqualByComparingTo("49990");
                    });
        }

        @Test
        void algoUpdateNewCanceledRejectedAndSilentTrigger() {
            assertThat(events("ws_ALGO_UPDATE_new.json")).singleElement()
                    .isEqualTo(new OrderEvent.Accepted(ACCOUNT, "deadbeefdeadbeefdeadbeefdeadbeef", "2146760",
                            Instant.ofEpochMilli(1754000013000L)));
            assertThat(events("ws_ALGO_UPDATE_triggered.json")).isEmpty();
            assertThat(events("ws_ALGO_UPDATE_finished.json")).isEmpty();
            assertThat(events("ws_ALGO_UPDATE_canceled.json")).singleElement().isInstanceOf(OrderEvent.Canceled.class);
            assertThat(events("ws_ALGO_UPDATE_rejected.json")).singleElement()
                    .isInstanceOfSatisfying(OrderEvent.Rejected.class, r ->
                            assertThat(r.error().reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS));
        }

        @Test
        void theTriggeredOrdersTradeIsReportedUnderTheConditionalOrder() {
            OrderTracker tracker = new OrderTracker(java.time.Duration.ofSeconds(10), java.time.Clock.systemUTC());
            tracker.submitted(OrderRequest.builder().account(ACCOUNT).clientOrderId("deadbeefdeadbeefdeadbeefdeadbeef")
                    .symbol("BTC/USDT:USDT").side(Side.SELL).type(OrderType.STOP).quantity(new BigDecimal("0.010"))
                    .stopPrice(new BigDecimal("55000")).build(), perp("BTCUSDT"), true);
            tracker.apply(events("ws_ALGO_UPDATE_new.json").get(0));
            var u = ((StreamFrames.OrderUpdate) StreamFrames.futures(
                    Fixtures.frame("ws_ORDER_TRADE_UPDATE_algo_child_trade.json"))).update();

            List<OrderEvent> out = tracker.applyFutures(ACCOUNT, "BTCUSDT", u.order().orderId(), u.order().strategyId(),
                    BinanceTranslator.events(ACCOUNT, u));

            assertThat(out).singleElement().isInstanceOfSatisfying(OrderEvent.Fill.class, f -> {
                assertThat(f.clientOrderId()).isEqualTo("deadbeefdeadbeefdeadbeefdeadbeef");
                assertThat(f.venueOrderId()).isEqualTo("2146760");
                assertThat(f.tradeId()).isEqualTo("698759");
            });
        }

        @Test
        void listenKeyExpiredIsRecognised() {
            assertThat(StreamFrames.futures(Fixtures.frame("ws_listenKeyExpired.json")))
                    .isInstanceOf(StreamFrames.ListenKeyExpired.class);
        }
    }

    @Nested
    class RestAnswers {
        @Test
        void fullAnswerGivesAcceptedAndTakerFills() {
            RestOrder o = Fixtures.body("http_post_api_v3_order_full.json", RestOrder.class);

            OrderEvent.Accepted a = BinanceTranslator.accepted(ACCOUNT, o, NOW);
            List<OrderEvent> after = BinanceTranslator.afterAcceptance(ACCOUNT, o, NOW);

            assertThat(a.venueOrderId()).isEqualTo("28");
            assertThat(a.clientOrderId()).isEqualTo("5b1c9c4a0d2e4f6a8b9c0d1e2f3a4b5c");
            assertThat(after).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(OrderEvent.Fill.class,
                    f -> assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER)));
            assertThat(after).extracting(e -> ((OrderEvent.Fill) e).tradeId()).containsExactly("56", "57");
        }

        @Test
        void iocAnswerAddsExpiredAfterItsFills() {
            List<OrderEvent> after = BinanceTranslator.afterAcceptance(ACCOUNT,
                    Fixtures.body("http_post_api_v3_order_ioc_expired.json", RestOrder.class), NOW);

            assertThat(after).hasSize(2);
            assertThat(after.get(0)).isInstanceOf(OrderEvent.Fill.class);
            assertThat(after.get(1)).isInstanceOf(OrderEvent.Expired.class);
        }

        @Test
        void cancelAnswerNamesTheCanceledOrdersOwnId() {
            OrderEvent.Canceled c = BinanceTranslator.canceled(ACCOUNT,
                    Fixtures.body("http_delete_api_v3_order.json", RestOrder.class), NOW);

            assertThat(c.clientOrderId()).isEqualTo("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
            assertThat(c.venueOrderId()).isEqualTo("29");
        }

        @Test
        void queryAndTradesMakeASnapshot() {
            OrderSnapshot s = BinanceTranslator.snapshot(ACCOUNT, "BTC/USDT",
                    Fixtures.body("http_get_api_v3_order.json", RestOrder.class),
                    Arrays.asList(Fixtures.body("http_get_api_v3_myTrades.json", AccountTrade[].class)));

            assertThat(s.status()).isEqualTo(OrderSnapshot.Status.PARTIALLY_FILLED);
            assertThat(s.quantity()).isEqualByComparingTo("0.02");
            assertThat(s.filledQuantity()).isEqualByComparingTo("0.005");
            assertThat(s.price()).isEqualByComparingTo("59000");
            assertThat(s.side()).isEqualTo(Side.BUY);
            assertThat(s.fills()).extracting(OrderEvent.Fill::tradeId).containsExactly("70", "71");
            assertThat(s.fills()).allSatisfy(f -> assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER));
        }

        @Test
        void triggeredAlgoOrderSnapshotTakesItsChildsStatusAndFills() {
            AlgoOrder algo = Fixtures.body("http_get_fapi_v1_algoOrder.json", AlgoOrder.class);
            RestOrder child = Fixtures.body("http_get_fapi_v1_order_algo_child.json", RestOrder.class);

            OrderSnapshot s = BinanceTranslator.snapshot(ACCOUNT, "BTC/USDT:USDT", algo, child,
                    Arrays.asList(Fixtures.body("http_get_fapi_v1_userTrades.json", AccountTrade[].class)));

            assertThat(s.clientOrderId()).isEqualTo("deadbeefdeadbeefdeadbeefdeadbeef");
            assertThat(s.venueOrderId()).isEqualTo("2146760");
            assertThat(s.status()).isEqualTo(OrderSnapshot.Status.FILLED);
            assertThat(s.filledQuantity()).isEqualByComparingTo("0.01");
            assertThat(s.fills()).singleElement().satisfies(f -> {
                assertThat(f.tradeId()).isEqualTo("698759");
                assertThat(f.clientOrderId()).isEqualTo("deadbeefdeadbeefdeadbeefdeadbeef");
                assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER);
            });
        }

        @Test
        void cancelReplaceAnswersParseIntoBothHalves() {
            var ok = Fixtures.body("http_post_api_v3_order_cancelReplace.json",
                    io.fixbridge.venue.binance.dto.CancelReplaceResponse.class);
            var failed = BinanceJson.convert(Fixtures.errorCase("http_post_api_v3_order_cancelReplace_errors.json",
                    "new_order_failed").get("body").get("data"),
                    io.fixbridge.venue.binance.dto.CancelReplaceResponse.class);

            RestOrder placed = BinanceJson.convert(ok.newOrderResponse(), RestOrder.class);
            RestOrder canceled = BinanceJson.convert(ok.cancelResponse(), RestOrder.class);
            assertThat(placed.clientOrderId()).isEqualTo("1234567890abcdef1234567890abcdef");
            assertThat(placed.orderId()).isEqualTo(32L);
            assertThat(canceled.ownClientOrderId()).isEqualTo("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
            assertThat(failed.cancelResult()).isEqualTo("SUCCESS");
            assertThat(failed.newOrderResult()).isEqualTo("FAILURE");
            assertThat(failed.newOrderResponse().get("code").asInt()).isEqualTo(-2010);
            assertThat(BinanceErrors.classify(BinanceMarket.SPOT, 400, failed.newOrderResponse().get("code").asInt(),
                    failed.newOrderResponse().get("msg").asText(), null).error().reason())
                    .isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
        }

        @Test
        void gapFillStateEventsOfACanceledPartlyFilledOrder() {
            RestOrder o = Fixtures.body("http_get_api_v3_order.json", RestOrder.class);
            RestOrder canceled = new RestOrder(o.symbol(), o.orderId(), o.orderListId(), o.clientOrderId(), null,
                    null, o.updateTime(), o.time(), o.price(), o.origQty(), o.executedQty(), null, null, null,
                    "CANCELED", o.timeInForce(), o.type(), o.side(), null, null, null, null, null, List.of());

            List<OrderEvent> events = BinanceTranslator.stateEvents(ACCOUNT, canceled,
                    Arrays.asList(Fixtures.body("http_get_api_v3_myTrades.json", AccountTrade[].class)), NOW);

            assertThat(events).extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("Accepted", "Fill", "Fill", "Canceled");
        }

        private RestOrder withStatus(RestOrder o, String status, String executedQty) {
            return new RestOrder(o.symbol(), o.orderId(), o.orderListId(), o.clientOrderId(), null, null,
                    o.updateTime(), o.time(), BigDecimal.ZERO, null, new BigDecimal(executedQty), null, null, null,
                    status, null, "MARKET", o.side(), null, null, null, null, null, List.of());
        }

        private AccountTrade trade(long id, long orderId, String qty) {
            return new AccountTrade("BTCUSDT", id, orderId, new BigDecimal("59000.00"), new BigDecimal(qty),
                    new BigDecimal("0.1"), "USDT", 1754000004500L + id, false, null);
        }

        @Test
        void aFilledOrdersLastFillByTradeIdCompletesItInSnapshotsAndGapFills() {
            // a quote-sized market order: nobody knew its base quantity, only FILLED ends it
            RestOrder filled = withStatus(Fixtures.body("http_get_api_v3_order.json", RestOrder.class), "FILLED",
                    "0.006");
            List<AccountTrade> trades = List.of(trade(72, 31, "0.001"), trade(70, 31, "0.003"), trade(71, 31, "0.002"),
                    trade(73, 99, "0.5"));

            OrderSnapshot s = BinanceTranslator.snapshot(ACCOUNT, "BTC/USDT", filled, trades);
            List<OrderEvent> events = BinanceTranslator.stateEvents(ACCOUNT, filled, trades, NOW);

            assertThat(s.fills()).extracting(OrderEvent.Fill::tradeId).containsExactly("70", "71", "72");
            assertThat(s.fills()).extracting(OrderEvent.Fill::orderFilled).containsExactly(false, false, true);
            assertThat(events).filteredOn(OrderEvent.Fill.class::isInstance).map(OrderEvent.Fill.class::cast)
                    .extracting(f -> f.tradeId() + ":" + f.orderFilled())
                    .containsExactly("70:false", "71:false", "72:true");
        }

        @Test
        void anOrderNotFilledHasNoFillThatCompletesIt() {
            RestOrder canceled = withStatus(Fixtures.body("http_get_api_v3_order.json", RestOrder.class), "CANCELED",
                    "0.005");
            List<AccountTrade> trades = List.of(trade(71, 31, "0.002"), trade(70, 31, "0.003"));

            assertThat(BinanceTranslator.snapshot(ACCOUNT, "BTC/USDT", canceled, trades).fills())
                    .extracting(OrderEvent.Fill::orderFilled).containsExactly(false, false);
            assertThat(BinanceTranslator.stateEvents(ACCOUNT, canceled, trades, NOW))
                    .filteredOn(OrderEvent.Fill.class::isInstance)
                    .allSatisfy(f -> assertThat(((OrderEvent.Fill) f).orderFilled()).isFalse());
        }

        @Test
        void aTriggeredConditionalOrdersFilledChildCompletesItUnderItsOwnIds() {
            AlgoOrder algo = Fixtures.body("http_get_fapi_v1_algoOrder.json", AlgoOrder.class);
            RestOrder child = Fixtures.body("http_get_fapi_v1_order_algo_child.json", RestOrder.class);
            List<AccountTrade> trades = List.of(trade(698760, 22542200, "0.004"), trade(698759, 22542200, "0.006"));

            OrderSnapshot s = BinanceTranslator.snapshot(ACCOUNT, "BTC/USDT:USDT", algo, child, trades);
            List<OrderEvent> events = BinanceTranslator.stateEvents(ACCOUNT, algo, child, trades, NOW);

            assertThat(s.fills()).extracting(f -> f.tradeId() + ":" + f.orderFilled())
                    .containsExactly("698759:false", "698760:true");
            assertThat(events).filteredOn(OrderEvent.Fill.class::isInstance).map(OrderEvent.Fill.class::cast)
                    .extracting(f -> f.clientOrderId() + ":" + f.tradeId() + ":" + f.orderFilled())
                    .containsExactly("deadbeefdeadbeefdeadbeefdeadbeef:698759:false",
                            "deadbeefdeadbeefdeadbeefdeadbeef:698760:true");
        }

        @Test
        void restingOrderAnswersAndListings() {
            RestOrder placed = Fixtures.body("http_post_api_v3_order_new.json", RestOrder.class);
            RestOrder[] open = Fixtures.body("http_get_api_v3_openOrders.json", RestOrder[].class);

            assertThat(BinanceTranslator.accepted(ACCOUNT, placed, NOW).venueOrderId()).isEqualTo("29");
            assertThat(BinanceTranslator.afterAcceptance(ACCOUNT, placed, NOW)).isEmpty();
            assertThat(BinanceTranslator.snapshot(ACCOUNT, "BTC/USDT", open[0], List.of())).satisfies(s -> {
                assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW);
                assertThat(s.price()).isEqualByComparingTo("30000");
                assertThat(s.quantity()).isEqualByComparingTo("0.01");
            });
            assertThat(Fixtures.body("http_get_api_v3_time.json", io.fixbridge.venue.binance.dto.ServerTime.class)
                    .serverTime()).isEqualTo(1754000000123L);
        }

        @Test
        void futuresOrderAlgoOrderAndTheirCancels() {
            RestOrder placed = Fixtures.body("http_post_fapi_v1_order.json", RestOrder.class);
            RestOrder canceled = Fixtures.body("http_delete_fapi_v1_order.json", RestOrder.class);
            AlgoOrder algo = Fixtures.body("http_post_fapi_v1_algoOrder.json", AlgoOrder.class);
            AlgoOrder algoCanceled = Fixtures.body("http_delete_fapi_v1_algoOrder.json", AlgoOrder.class);

            assertThat(BinanceTranslator.accepted(ACCOUNT, placed, NOW)).isEqualTo(new OrderEvent.Accepted(ACCOUNT,
                    "c0ffee00c0ffee00c0ffee00c0ffee00", "22542179", Instant.ofEpochMilli(1754000010000L)));
            assertThat(BinanceTranslator.canceled(ACCOUNT, canceled, NOW).venueOrderId()).isEqualTo("22542179");
            assertThat(BinanceTranslator.accepted(ACCOUNT, algo, NOW)).satisfies(a -> {
                assertThat(a.clientOrderId()).isEqualTo("deadbeefdeadbeefdeadbeefdeadbeef");
                assertThat(a.venueOrderId()).isEqualTo("2146760");
            });
            assertThat(BinanceTranslator.canceled(ACCOUNT, "deadbeefdeadbeefdeadbeefdeadbeef", algoCanceled, NOW)
                    .venueOrderId()).isEqualTo("2146760");
        }

        @Test
        void listenKeyNeverShowsItself() {
            var key = Fixtures.body("http_post_fapi_v1_listenKey.json", io.fixbridge.venue.binance.dto.ListenKey.class);

            assertThat(key.listenKey()).hasSize(64);
            assertThat(key.toString()).doesNotContain(key.listenKey());
        }

        @Test
        void ocoAnswerHasBothLegs() {
            OrderListResponse list = Fixtures.body("http_post_api_v3_orderList_oco.json", OrderListResponse.class);

            assertThat(list.orderReports()).extracting(r -> BinanceTranslator.accepted(ACCOUNT, r, NOW).venueOrderId())
                    .containsExactly("40", "41");
        }

        @Test
        void futuresModifyAnswerIsAReplacedKeepingTheClientId() {
            RestOrder o = Fixtures.body("http_put_fapi_v1_order.json", RestOrder.class);

            OrderEvent.Replaced r = BinanceTranslator.replaced(ACCOUNT, o.clientOrderId(), o, o.origQty(), NOW);

            assertThat(r.newClientOrderId()).isEqualTo(r.clientOrderId()).isEqualTo("c0ffee00c0ffee00c0ffee00c0ffee00");
            assertThat(r.venueOrderId()).isEqualTo("22542179");
            assertThat(r.price()).isEqualByComparingTo("49990");
        }

        @Test
        void balancesAndPositions() {
            List<Balance> spot = BinanceTranslator.spotBalances(Fixtures.body("http_get_api_v3_account.json",
                    SpotAccount.class));
            List<Balance> futures = BinanceTranslator.futuresBalances(Arrays.asList(Fixtures.body(
                    "http_get_fapi_v2_balance.json", FuturesBalance[].class)));
            List<Position> positions = BinanceTranslator.positions(Arrays.asList(Fixtures.body(
                    "http_get_fapi_v2_positionRisk.json", PositionRisk[].class)),
                    s -> s.equals("BTCUSDT") ? "BTC/USDT:USDT" : s.equals("ETHUSDC") ? "ETH/USDC:USDC" : null);

            assertThat(spot).extracting(Balance::asset).containsExactly("BTC", "USDT");
            assertThat(spot.get(1).total()).isEqualByComparingTo("10000");
            assertThat(spot.get(1).available()).isEqualByComparingTo("9700");
            assertThat(futures).singleElement().satisfies(b -> {
                assertThat(b.asset()).isEqualTo("USDT");
                assertThat(b.total()).isEqualByComparingTo("122594.85137903");
                assertThat(b.available()).isEqualByComparingTo("23.72469206");
            });
            assertThat(positions).singleElement().satisfies(p -> {
                assertThat(p.symbol()).isEqualTo("BTC/USDT:USDT");
                assertThat(p.quantity()).isEqualByComparingTo("-0.02");
                assertThat(p.entryPrice()).isEqualByComparingTo("60000");
            });
        }
    }

    private static void assertUnsupported(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VenueException.class, e -> {
            assertThat(e.error().reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
            assertThat(e.error().message()).contains(text);
        });
    }

    @Nested
    class ReferencePriceAnswers {
        private final Symbols loaded = new Symbols(List.of()).replacing(java.util.EnumSet.allOf(BinanceMarket.class),
                java.util.stream.Stream.concat(spotInstruments().stream(), futuresInstruments().stream()).toList());

        @Test
        void spotBookTickerGivesTheMidOfLoadedSymbolsAsOfReceiptAndNamesOneSidedOnes() {
            BookTicker[] all = Fixtures.body("http_get_api_v3_ticker_bookTicker.json", BookTicker[].class);

            BinanceTranslator.MidPrices mids = BinanceTranslator.midPrices(BinanceMarket.SPOT, all, loaded, NOW);

            assertThat(mids.prices()).singleElement().satisfies(p -> {
                assertThat(p.symbol()).isEqualTo("BTC/USDT");
                assertThat(p.price()).isEqualByComparingTo("60123.455");
                assertThat(p.kind()).isEqualTo(ReferencePrice.Kind.MID);
                assertThat(p.asOf()).isEqualTo(NOW);
            });
            assertThat(mids.oneSided()).as("ETHUSDT has no ask; DOGEUSDT is not loaded").containsExactly("ETHUSDT");
        }

        @Test
        void spotLastPriceStandsInForAOneSidedBook() {
            TickerPrice[] all = Fixtures.body("http_get_api_v3_ticker_price.json", TickerPrice[].class);

            assertThat(BinanceTranslator.lastPrices(all, java.util.Set.of("ETHUSDT"), loaded, NOW)).singleElement()
                    .isEqualTo(new ReferencePrice("ETH/USDT", new BigDecimal("3000.15000000"),
                            ReferencePrice.Kind.LAST, NOW));
            assertThat(BinanceTranslator.lastPrices(all, java.util.Set.of("BTCUSDT"), loaded, NOW)).isEmpty();
        }

        @Test
        void futuresBookTickerGivesTheMidAsOfItsReceiptAndTheMarkStandsInForAOneSidedBook() {
            BookTicker[] all = Fixtures.body("http_get_fapi_v1_ticker_bookTicker.json", BookTicker[].class);

            BinanceTranslator.MidPrices mids = BinanceTranslator.midPrices(BinanceMarket.FUTURES, all, loaded, NOW);

            assertThat(mids.prices()).singleElement().isEqualTo(new ReferencePrice("BTC/USDT:USDT",
                    new BigDecimal("120200.30").divide(BigDecimal.valueOf(2)), ReferencePrice.Kind.MID, NOW));
            assertThat(mids.oneSided()).containsExactly("ETHUSDC");

            PremiumIndex[] marks = Fixtures.body("http_get_fapi_v1_premiumIndex.json", PremiumIndex[].class);
            assertThat(BinanceTranslator.markPrices(marks, mids.oneSided(), loaded)).singleElement().satisfies(p -> {
                assertThat(p.symbol()).isEqualTo("ETH/USDC:USDC");
                assertThat(p.price()).isEqualByComparingTo("3000.05");
                assertThat(p.kind()).isEqualTo(ReferencePrice.Kind.MARK);
                assertThat(p.asOf()).isEqualTo(Instant.ofEpochMilli(1754000000000L));
            });
        }

        @Test
        void aMissingOrZeroPriceGivesNothing() {
            assertThat(BinanceTranslator.midPrice("BTC/USDT", new BookTicker("BTCUSDT", BigDecimal.ZERO, BigDecimal.ZERO,
                    new BigDecimal("1"), BigDecimal.ONE, null), NOW)).isEmpty();
            assertThat(BinanceTranslator.midPrice("BTC/USDT", new BookTicker("BTCUSDT", new BigDecimal("1"),
                    BigDecimal.ONE, null, null, null), NOW)).isEmpty();
            assertThat(BinanceTranslator.markPrice("BTC/USDT:USDT", new PremiumIndex("BTCUSDT", BigDecimal.ZERO, 1L)))
                    .isEmpty();
        }
    }
}
