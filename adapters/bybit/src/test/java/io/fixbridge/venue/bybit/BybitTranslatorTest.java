package io.fixbridge.venue.bybit;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.MarketType;
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
import io.fixbridge.venue.TriggerDirection;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.bybit.dto.BybitOrder;
import io.fixbridge.venue.bybit.dto.Execution;
import io.fixbridge.venue.bybit.dto.InstrumentInfo;
import io.fixbridge.venue.bybit.dto.OrderResult;
import io.fixbridge.venue.bybit.dto.OrderbookMessage;
import io.fixbridge.venue.bybit.dto.PositionInfo;
import io.fixbridge.venue.bybit.dto.PublicTradeMessage;
import io.fixbridge.venue.bybit.dto.Ticker;
import io.fixbridge.venue.bybit.dto.WalletBalance;
import io.fixbridge.venue.kit.book.LocalBook;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.PriceLevel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The pure mapping between Bybit's JSON (the fixtures) and the venue-neutral model. */
class BybitTranslatorTest {
    private static final String ACCOUNT = "alice";
    private static final Instant NOW = Instant.parse("2025-08-01T00:00:00Z");
    private static final String ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private static Map<String, BybitInstrument> load(BybitCategory c, String fixture) {
        return BybitTranslator.instruments(c, Fixtures.list(fixture, InstrumentInfo.class)).stream()
                .collect(Collectors.toMap(BybitInstrument::venueSymbol, Function.identity()));
    }

    static BybitInstrument spot() {
        return load(BybitCategory.SPOT, "http_get_v5_market_instruments-info_spot.json").get("BTCUSDT");
    }

    static BybitInstrument linear() {
        return load(BybitCategory.LINEAR, "http_get_v5_market_instruments-info_linear.json").get("BTCUSDT");
    }

    static BybitInstrument inverse() {
        return load(BybitCategory.INVERSE, "http_get_v5_market_instruments-info_inverse.json").get("BTCUSD");
    }

    private static OrderRequest.Builder order(String symbol, Side side, OrderType type) {
        return OrderRequest.builder().account(ACCOUNT).clientOrderId(ID).symbol(symbol).side(side).type(type)
                .timeInForce(TimeInForce.GTC).quantity(new BigDecimal("0.003"));
    }

    private static VenueError refusal(Runnable r) {
        try {
            r.run();
        } catch (VenueException e) {
            return e.error();
        }
        throw new AssertionError("expected a refusal");
    }

    @Nested
    class Instruments {
        @Test
        void spotPairsTakeTheirLotFromBasePrecisionAndTheirMinimumNotionalFromMinOrderAmt() {
            Map<String, BybitInstrument> all = load(BybitCategory.SPOT, "http_get_v5_market_instruments-info_spot.json");
            Instrument btc = all.get("BTCUSDT").instrument();

            assertThat(all).containsOnlyKeys("BTCUSDT", "ETHUSDT", "NEWUSDT");
            assertThat(btc.symbol()).isEqualTo("BTC/USDT");
            assertThat(btc.marketType()).isEqualTo(MarketType.SPOT);
            assertThat(btc.settleAsset()).isEqualTo("USDT");
            assertThat(btc.tickSize()).isEqualByComparingTo("0.01");
            assertThat(btc.lotSize()).isEqualByComparingTo("0.000001");
            assertThat(btc.minQuantity()).isEqualByComparingTo("0.000011");
            assertThat(btc.maxQuantity()).isEqualByComparingTo("83");
            assertThat(btc.minNotional()).isEqualByComparingTo("5");
            assertThat(btc.status()).isEqualTo(TradingStatus.TRADING);
            assertThat(all.get("BTCUSDT").quotePrecision()).isEqualByComparingTo("0.00000001");
            assertThat(all.get("BTCUSDT").minOrderAmount()).isEqualByComparingTo("5");
        }

        @Test
        void anInstrumentNotTradingIsLoadedWithItsStatus() {
            BybitInstrument prelaunch = load(BybitCategory.SPOT, "http_get_v5_market_instruments-info_spot.json")
                    .get("NEWUSDT");
            BybitInstrument closed = load(BybitCategory.LINEAR, "http_get_v5_market_instruments-info_linear.json")
                    .get("OLDUSDT");
            BybitInstrument delivering = load(BybitCategory.INVERSE, "http_get_v5_market_instruments-info_inverse.json")
                    .get("ETHUSD");

            assertThat(prelaunch.instrument().status()).isEqualTo(TradingStatus.HALTED);
            assertThat(prelaunch.venueStatus()).isEqualTo("PreLaunch");
            assertThat(closed.instrument().status()).isEqualTo(TradingStatus.DELISTED);
            assertThat(delivering.instrument().status()).isEqualTo(TradingStatus.HALTED);
            assertThat(prelaunch.instrument().isTrading()).isFalse();
        }

        @Test
        void linearPerpetualsTakeQtyStepAndMinNotionalValueAndDatedFuturesAreLeftOut() {
            Map<String, BybitInstrument> all = load(BybitCategory.LINEAR,
                    "http_get_v5_market_instruments-info_linear.json");
            Instrument btc = all.get("BTCUSDT").instrument();

            assertThat(all).containsOnlyKeys("BTCUSDT", "BTCPERP", "OLDUSDT");
            assertThat(btc.symbol()).isEqualTo("BTC/USDT:USDT");
            assertThat(btc.marketType()).isEqualTo(MarketType.LINEAR_PERPETUAL);
            assertThat(btc.tickSize()).isEqualByComparingTo("0.1");
            assertThat(btc.lotSize()).isEqualByComparingTo("0.001");
            assertThat(btc.minQuantity()).isEqualByComparingTo("0.001");
            assertThat(btc.maxQuantity()).isEqualByComparingTo("1190");
            assertThat(btc.minNotional()).isEqualByComparingTo("5");
            assertThat(all.get("BTCPERP").symbol()).isEqualTo("BTC/USDC:USDC");
            assertThat(all.get("BTCUSDT").quotePrecision()).isNull();
        }

        @Test
        void inversePerpetualsAreSettledInTheBaseCoinAndSizedInContractsOfOneUsd() {
            Map<String, BybitInstrument> all = load(BybitCategory.INVERSE,
                    "http_get_v5_market_instruments-info_inverse.json");
            Instrument btc = all.get("BTCUSD").instrument();

            assertThat(all).containsOnlyKeys("BTCUSD", "ETHUSD");
            assertThat(btc.symbol()).isEqualTo("BTC/USD:BTC");
            assertThat(btc.marketType()).isEqualTo(MarketType.INVERSE_PERPETUAL);
            assertThat(btc.settleAsset()).isEqualTo("BTC");
            assertThat(btc.quoteAsset()).isEqualTo("USD");
            assertThat(btc.lotSize()).isEqualByComparingTo("1");
            assertThat(btc.contractSize()).isEqualByComparingTo("1");
            assertThat(btc.tickSize()).isEqualByComparingTo("0.5");
            assertThat(btc.minNotional()).isEqualByComparingTo("0");
        }

        @Test
        void aUnifiedSymbolNamesItsCategoryAndBybitSymbol() {
            assertThat(BybitTranslator.venueSymbolOf("BTC/USDT")).contains(new BybitTranslator.VenueSymbol(
                    BybitCategory.SPOT, "BTCUSDT"));
            assertThat(BybitTranslator.venueSymbolOf("BTC/USDT:USDT")).contains(new BybitTranslator.VenueSymbol(
                    BybitCategory.LINEAR, "BTCUSDT"));
            assertThat(BybitTranslator.venueSymbolOf("BTC/USDC:USDC")).contains(new BybitTranslator.VenueSymbol(
                    BybitCategory.LINEAR, "BTCPERP"));
            assertThat(BybitTranslator.venueSymbolOf("BTC/USD:BTC")).contains(new BybitTranslator.VenueSymbol(
                    BybitCategory.INVERSE, "BTCUSD"));
            assertThat(BybitTranslator.venueSymbolOf("BTC/USDT:USDT-261225")).isEmpty();
            assertThat(BybitTranslator.venueSymbolOf("BTCUSDT")).isEmpty();
        }

        @Test
        void theCursorOfAPageIsRead() {
            assertThat(BybitJson.cursor(Fixtures.result("http_get_v5_market_instruments-info_linear.json")))
                    .isEqualTo("first%3DBTCUSDT%26last%3DOLDUSDT");
            assertThat(BybitJson.cursor(Fixtures.result("http_get_v5_market_instruments-info_inverse.json"))).isEmpty();
        }
    }

    @Nested
    class CreateBodies {
        @Test
        void spotLimitOrder() {
            Map<String, Object> b = BybitTranslator.createBody(order("BTC/USDT", Side.BUY, OrderType.LIMIT)
                    .price(new BigDecimal("50000.00")).build(), spot(), false);

            assertThat(b).containsExactly(entry("category", "spot"), entry("symbol", "BTCUSDT"), entry("side", "Buy"),
                    entry("orderType", "Limit"), entry("qty", "0.003"), entry("price", "50000"),
                    entry("timeInForce", "GTC"), entry("orderLinkId", ID));
            assertThat(BybitJson.write(b)).isEqualTo("{\"category\":\"spot\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\","
                    + "\"orderType\":\"Limit\",\"qty\":\"0.003\",\"price\":\"50000\",\"timeInForce\":\"GTC\","
                    + "\"orderLinkId\":\"" + ID + "\"}");
        }

        @Test
        void spotMarketOrdersStateTheirUnitBaseForAQuantityQuoteForACashQuantity() {
            Map<String, Object> base = BybitTranslator.createBody(order("BTC/USDT", Side.BUY, OrderType.MARKET).build(),
                    spot(), false);
            Map<String, Object> cash = BybitTranslator.createBody(order("BTC/USDT", Side.BUY, OrderType.MARKET)
                    .quantity(null).cashQuantity(new BigDecimal("100.50")).build(), spot(), false);

            assertThat(base).containsEntry("orderType", "Market").containsEntry("qty", "0.003")
                    .containsEntry("marketUnit", "baseCoin").doesNotContainKey("timeInForce");
            assertThat(cash).containsEntry("qty", "100.5").containsEntry("marketUnit", "quoteCoin");
        }

        @Test
        void aCashQuantityIsRefusedAnywhereButSpotMarketOrders() {
            VenueError linearCash = refusal(() -> BybitTranslator.createBody(order("BTC/USDT:USDT", Side.BUY,
                    OrderType.MARKET).quantity(null).cashQuantity(BigDecimal.TEN).build(), linear(), false));
            VenueError spotLimitCash = refusal(() -> BybitTranslator.createBody(order("BTC/USDT", Side.BUY,
                    OrderType.LIMIT).price(BigDecimal.ONE).quantity(null).cashQuantity(BigDecimal.TEN).build(), spot(),
                    false));

            assertThat(linearCash.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
            assertThat(linearCash.message()).contains("quote currency").contains("spot MARKET");
            assertThat(spotLimitCash.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
        }

        @Test
        void spotConditionalOrdersAreStopOrdersWithATriggerPrice() {
            OrderRequest stop = order("BTC/USDT", Side.SELL, OrderType.STOP).stopPrice(new BigDecimal("55000")).build();
            Map<String, Object> b = BybitTranslator.createBody(stop, spot(), false);

            assertThat(b).containsEntry("orderType", "Market").containsEntry("triggerPrice", "55000")
                    .containsEntry("orderFilter", "StopOrder").containsEntry("marketUnit", "baseCoin")
                    .doesNotContainKey("triggerDirection");
            assertThat(BybitTranslator.isSpotStopOrder(stop, spot())).isTrue();
        }

        @Test
        void aSpotConditionalOrderTakesNoTriggerDirectionOtherThanTheImpliedOne() {
            OrderRequest.Builder stop = order("BTC/USDT", Side.SELL, OrderType.STOP).stopPrice(new BigDecimal("55000"));

            assertThat(BybitTranslator.createBody(stop.triggerDirection(TriggerDirection.FALLS_BELOW).build(), spot(),
                    false)).doesNotContainKey("triggerDirection");
            VenueError e = refusal(() -> BybitTranslator.createBody(stop.triggerDirection(TriggerDirection.RISES_ABOVE)
                    .build(), spot(), false));
            assertThat(e.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
            assertThat(e.message()).contains("last price");
        }

        @Test
        void derivativesConditionalOrdersCarryTheTriggerDirection() {
            Map<String, Object> stopSell = BybitTranslator.createBody(order("BTC/USDT:USDT", Side.SELL, OrderType.STOP)
                    .stopPrice(new BigDecimal("55000.0")).build(), linear(), false);
            Map<String, Object> stopLimitBuy = BybitTranslator.createBody(order("BTC/USDT:USDT", Side.BUY,
                    OrderType.STOP_LIMIT).price(new BigDecimal("65010")).stopPrice(new BigDecimal("65000")).build(),
                    linear(), false);
            Map<String, Object> takeProfitSell = BybitTranslator.createBody(order("BTC/USD:BTC", Side.SELL,
                    OrderType.TAKE_PROFIT).quantity(new BigDecimal("100")).stopPrice(new BigDecimal("70000")).build(),
                    inverse(), false);
            Map<String, Object> explicit = BybitTranslator.createBody(order("BTC/USDT:USDT", Side.BUY, OrderType.STOP)
                    .stopPrice(new BigDecimal("55000")).triggerDirection(TriggerDirection.FALLS_BELOW).build(), linear(),
                    false);

            assertThat(stopSell).containsEntry("orderType", "Market").containsEntry("triggerPrice", "55000")
                    .containsEntry("triggerDirection", 2).doesNotContainKey("orderFilter");
            assertThat(stopLimitBuy).containsEntry("orderType", "Limit").containsEntry("price", "65010")
                    .containsEntry("triggerPrice", "65000").containsEntry("triggerDirection", 1);
            assertThat(takeProfitSell).containsEntry("category", "inverse").containsEntry("symbol", "BTCUSD")
                    .containsEntry("orderType", "Market").containsEntry("qty", "100")
                    .containsEntry("triggerDirection", 1);
            assertThat(explicit).containsEntry("triggerDirection", 2);
        }

        @Test
        void postOnlyIsItsOwnTimeInForce() {
            Map<String, Object> b = BybitTranslator.createBody(order("BTC/USDT:USDT", Side.BUY, OrderType.LIMIT)
                    .price(new BigDecimal("50000")).postOnly(true).build(), linear(), false);
            VenueError marketPostOnly = refusal(() -> BybitTranslator.createBody(order("BTC/USDT:USDT", Side.BUY,
                    OrderType.MARKET).postOnly(true).build(), linear(), false));
            VenueError iocPostOnly = refusal(() -> BybitTranslator.createBody(order("BTC/USDT:USDT", Side.BUY,
                    OrderType.LIMIT).price(BigDecimal.TEN).postOnly(true).timeInForce(TimeInForce.IOC).build(), linear(),
                    false));

            assertThat(b).containsEntry("timeInForce", "PostOnly");
            assertThat(marketPostOnly.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
            assertThat(iocPostOnly.message()).contains("IOC");
        }

        @Test
        void limitOrdersTakeIocAndFokMarketOrdersAreAlwaysIoc() {
            Map<String, Object> ioc = BybitTranslator.createBody(order("BTC/USDT:USDT", Side.BUY, OrderType.LIMIT)
                    .price(BigDecimal.TEN).timeInForce(TimeInForce.IOC).build(), linear(), false);
            Map<String, Object> fok = BybitTranslator.createBody(order("BTC/USDT:USDT", Side.BUY, OrderType.LIMIT)
                    .price(BigDecimal.TEN).timeInForce(TimeInForce.FOK).build(), linear(), false);
            VenueError marketFok = refusal(() -> BybitTranslator.createBody(order("BTC/USDT:USDT", Side.BUY,
                    OrderType.MARKET).timeInForce(TimeInForce.FOK).build(), linear(), false));
            VenueError gtd = refusal(() -> BybitTranslator.createBody(order("BTC/USDT:USDT", Side.BUY, OrderType.LIMIT)
                    .price(BigDecimal.TEN).timeInForce(TimeInForce.GTD).expireTime(NOW).build(), linear(), false));
            VenueError iceberg = refusal(() -> BybitTranslator.createBody(order("BTC/USDT", Side.BUY, OrderType.LIMIT)
                    .price(BigDecimal.TEN).displayQuantity(new BigDecimal("0.001")).build(), spot(), false));

            assertThat(ioc).containsEntry("timeInForce", "IOC");
            assertThat(fok).containsEntry("timeInForce", "FOK");
            assertThat(marketFok.message()).contains("IOC");
            assertThat(gtd.message()).contains("good-till-date");
            assertThat(iceberg.message()).contains("iceberg");
        }

        @Test
        void reduceOnlyExistsOnDerivativesOnly() {
            Map<String, Object> linearReduce = BybitTranslator.createBody(order("BTC/USDT:USDT", Side.SELL,
                    OrderType.MARKET).reduceOnly(true).build(), linear(), false);
            VenueError spotReduce = refusal(() -> BybitTranslator.createBody(order("BTC/USDT", Side.SELL,
                    OrderType.MARKET).reduceOnly(true).build(), spot(), false));

            assertThat(linearReduce).containsEntry("reduceOnly", true).doesNotContainKey("positionIdx");
            assertThat(spotReduce.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
            assertThat(spotReduce.message()).contains("not on spot");
        }

        @Test
        void hedgeModeNamesThePositionAndReduceOnlyClosesTheOppositeOne() {
            Function<OrderRequest, Object> idx = o -> BybitTranslator.createBody(o, linear(), true).get("positionIdx");

            assertThat(idx.apply(order("BTC/USDT:USDT", Side.BUY, OrderType.MARKET).build())).isEqualTo(1);
            assertThat(idx.apply(order("BTC/USDT:USDT", Side.SELL, OrderType.MARKET).build())).isEqualTo(2);
            assertThat(idx.apply(order("BTC/USDT:USDT", Side.SELL, OrderType.MARKET).reduceOnly(true).build()))
                    .isEqualTo(1);
            assertThat(idx.apply(order("BTC/USDT:USDT", Side.BUY, OrderType.MARKET).reduceOnly(true).build()))
                    .isEqualTo(2);
            assertThat(BybitTranslator.createBody(order("BTC/USDT", Side.BUY, OrderType.MARKET).build(), spot(), true))
                    .doesNotContainKey("positionIdx");
        }

        @Test
        void aClientOrderIdBybitCannotTakeIsRefusedBeforeSending() {
            VenueError e = refusal(() -> BybitTranslator.createBody(order("BTC/USDT", Side.BUY, OrderType.MARKET)
                    .clientOrderId("x".repeat(37)).build(), spot(), false));

            assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
            assertThat(e.message()).contains("orderLinkId");
        }
    }

    @Nested
    class AmendAndCancel {
        private final OrderRequest original = order("BTC/USDT:USDT", Side.BUY, OrderType.LIMIT)
                .price(new BigDecimal("50000")).build();

        @Test
        void amendSendsOnlyWhatChangesAndTheNewTotalQuantity() {
            ReplaceRequest priceOnly = new ReplaceRequest(original, "v1", new BigDecimal("0.001"), original.toBuilder()
                    .clientOrderId("ffffeeeeddddccccbbbbaaaa99998888").price(new BigDecimal("49999.9")).build());
            ReplaceRequest both = new ReplaceRequest(original, "v1", new BigDecimal("0.001"), original.toBuilder()
                    .quantity(new BigDecimal("0.005")).price(new BigDecimal("49999.9")).build());
            ReplaceRequest nothing = new ReplaceRequest(original, "v1", BigDecimal.ZERO, original);

            assertThat(BybitTranslator.amendBody(priceOnly, linear())).containsExactly(entry("category", "linear"),
                    entry("symbol", "BTCUSDT"), entry("orderLinkId", ID), entry("price", "49999.9"));
            assertThat(BybitTranslator.amendBody(both, linear())).containsEntry("qty", "0.005")
                    .containsEntry("price", "49999.9").containsEntry("orderLinkId", ID);
            assertThat(BybitTranslator.amendBody(nothing, linear())).containsEntry("qty", "0.003")
                    .doesNotContainKey("price");
        }

        @Test
        void amendChangesTheTriggerPriceOfAConditionalOrder() {
            OrderRequest stop = order("BTC/USDT:USDT", Side.SELL, OrderType.STOP).stopPrice(new BigDecimal("55000"))
                    .build();
            Map<String, Object> b = BybitTranslator.amendBody(new ReplaceRequest(stop, null, BigDecimal.ZERO,
                    stop.toBuilder().stopPrice(new BigDecimal("54000")).build()), linear());

            assertThat(b).containsEntry("triggerPrice", "54000").doesNotContainKeys("qty", "price");
        }

        @Test
        void amendRefusesWhatOnlyANewOrderCanChange() {
            VenueError tif = refusal(() -> BybitTranslator.amendBody(new ReplaceRequest(original, null, BigDecimal.ZERO,
                    original.toBuilder().timeInForce(TimeInForce.IOC).build()), linear()));
            VenueError postOnly = refusal(() -> BybitTranslator.amendBody(new ReplaceRequest(original, null,
                    BigDecimal.ZERO, original.toBuilder().postOnly(true).build()), linear()));

            assertThat(tif.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
            assertThat(postOnly.message()).contains("quantity, price and trigger price");
        }

        @Test
        void replacedKeepsTheOriginalClientOrderIdAndVenueOrderId() {
            ReplaceRequest r = new ReplaceRequest(original, "v1", BigDecimal.ZERO, original.toBuilder()
                    .clientOrderId("ffffeeeeddddccccbbbbaaaa99998888").price(new BigDecimal("49999.9")).build());
            OrderResult ack = BybitJson.convert(Fixtures.result("http_post_v5_order_amend.json"), OrderResult.class);
            OrderEvent.Replaced replaced = BybitTranslator.replaced(ACCOUNT, r, ack.orderId(), NOW);

            assertThat(replaced.clientOrderId()).isEqualTo(ID);
            assertThat(replaced.newClientOrderId()).isEqualTo(ID);
            assertThat(replaced.venueOrderId()).isEqualTo("1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d");
            assertThat(replaced.price()).isEqualByComparingTo("49999.9");
            assertThat(replaced.quantity()).isEqualByComparingTo("0.003");
        }

        @Test
        void cancelIsByOrderLinkIdWithTheSpotOrderFilter() {
            assertThat(BybitTranslator.cancelBody(ID, linear(), "StopOrder")).containsExactly(entry("category", "linear"),
                    entry("symbol", "BTCUSDT"), entry("orderLinkId", ID));
            assertThat(BybitTranslator.cancelBody(ID, spot(), "StopOrder")).containsEntry("orderFilter", "StopOrder");
            OrderEvent.Canceled c = BybitTranslator.canceled(ACCOUNT, ID, BybitJson.convert(Fixtures.result(
                    "http_post_v5_order_cancel.json"), OrderResult.class), NOW);
            assertThat(c.venueOrderId()).isEqualTo("1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d");
        }

        @Test
        void createAcknowledgementIsAccepted() {
            OrderEvent.Accepted a = BybitTranslator.accepted(ACCOUNT, ID, BybitJson.convert(Fixtures.result(
                    "http_post_v5_order_create.json"), OrderResult.class), NOW);

            assertThat(a.venueOrderId()).isEqualTo("1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d");
            assertThat(a.clientOrderId()).isEqualTo(ID);
        }
    }

    @Nested
    class StreamOrders {
        private List<OrderEvent> events(String fixture) {
            return BybitTranslator.orderEvents(ACCOUNT, Fixtures.data(fixture, BybitOrder.class), NOW);
        }

        @Test
        void newPartiallyFilledUntriggeredTriggeredAndFilledAreAcceptances() {
            for (String f : List.of("ws_order_new.json", "ws_order_partially_filled.json", "ws_order_untriggered.json",
                    "ws_order_triggered.json", "ws_order_filled.json")) {
                assertThat(events(f)).as(f).singleElement().isInstanceOf(OrderEvent.Accepted.class);
            }
            OrderEvent.Accepted a = (OrderEvent.Accepted) events("ws_order_new.json").get(0);
            assertThat(a.venueOrderId()).isEqualTo("1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d");
            assertThat(a.clientOrderId()).isEqualTo(ID);
            assertThat(a.timestamp()).isEqualTo(Instant.ofEpochMilli(1754000001005L));
        }

        @Test
        void cancelledByTheUserIsCanceledWithoutAReason() {
            OrderEvent.Canceled c = (OrderEvent.Canceled) events("ws_order_cancelled.json").get(0);

            assertThat(c.reason()).isNull();
            assertThat(c.venueOrderId()).isEqualTo("1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d");
        }

        @Test
        void aPostOnlyOrderThatWouldTakeIsRejectedWouldTakeLiquidity() {
            OrderEvent.Rejected r = (OrderEvent.Rejected) events("ws_order_postonly_cancelled.json").get(0);

            assertThat(r.error().reason()).isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
            assertThat(r.error().code()).isEqualTo("EC_PostOnlyWillTakeLiquidity");
        }

        @Test
        void anIocRemainderIsExpired() {
            assertThat(events("ws_order_ioc_cancelled.json")).singleElement().isInstanceOf(OrderEvent.Expired.class);
        }

        @Test
        void rejectedCarriesTheRejectReason() {
            OrderEvent.Rejected r = (OrderEvent.Rejected) events("ws_order_rejected.json").get(0);

            assertThat(r.error().reason()).isEqualTo(RejectReason.VENUE_CLOSED);
            assertThat(r.error().code()).isEqualTo("EC_InvalidSymbolStatus");
        }

        @Test
        void deactivatedIsCanceled() {
            OrderEvent.Canceled c = (OrderEvent.Canceled) events("ws_order_deactivated.json").get(0);

            assertThat(c.reason()).contains("deactivated");
        }

        @Test
        void anUnknownStatusFailsLoudly() {
            assertThatThrownBy(() -> events("ws_order_unknown_status.json"))
                    .isInstanceOf(UnknownVenueValueException.class).hasMessageContaining("Parked")
                    .hasMessageContaining("PartiallyFilled");
        }
    }

    @Nested
    class Executions {
        private OrderEvent.Fill fill(String fixture, BybitInstrument inst) {
            return BybitTranslator.fill(ACCOUNT, Fixtures.data(fixture, Execution.class), inst).orElseThrow();
        }

        @Test
        void aTradeIsAFillWithTheExecIdAsTradeIdItsFeeAndLiquidity() {
            OrderEvent.Fill f = fill("ws_execution_trade.json", linear());

            assertThat(f.tradeId()).isEqualTo("e0cbe81d-0f18-5866-9415-cf319b5dab3b");
            assertThat(f.clientOrderId()).isEqualTo("a1b2c3d4e5f60718293a4b5c6d7e8f90");
            assertThat(f.venueOrderId()).isEqualTo("9aac161b-8ed6-450d-9cab-c5cc67c21784");
            assertThat(f.quantity()).isEqualByComparingTo("0.003");
            assertThat(f.price()).isEqualByComparingTo("60000.10");
            assertThat(f.commission()).isEqualByComparingTo("0.09900009");
            assertThat(f.commissionAsset()).as("derivatives settle fees in the settle coin").isEqualTo("USDT");
            assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(f.orderFilled()).isFalse();
            assertThat(f.timestamp()).isEqualTo(Instant.ofEpochMilli(1754000005001L));
        }

        @Test
        void theTradeThatLeavesNothingCompletesTheOrder() {
            OrderEvent.Fill f = fill("ws_execution_last_trade.json", linear());

            assertThat(f.orderFilled()).isTrue();
            assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(f.commission()).as("a maker rebate").isNegative();
        }

        @Test
        void aSpotBuyPaysItsFeeInTheBaseCoinWhenBybitNamesNone() {
            assertThat(fill("ws_execution_spot_trade.json", spot()).commissionAsset()).isEqualTo("BTC");
        }

        @Test
        void fundingIsNoFill() {
            assertThat(BybitTranslator.fill(ACCOUNT, Fixtures.data("ws_execution_funding.json", Execution.class),
                    linear())).isEmpty();
        }
    }

    @Nested
    class Queries {
        private final List<BybitOrder> history = Fixtures.list("http_get_v5_order_history.json", BybitOrder.class);
        private final List<Execution> executions = Fixtures.list("http_get_v5_execution_list.json", Execution.class);

        @Test
        void aRestingOrderIsNew() {
            BybitOrder o = Fixtures.list("http_get_v5_order_realtime.json", BybitOrder.class).get(0);
            OrderSnapshot s = BybitTranslator.snapshot(ACCOUNT, "BTC/USDT:USDT", o, List.of(), linear());

            assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW);
            assertThat(s.clientOrderId()).isEqualTo(ID);
            assertThat(s.side()).isEqualTo(Side.BUY);
            assertThat(s.quantity()).isEqualByComparingTo("0.003");
            assertThat(s.filledQuantity()).isEqualByComparingTo("0");
            assertThat(s.price()).isEqualByComparingTo("50000");
            assertThat(s.fills()).isEmpty();
        }

        @Test
        void aQueriedOrderIsASpotStopOrderByItsOrderFilterElseByItsTriggerPrice() {
            BybitOrder o = Fixtures.list("http_get_v5_order_realtime.json", BybitOrder.class).get(0);
            BybitOrder stop = withFilter(o, "StopOrder", "55000");
            BybitOrder plain = withFilter(o, "Order", "0");
            BybitOrder unsaid = withFilter(o, null, "55000");

            assertThat(BybitTranslator.isSpotStopOrder(stop, spot())).isTrue();
            assertThat(BybitTranslator.isSpotStopOrder(plain, spot())).isFalse();
            assertThat(BybitTranslator.isSpotStopOrder(unsaid, spot())).isTrue();
            assertThat(BybitTranslator.isSpotStopOrder(withFilter(o, null, ""), spot())).isFalse();
            assertThat(BybitTranslator.isSpotStopOrder(stop, linear())).isFalse();
        }

        private BybitOrder withFilter(BybitOrder o, String orderFilter, String triggerPrice) {
            return new BybitOrder(o.category(), o.symbol(), o.orderId(), o.orderLinkId(), o.side(), o.orderType(),
                    o.price(), o.qty(), o.timeInForce(), o.orderStatus(), o.cancelType(), o.rejectReason(),
                    o.avgPrice(), o.leavesQty(), o.cumExecQty(), o.cumExecValue(), o.cumExecFee(), triggerPrice,
                    o.triggerDirection(), o.stopOrderType(), orderFilter, o.reduceOnly(), o.positionIdx(),
                    o.marketUnit(), o.createdTime(), o.updatedTime());
        }

        @Test
        void aFilledOrderHasItsFillsOldestFirstTheLastMarkedOrderFilled() {
            OrderSnapshot s = BybitTranslator.snapshot(ACCOUNT, "BTC/USDT:USDT", history.get(0), executions, linear());

            assertThat(s.status()).isEqualTo(OrderSnapshot.Status.FILLED);
            assertThat(s.filledQuantity()).isEqualByComparingTo("0.005");
            assertThat(s.fills()).extracting(OrderEvent.Fill::tradeId).containsExactly(
                    "e0cbe81d-0f18-5866-9415-cf319b5dab3b", "f1a2b3c4-0000-5866-9415-cf319b5dab3c");
            assertThat(s.fills()).extracting(OrderEvent.Fill::orderFilled).containsExactly(false, true);
            assertThat(s.fills().stream().map(OrderEvent.Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo("0.005");
        }

        @Test
        void aPostOnlyCancelIsRejectedInASnapshot() {
            OrderSnapshot s = BybitTranslator.snapshot(ACCOUNT, "BTC/USDT:USDT", history.get(1), List.of(), linear());

            assertThat(s.status()).isEqualTo(OrderSnapshot.Status.REJECTED);
        }

        @Test
        void stateEventsAcceptThenFill() {
            List<OrderEvent> events = BybitTranslator.stateEvents(ACCOUNT, history.get(0), executions, linear(), NOW);

            assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Accepted", "Fill", "Fill");
        }

        @Test
        void stateEventsOfACanceledOrderEndWithTheCancel() {
            BybitOrder canceled = Fixtures.data("ws_order_cancelled.json", BybitOrder.class);

            assertThat(BybitTranslator.stateEvents(ACCOUNT, canceled, List.of(), linear(), NOW))
                    .singleElement().isInstanceOf(OrderEvent.Canceled.class);
        }
    }

    @Nested
    class Account {
        @Test
        void balancesAreWalletBalanceLessWhatOrdersHold() {
            List<Balance> b = BybitTranslator.balances(Fixtures.list("http_get_v5_account_wallet-balance.json",
                    WalletBalance.class));

            assertThat(b).extracting(Balance::asset).containsExactly("USDT", "BTC");
            assertThat(b.get(0).total()).isEqualByComparingTo("99835.0");
            assertThat(b.get(0).available()).isEqualByComparingTo("99670.0");
            assertThat(b.get(1).available()).isEqualByComparingTo("1.005");
        }

        @Test
        void positionsAreSignedAndFlatOnesLeftOut() {
            List<Position> linear = BybitTranslator.positions(Fixtures.list("http_get_v5_position_list.json",
                    PositionInfo.class), v -> v.equals("BTCUSDT") ? "BTC/USDT:USDT" : "ETH/USDT:USDT");
            List<Position> inverse = BybitTranslator.positions(Fixtures.list("http_get_v5_position_list_inverse.json",
                    PositionInfo.class), v -> "BTC/USD:BTC");

            assertThat(linear).singleElement().satisfies(p -> {
                assertThat(p.symbol()).isEqualTo("BTC/USDT:USDT");
                assertThat(p.quantity()).isEqualByComparingTo("0.005");
                assertThat(p.entryPrice()).isEqualByComparingTo("60000.06");
                assertThat(p.realizedPnl()).isEqualByComparingTo("12.5");
            });
            assertThat(inverse).singleElement().satisfies(p -> assertThat(p.quantity()).isEqualByComparingTo("-300"));
        }
    }

    @Nested
    class ReferencePriceAnswers {
        private final Map<String, BybitInstrument> linear = load(BybitCategory.LINEAR,
                "http_get_v5_market_instruments-info_linear.json");
        private final Symbols loaded = new Symbols(java.util.stream.Stream.concat(linear.values().stream(),
                load(BybitCategory.SPOT, "http_get_v5_market_instruments-info_spot.json").values().stream()).toList());

        @Test
        void linearTickersGiveTheMidElseTheMarkAsOfTheAnswersTimeAndSkipSymbolsNotLoaded() {
            var body = Fixtures.body("http_get_v5_market_tickers_linear.json");
            Instant time = Instant.ofEpochMilli(body.get("time").asLong());

            List<ReferencePrice> prices = BybitTranslator.referencePrices(BybitCategory.LINEAR,
                    Fixtures.list("http_get_v5_market_tickers_linear.json", Ticker.class), loaded, time);

            assertThat(prices).containsExactly(
                    new ReferencePrice("BTC/USDT:USDT", new BigDecimal("120200.90").divide(BigDecimal.valueOf(2)),
                            ReferencePrice.Kind.MID, time),
                    new ReferencePrice(linear.get("BTCPERP").symbol(), new BigDecimal("60102.5"),
                            ReferencePrice.Kind.MARK, time));
            assertThat(prices.get(0).price()).isEqualByComparingTo("60100.45");
            assertThat(time).isEqualTo(Instant.parse("2025-07-31T22:13:20.789Z"));
        }

        @Test
        void spotTickersGiveTheMidElseTheLastPrice() {
            Instant time = Instant.ofEpochMilli(1754000000456L);

            List<ReferencePrice> prices = BybitTranslator.referencePrices(BybitCategory.SPOT,
                    Fixtures.list("http_get_v5_market_tickers_spot.json", Ticker.class), loaded, time);

            assertThat(prices).containsExactly(
                    new ReferencePrice("BTC/USDT", new BigDecimal("60100.00"), ReferencePrice.Kind.MID, time),
                    new ReferencePrice("ETH/USDT", new BigDecimal("3000.15"), ReferencePrice.Kind.LAST, time));
        }

        @Test
        void nothingUsableGivesNothing() {
            assertThat(BybitTranslator.referencePrice("BTC/USDT", new Ticker("BTCUSDT", "", "0", null, "abc"),
                    Instant.EPOCH)).isEmpty();
        }
    }

    @Nested
    class PublicMarketData {
        private BookMessage book(String fixture) {
            return BybitTranslator.orderbook(BybitJson.convert(Fixtures.frame(fixture), OrderbookMessage.class));
        }

        private static BookMessage.Level level(String price, String size) {
            return new BookMessage.Level(new BigDecimal(price), new BigDecimal(size));
        }

        @Test
        void aSnapshotCarriesItsLevelsUpdateIdAndMatchingTime() {
            BookMessage m = book("ws_orderbook_snapshot.json");

            assertThat(m.venueSymbol()).isEqualTo("BTCUSDT");
            assertThat(m.snapshot()).isTrue();
            assertThat(m.updateId()).isEqualTo(13079592L);
            assertThat(m.venueTime()).as("cts, the matching engine's time").isEqualTo(Instant.ofEpochMilli(1754000001021L));
            assertThat(m.bids()).containsExactly(level("60000.10", "1.250"), level("60000.00", "0.513"),
                    level("59999.50", "3.000"));
            assertThat(m.asks()).containsExactly(level("60000.20", "0.815"), level("60000.50", "2.858"),
                    level("60001.00", "0.100"));
        }

        @Test
        void aDeltaAppliedOnTheSnapshotSetsAndRemovesLevels() {
            BookMessage snapshot = book("ws_orderbook_snapshot.json");
            BookMessage delta = book("ws_orderbook_delta.json");
            assertThat(delta.snapshot()).isFalse();
            assertThat(delta.updateId()).isEqualTo(snapshot.updateId() + 1);

            LocalBook local = new LocalBook("BTC/USDT:USDT", 50);
            for (BookMessage m : List.of(snapshot, delta)) {
                m.bids().forEach(l -> local.bid(l.price(), l.size()));
                m.asks().forEach(l -> local.ask(l.price(), l.size()));
            }
            BookSnapshot top = local.top(false, delta.venueTime(), 1L);

            assertThat(top.bids()).containsExactly(new PriceLevel(new BigDecimal("60000.10"), new BigDecimal("0.750")),
                    new PriceLevel(new BigDecimal("59999.50"), new BigDecimal("3.000")));
            assertThat(top.asks()).extracting(PriceLevel::price).containsExactly(new BigDecimal("60000.20"),
                    new BigDecimal("60000.30"), new BigDecimal("60000.50"), new BigDecimal("60001.00"));
        }

        @Test
        void withoutCtsTheMessageTimeIsUsed() {
            OrderbookMessage m = new OrderbookMessage("orderbook.1.BTCUSDT", "snapshot", 1754000000000L,
                    new OrderbookMessage.Data("BTCUSDT", List.of(List.of("1", "2")), List.of(), 7L, 9L), null);
            assertThat(BybitTranslator.orderbook(m).venueTime()).isEqualTo(Instant.ofEpochMilli(1754000000000L));
        }

        @Test
        void malformedBookMessagesAreRefusedWithWhatIsWrong() {
            OrderbookMessage.Data ok = new OrderbookMessage.Data("BTCUSDT", List.of(), List.of(), 1L, 1L);
            assertThatThrownBy(() -> BybitTranslator.orderbook(new OrderbookMessage("t", "partial", 1L, ok, 1L)))
                    .hasMessageContaining("partial");
            assertThatThrownBy(() -> BybitTranslator.orderbook(new OrderbookMessage("t", "delta", 1L,
                    new OrderbookMessage.Data("BTCUSDT", List.of(), List.of(), null, 1L), 1L)))
                    .hasMessageContaining("data.u");
            assertThatThrownBy(() -> BybitTranslator.orderbook(new OrderbookMessage("t", "delta", 1L,
                    new OrderbookMessage.Data("BTCUSDT", List.of(List.of("60000")), List.of(), 2L, 1L), 1L)))
                    .hasMessageContaining("[price, size]");
            assertThatThrownBy(() -> BybitTranslator.orderbook(new OrderbookMessage("t", "delta", 1L,
                    new OrderbookMessage.Data("BTCUSDT", List.of(List.of("60000", "-1")), List.of(), 2L, 1L), 1L)))
                    .hasMessageContaining("size of zero or more");
        }

        @Test
        void publicTradesCarryTheTakersSideAsAggressor() {
            PublicTradeMessage m = BybitJson.convert(Fixtures.frame("ws_publicTrade.json"), PublicTradeMessage.class);

            List<MarketTrade> trades = BybitTranslator.publicTrades("BTC/USDT:USDT", m, 42L);

            assertThat(trades).containsExactly(
                    new MarketTrade("BTC/USDT:USDT", "20f43950-d8dd-5b31-9112-a178eb6023af", new BigDecimal("60000.20"),
                            new BigDecimal("0.001"), Side.BUY, Instant.ofEpochMilli(1754000002865L), 42L),
                    new MarketTrade("BTC/USDT:USDT", "d9cd8295-40dc-5dce-8deb-42882580a7ab", new BigDecimal("60000.10"),
                            new BigDecimal("0.250"), Side.SELL, Instant.ofEpochMilli(1754000002866L), 42L));
        }

        @Test
        void aTradeWithAnUnknownSideIsRefused() {
            PublicTradeMessage m = new PublicTradeMessage("publicTrade.BTCUSDT", "snapshot", 1L, List.of(
                    new PublicTradeMessage.Trade(1L, "BTCUSDT", "Both", "1", "2", "PlusTick", "x", false, 1L)));
            assertThatThrownBy(() -> BybitTranslator.publicTrades("BTC/USDT:USDT", m, 0L))
                    .isInstanceOf(UnknownVenueValueException.class).hasMessageContaining("Both");
        }

        @Test
        void topicsAreNamedAsBybitNamesThem() {
            assertThat(BybitTranslator.orderbookTopic(200, "BTCUSD")).isEqualTo("orderbook.200.BTCUSD");
            assertThat(BybitTranslator.publicTradeTopic("ETHUSDT")).isEqualTo("publicTrade.ETHUSDT");
        }
    }
}
