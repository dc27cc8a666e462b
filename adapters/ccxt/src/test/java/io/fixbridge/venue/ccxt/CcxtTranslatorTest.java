package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.PriceLevel;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TradingStatus;
import io.fixbridge.venue.TriggerDirection;
import io.fixbridge.venue.VenueCapabilities;
import io.fixbridge.venue.ccxt.CcxtTranslator.PrecisionMode;
import io.fixbridge.venue.ccxt.dto.CcxtBook;
import io.fixbridge.venue.ccxt.dto.CcxtMarket;
import io.fixbridge.venue.ccxt.dto.CcxtOrder;
import io.fixbridge.venue.ccxt.dto.CcxtPosition;
import io.fixbridge.venue.ccxt.dto.CcxtPrice;
import io.fixbridge.venue.ccxt.dto.CcxtPublicTrade;
import io.fixbridge.venue.ccxt.dto.CcxtTrade;
import io.fixbridge.venue.kit.json.VenueJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CcxtTranslator} on ccxt's unified structures as the sidecar sent them (our captured fixtures). */
class CcxtTranslatorTest {

    private static List<CcxtMarket> markets(String exchange) {
        return Fixtures.list(Fixtures.result("sidecar_loadMarkets_" + exchange), CcxtMarket.class);
    }

    private static Instrument instrument(String exchange, String symbol) {
        CcxtMarket m = markets(exchange).stream().filter(x -> x.symbol().equals(symbol)).findFirst().orElseThrow();
        return CcxtTranslator.instrument(m, PrecisionMode.TICK_SIZE).orElseThrow();
    }

    @Test
    void tickSizeMarketsGiveTickLotAndLimitsDirectly() {
        Instrument spot = instrument("binance", "BTC/USDT");
        assertThat(spot.venueSymbol()).isEqualTo("BTCUSDT");
        assertThat(spot.marketType()).isEqualTo(MarketType.SPOT);
        assertThat(spot.tickSize()).isEqualByComparingTo("0.01");
        assertThat(spot.lotSize()).isEqualByComparingTo("0.00001");
        assertThat(spot.minQuantity()).isEqualByComparingTo("0.00001");
        assertThat(spot.maxQuantity()).isEqualByComparingTo("9000");
        assertThat(spot.minNotional()).isEqualByComparingTo("5");
        assertThat(spot.settleAsset()).isEqualTo("USDT");
        assertThat(spot.contractSize()).isEqualByComparingTo("1");
        assertThat(spot.significantFigures()).isZero();
        assertThat(spot.status()).isEqualTo(TradingStatus.TRADING);

        Instrument perp = instrument("binance", "BTC/USDT:USDT");
        assertThat(perp.marketType()).isEqualTo(MarketType.LINEAR_PERPETUAL);
        assertThat(perp.tickSize()).isEqualByComparingTo("0.1");
        assertThat(perp.minNotional()).isEqualByComparingTo("100");

        Instrument inverse = instrument("bybit", "BTC/USD:BTC");
        assertThat(inverse.marketType()).isEqualTo(MarketType.INVERSE_PERPETUAL);
        assertThat(inverse.settleAsset()).isEqualTo("BTC");
        assertThat(inverse.tickSize()).isEqualByComparingTo("0.5");
        assertThat(inverse.lotSize()).isEqualByComparingTo("1");
        assertThat(inverse.minNotional()).isZero();
    }

    private static CcxtMarket market(String json) {
        try {
            return VenueJson.mapper().readValue(json, CcxtMarket.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final String KRAKEN_LIKE = """
            {"id":"XXBTZUSD","symbol":"BTC/USD","base":"BTC","quote":"USD","settle":null,"type":"spot","spot":true,
             "swap":false,"future":false,"linear":null,"inverse":null,"contractSize":null,"active":false,
             "precision":{"amount":8,"price":1},"limits":{"amount":{"min":0.0001,"max":null},
             "price":{"min":null,"max":null},"cost":{"min":0.5,"max":null}},"expiry":null}
            """;

    @Test
    void decimalPlacesBecomeStepsAndInactiveMarketsAreHalted() {
        Instrument i = CcxtTranslator.instrument(market(KRAKEN_LIKE), PrecisionMode.DECIMAL_PLACES).orElseThrow();
        assertThat(i.tickSize()).isEqualByComparingTo("0.1");
        assertThat(i.lotSize()).isEqualByComparingTo("0.00000001");
        assertThat(i.maxQuantity()).isEqualByComparingTo(CcxtTranslator.NO_MAX_QUANTITY);
        assertThat(i.status()).isEqualTo(TradingStatus.HALTED);
    }

    @Test
    void significantDigitsBecomeTheInstrumentsSignificantFigures() {
        Instrument i = CcxtTranslator.instrument(market(KRAKEN_LIKE.replace("\"price\":1}", "\"price\":5}")),
                PrecisionMode.SIGNIFICANT_DIGITS).orElseThrow();
        assertThat(i.significantFigures()).isEqualTo(5);
        assertThat(i.priceStep(new BigDecimal("12345"))).isEqualByComparingTo("1");
    }

    @Test
    void optionsAndUnknownMarketKindsAreLeftOutAndAMarketWithoutPrecisionFails() {
        assertThat(CcxtTranslator.instrument(market(KRAKEN_LIKE.replace("\"type\":\"spot\"", "\"type\":\"option\"")),
                PrecisionMode.TICK_SIZE)).isEmpty();
        assertThatThrownBy(() -> CcxtTranslator.instrument(market(KRAKEN_LIKE.replace("\"price\":1}", "\"price\":null}")),
                PrecisionMode.TICK_SIZE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BTC/USD");
        assertThatThrownBy(() -> PrecisionMode.parse("FUZZY")).isInstanceOf(UnknownVenueValueException.class);
    }

    @Test
    void capabilitiesComeFromHasAndFeatures() {
        JsonNode open = Fixtures.result("sidecar_open_binance");
        assertThat(open.path("precisionMode").asText()).isEqualTo("TICK_SIZE");
        VenueCapabilities caps = CcxtTranslator.capabilities(open.get("has"), open.get("features"),
                EnumSet.of(MarketType.SPOT, MarketType.LINEAR_PERPETUAL));
        assertThat(caps.orderTypes()).containsExactlyInAnyOrder(OrderType.LIMIT, OrderType.MARKET, OrderType.STOP,
                OrderType.STOP_LIMIT, OrderType.TAKE_PROFIT);
        assertThat(caps.timesInForce()).containsExactlyInAnyOrder(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK);
        assertThat(caps.postOnly()).isTrue();
        assertThat(caps.cashOrderQuantity()).isTrue();
        assertThat(caps.reduceOnlyMarkets()).containsOnly(MarketType.LINEAR_PERPETUAL);
        assertThat(caps.iceberg()).isFalse();
        assertThat(caps.oco()).isFalse();
        assertThat(caps.replaceMode()).isEqualTo(ReplaceMode.NATIVE_AMEND);

        OrderFeatures spot = CcxtTranslator.orderFeatures(open.get("has"), open.get("features"), MarketType.SPOT);
        assertThat(spot.triggerDirection()).isFalse();
        assertThat(spot.reduceOnly()).isFalse();
        JsonNode bybit = Fixtures.result("sidecar_open_bybit");
        OrderFeatures linear = CcxtTranslator.orderFeatures(bybit.get("has"), bybit.get("features"),
                MarketType.LINEAR_PERPETUAL);
        assertThat(linear.triggerDirection()).isTrue();
        assertThat(linear.reduceOnly()).isTrue();
    }

    @Test
    void aMarketKindWithoutFeaturesGetsOnlyTheBasics() {
        JsonNode open = Fixtures.result("sidecar_open_binance");
        ObjectNode none = VenueJson.mapper().createObjectNode();
        assertThat(CcxtTranslator.orderFeatures(open.get("has"), none, MarketType.SPOT)).isEqualTo(OrderFeatures.BASIC);
        VenueCapabilities caps = CcxtTranslator.capabilities(open.get("has"), none, Set.of(MarketType.SPOT));
        assertThat(caps.orderTypes()).containsExactlyInAnyOrder(OrderType.LIMIT, OrderType.MARKET);
        assertThat(caps.timesInForce()).containsExactly(TimeInForce.GTC);
    }

    private static OrderRequest.Builder req() {
        return OrderRequest.builder().account("a").clientOrderId("c1").symbol("BTC/USDT:USDT").side(Side.SELL)
                .type(OrderType.LIMIT).quantity(new BigDecimal("0.010")).price(new BigDecimal("61000.0"));
    }

    private static OrderFeatures linear() {
        JsonNode bybit = Fixtures.result("sidecar_open_bybit");
        return CcxtTranslator.orderFeatures(bybit.get("has"), bybit.get("features"), MarketType.LINEAR_PERPETUAL);
    }

    private static OrderFeatures binanceSpot() {
        JsonNode open = Fixtures.result("sidecar_open_binance");
        return CcxtTranslator.orderFeatures(open.get("has"), open.get("features"), MarketType.SPOT);
    }

    @Test
    void createOrderParamsUseCcxtsUnifiedParametersWithDecimalStrings() {
        ObjectNode p = CcxtTranslator.createOrder("a", "BTC/USDT:USDT", req().timeInForce(TimeInForce.IOC)
                .postOnly(false).reduceOnly(true).build(), linear());
        assertThat(p.toString()).isEqualTo("{\"account\":\"a\",\"symbol\":\"BTC/USDT:USDT\",\"type\":\"limit\","
                + "\"side\":\"sell\",\"amount\":\"0.01\",\"price\":\"61000\",\"params\":{\"clientOrderId\":\"c1\","
                + "\"timeInForce\":\"IOC\",\"reduceOnly\":true}}");

        ObjectNode stop = CcxtTranslator.createOrder("a", "BTC/USDT:USDT", req().type(OrderType.STOP).price(null)
                .stopPrice(new BigDecimal("55000")).build(), linear());
        assertThat(stop.get("type").asText()).isEqualTo("market");
        assertThat(stop.get("price").isNull()).isTrue();
        assertThat(stop.get("params").toString()).isEqualTo("{\"clientOrderId\":\"c1\",\"triggerPrice\":\"55000\","
                + "\"triggerDirection\":\"below\"}");

        ObjectNode tp = CcxtTranslator.createOrder("a", "BTC/USDT", req().symbol("BTC/USDT").type(OrderType.TAKE_PROFIT)
                .price(null).stopPrice(new BigDecimal("70000")).build(), binanceSpot());
        assertThat(tp.get("params").toString()).isEqualTo("{\"clientOrderId\":\"c1\",\"takeProfitPrice\":\"70000\"}");

        ObjectNode byCost = CcxtTranslator.createOrder("a", "BTC/USDT", req().symbol("BTC/USDT").side(Side.BUY)
                .type(OrderType.MARKET).price(null).quantity(null).cashQuantity(new BigDecimal("100.5")).build(),
                binanceSpot());
        assertThat(byCost.get("amount").asText()).isEqualTo("100.5");
        assertThat(byCost.get("params").get("cost").asText()).isEqualTo("100.5");

        ObjectNode po = CcxtTranslator.createOrder("a", "BTC/USDT", req().symbol("BTC/USDT").postOnly(true).build(),
                binanceSpot());
        assertThat(po.get("params").get("postOnly").asBoolean()).isTrue();
    }

    @Test
    void whatAMarketCannotExpressIsRefusedNotDefaulted() {
        OrderFeatures spot = binanceSpot();
        assertThat(CcxtTranslator.unsupported(req().symbol("BTC/USDT").reduceOnly(true).build(), MarketType.SPOT, spot))
                .anyMatch(s -> s.contains("reduce-only"));
        assertThat(CcxtTranslator.unsupported(req().timeInForce(TimeInForce.GTD).build(), MarketType.SPOT, spot))
                .anyMatch(s -> s.contains("GTD"));
        assertThat(CcxtTranslator.unsupported(req().displayQuantity(BigDecimal.ONE).build(), MarketType.SPOT, spot))
                .anyMatch(s -> s.contains("iceberg"));
        assertThat(CcxtTranslator.unsupported(req().type(OrderType.STOP).price(null).stopPrice(BigDecimal.TEN)
                .triggerDirection(TriggerDirection.RISES_ABOVE).build(), MarketType.SPOT, spot))
                .anyMatch(s -> s.contains("trigger direction"));
        assertThat(CcxtTranslator.unsupported(req().type(OrderType.MARKET).price(null).quantity(null)
                .cashQuantity(BigDecimal.TEN).build(), MarketType.SPOT, spot)).anyMatch(s -> s.contains("market buys"));
        assertThat(CcxtTranslator.unsupported(req().type(OrderType.STOP).price(null).stopPrice(BigDecimal.TEN).build(),
                MarketType.SPOT, OrderFeatures.BASIC)).anyMatch(s -> s.contains("stop"));
        assertThat(CcxtTranslator.unsupported(req().build(), MarketType.LINEAR_PERPETUAL, linear())).isEmpty();
    }

    @Test
    void aMarketOrderWithItsTradesIsAFilledSnapshotAndFillsCarryTheTradeIds() {
        CcxtOrder o = Fixtures.as(Fixtures.result("sidecar_createOrder_binance_market"), CcxtOrder.class);
        assertThat(o.trades()).hasSize(2);
        OrderEvent.Fill f = CcxtTranslator.fill("a", "fixture-market-1", o.trades().get(0), false);
        assertThat(f.tradeId()).isEqualTo("1");
        assertThat(f.quantity()).isEqualByComparingTo("1");
        assertThat(f.price()).isEqualByComparingTo("59999.89");
        assertThat(f.commission()).isEqualByComparingTo("59.99989");
        assertThat(f.commissionAsset()).isEqualTo("USDT");
        assertThat(f.liquidity()).as("not reported in Binance's order answer: not guessed").isNull();
        OrderSnapshot s = CcxtTranslator.snapshot("a", "fixture-market-1", o, List.of(f));
        assertThat(s.status()).isEqualTo(OrderSnapshot.Status.FILLED);
        assertThat(s.filledQuantity()).isEqualByComparingTo("1.5");
        assertThat(s.venueOrderId()).isEqualTo("2");
    }

    @Test
    void streamedTradesNameTheirOrderAndLiquidity() {
        List<CcxtTrade> trades = Fixtures.list(Fixtures.line("sidecar_event_trades_binance").get("data"), CcxtTrade.class);
        OrderEvent.Fill f = CcxtTranslator.fill("a", "x", trades.get(1), true);
        assertThat(f.venueOrderId()).isEqualTo("2");
        assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(f.timestamp().toEpochMilli()).isEqualTo(1795261412825L);
        assertThat(f.orderFilled()).isTrue();
    }

    @Test
    void statusesMapStrictly() {
        CcxtOrder open = Fixtures.as(Fixtures.result("sidecar_fetchOrderByClientId_binance_open"), CcxtOrder.class);
        assertThat(CcxtTranslator.snapshot("a", "c", open, List.of()).status()).isEqualTo(OrderSnapshot.Status.NEW);
        CcxtOrder ioc = Fixtures.as(Fixtures.result("sidecar_createOrder_binance_ioc"), CcxtOrder.class);
        assertThat(CcxtTranslator.snapshot("a", "c", ioc, List.of()).status()).isEqualTo(OrderSnapshot.Status.EXPIRED);
        CcxtOrder canceled = Fixtures.as(Fixtures.result("sidecar_cancelOrder_binance"), CcxtOrder.class);
        assertThat(CcxtTranslator.snapshot("a", "c", canceled, List.of()).status())
                .isEqualTo(OrderSnapshot.Status.CANCELED);
        assertThatThrownBy(() -> CcxtTranslator.Status.parse("partially_filled"))
                .isInstanceOf(UnknownVenueValueException.class).hasMessageContaining("partially_filled");
        assertThatThrownBy(() -> CcxtTranslator.liquidity("both")).isInstanceOf(UnknownVenueValueException.class);
        assertThatThrownBy(() -> CcxtTranslator.side("long")).isInstanceOf(UnknownVenueValueException.class);
    }

    @Test
    void bybitsCreateAnswerIsAnAcknowledgementWithoutStatus() {
        CcxtOrder ack = Fixtures.as(Fixtures.result("sidecar_createOrder_bybit_linear_market"), CcxtOrder.class);
        assertThat(ack.id()).isNotBlank();
        assertThat(ack.status()).isNull();
        assertThat(CcxtTranslator.Status.parse(ack.status())).isNull();
    }

    @Test
    void balancesAndPositions() {
        assertThat(CcxtTranslator.balances(Fixtures.result("sidecar_fetchBalance_binance")))
                .anySatisfy(b -> {
                    assertThat(b.asset()).isEqualTo("BTC");
                    assertThat(b.total()).isEqualByComparingTo("11.5");
                    assertThat(b.available()).isEqualByComparingTo("11.5");
                });
        List<Position> ps = CcxtTranslator.positions(Fixtures.list(Fixtures.result("sidecar_fetchPositions_bybit"),
                CcxtPosition.class));
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo("BTC/USDT:USDT");
            assertThat(p.quantity()).isEqualByComparingTo("0.01");
            assertThat(p.entryPrice()).isEqualByComparingTo("59999.2");
            assertThat(p.realizedPnl()).isEqualByComparingTo("-0.3299956");
        });
        assertThat(CcxtTranslator.positions(List.of(new CcxtPosition("X/USDT:USDT", "short", new BigDecimal("2"),
                null, null, null, null, null, null)))).singleElement()
                .satisfies(p -> assertThat(p.quantity()).isEqualByComparingTo("-2"));
    }

    @Test
    void referencePricesFromBinanceBidsAsks() {
        Instant received = Instant.parse("2026-11-21T19:00:00Z");
        List<ReferencePrice> prices = CcxtTranslator.referencePrices(Fixtures.list(
                Fixtures.result("sidecar_fetchReferencePrices_binance").get("prices"), CcxtPrice.class), received);

        assertThat(prices).extracting(ReferencePrice::symbol).as("ETH/USDT has no ask, mark or last")
                .containsExactly("BTC/USDT", "BTC/USDT:USDT");
        assertThat(prices.get(0).price()).isEqualByComparingTo("60000");
        assertThat(prices.get(1).price()).isEqualByComparingTo("60010.2");
        assertThat(prices).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ReferencePrice.Kind.MID);
            assertThat(p.asOf()).as("a polled snapshot is as of its receipt, not the book's last change")
                    .isEqualTo(received);
        });
    }

    @Test
    void referencePricesFromBybitTickersFallBackToMarkThenLast() {
        Instant received = Instant.parse("2026-11-21T19:00:00Z");
        List<ReferencePrice> prices = CcxtTranslator.referencePrices(Fixtures.list(
                Fixtures.result("sidecar_fetchReferencePrices_bybit").get("prices"), CcxtPrice.class), received);

        assertThat(prices).extracting(ReferencePrice::symbol, ReferencePrice::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BTC/USDT:USDT", ReferencePrice.Kind.MID),
                org.assertj.core.groups.Tuple.tuple("ETH/USDT:USDT", ReferencePrice.Kind.MARK),
                org.assertj.core.groups.Tuple.tuple("SOL/USDT", ReferencePrice.Kind.LAST));
        assertThat(prices).extracting(ReferencePrice::price).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("60000"), new BigDecimal("3000.05"), new BigDecimal("150.01"));
    }

    @Test
    void aCrossedBookIsNoMid() {
        Instant t = Instant.EPOCH;
        CcxtPrice crossed = new CcxtPrice("BTC/USDT", new BigDecimal("60001"), new BigDecimal("60000"), null,
                new BigDecimal("59990"), null);

        assertThat(CcxtTranslator.referencePrice(crossed, t)).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(ReferencePrice.Kind.LAST);
            assertThat(p.price()).isEqualByComparingTo("59990");
        });
        assertThat(CcxtTranslator.referencePrice(new CcxtPrice(null, BigDecimal.ONE, BigDecimal.ONE, null, null, null),
                t)).isEmpty();
    }

    // ------------------------------------------------------------------ market data

    private static CcxtBook bookEvent(String json) {
        try {
            return VenueJson.mapper().readValue(json, CcxtBook.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aBookEventKeepsBookDepthLevelsWithTheDecimalsOfTheirText() {
        CcxtBook b = bookEvent("""
                {"event":"book","account":"alice","symbol":"BTC/USDT","resynced":false,"nonce":1027024,
                 "timestamp":1700000000123,"bids":[["60000.10","1.50"],["60000","2"],["59999.9","0.0000001"]],
                 "asks":[["60000.2","0.25"]]}""");
        Instant received = Instant.parse("2026-11-21T19:00:00Z");

        BookSnapshot s = CcxtTranslator.book(b, 2, false, received, 42L);

        assertThat(s.symbol()).isEqualTo("BTC/USDT");
        assertThat(s.bids()).containsExactly(new PriceLevel(new BigDecimal("60000.10"), new BigDecimal("1.50")),
                new PriceLevel(new BigDecimal("60000"), new BigDecimal("2")));
        assertThat(s.asks()).containsExactly(new PriceLevel(new BigDecimal("60000.2"), new BigDecimal("0.25")));
        assertThat(s.resynced()).isFalse();
        assertThat(s.venueTime()).isEqualTo(Instant.ofEpochMilli(1700000000123L));
        assertThat(s.receivedNanos()).isEqualTo(42L);
        assertThat(CcxtTranslator.book(b, 2, true, received, 42L).resynced()).as("the adapter knows it rebuilt").isTrue();
        CcxtBook fresh = new CcxtBook("BTC/USDT", true, null, null, List.of(), List.of());
        BookSnapshot empty = CcxtTranslator.book(fresh, 5, false, received, 1L);
        assertThat(empty.resynced()).as("the sidecar says it rebuilt").isTrue();
        assertThat(empty.venueTime()).as("no venue time: the receipt").isEqualTo(received);
        assertThat(empty.bids()).isEmpty();
    }

    @Test
    void aBookEventThatIsNoBookIsRefused() {
        Instant t = Instant.EPOCH;
        assertThatThrownBy(() -> CcxtTranslator.book(bookEvent(
                "{\"symbol\":\"BTC/USDT\",\"bids\":[[\"60000\"]],\"asks\":[]}"), 5, false, t, 0))
                .isInstanceOf(UnknownVenueValueException.class).hasMessageContaining("is not [price, size]");
        assertThatThrownBy(() -> CcxtTranslator.book(bookEvent(
                "{\"symbol\":\"BTC/USDT\",\"bids\":[[\"59999\",\"1\"],[\"60000\",\"1\"]],\"asks\":[]}"), 5, false, t, 0))
                .isInstanceOf(UnknownVenueValueException.class).hasMessageContaining("bids out of order");
        assertThatThrownBy(() -> CcxtTranslator.book(bookEvent(
                "{\"symbol\":\"BTC/USDT\",\"bids\":[[\"59999\",\"0\"]],\"asks\":[]}"), 5, false, t, 0))
                .isInstanceOf(UnknownVenueValueException.class).hasMessageContaining("positive price and size");
        assertThatThrownBy(() -> CcxtTranslator.book(bookEvent("{\"bids\":[],\"asks\":[]}"), 5, false, t, 0))
                .isInstanceOf(UnknownVenueValueException.class).hasMessageContaining("without a symbol");
    }

    @Test
    void aPublicTradeHasTheTakersSideAsAggressorAndIsLeftOutWithoutIdPriceOrAmount() {
        Instant received = Instant.parse("2026-11-21T19:00:00Z");
        CcxtPublicTrade sell = new CcxtPublicTrade("4213", new BigDecimal("59999.99"), new BigDecimal("0.010"), "sell",
                1700000000456L);

        assertThat(CcxtTranslator.publicTrade("BTC/USDT", sell, received, 7L)).hasValueSatisfying(m -> {
            assertThat(m).isEqualTo(new MarketTrade("BTC/USDT", "4213", new BigDecimal("59999.99"),
                    new BigDecimal("0.010"), Side.SELL, Instant.ofEpochMilli(1700000000456L), 7L));
        });
        assertThat(CcxtTranslator.publicTrade("BTC/USDT", new CcxtPublicTrade("1", BigDecimal.ONE, BigDecimal.ONE, null,
                null), received, 0)).hasValueSatisfying(m -> {
            assertThat(m.aggressor()).as("the venue did not say").isNull();
            assertThat(m.time()).isEqualTo(received);
        });
        assertThat(CcxtTranslator.publicTrade("BTC/USDT", new CcxtPublicTrade(null, BigDecimal.ONE, BigDecimal.ONE,
                "buy", 1L), received, 0)).isEmpty();
        assertThat(CcxtTranslator.publicTrade("BTC/USDT", new CcxtPublicTrade("2", null, BigDecimal.ONE, "buy", 1L),
                received, 0)).isEmpty();
        assertThat(CcxtTranslator.publicTrade("BTC/USDT", new CcxtPublicTrade("3", BigDecimal.ONE, BigDecimal.ZERO,
                "buy", 1L), received, 0)).isEmpty();
        assertThatThrownBy(() -> CcxtTranslator.publicTrade("BTC/USDT", new CcxtPublicTrade("4", BigDecimal.ONE,
                BigDecimal.ONE, "both", 1L), received, 0)).isInstanceOf(UnknownVenueValueException.class);
    }

    @Test
    void booksAndPublicTradesAsTheSidecarSentThemFromTheSimulators() {
        Instant received = Instant.parse("2026-11-21T19:00:00Z");
        for (String exchange : List.of("binance", "bybit")) {
            JsonNode line = Fixtures.line("sidecar_event_book_" + exchange);
            BookSnapshot b = CcxtTranslator.book(Fixtures.as(line, CcxtBook.class), 3, false, received, 1L);
            assertThat(b.resynced()).as("the first book of a watch").isTrue();
            assertThat(b.bids()).hasSize(3);
            assertThat(b.asks()).hasSize(3);
            assertThat(b.bids().get(0).price()).isLessThan(b.asks().get(0).price());
            // Binance's REST snapshot has no time (ccxt's book has none until the first diff): the receipt then
            assertThat(b.venueTime()).isEqualTo(line.get("timestamp").isNull() ? received
                    : Instant.ofEpochMilli(line.get("timestamp").asLong()));
            JsonNode trades = Fixtures.line("sidecar_event_publicTrades_" + exchange).get("data");
            List<CcxtPublicTrade> list = Fixtures.list(trades, CcxtPublicTrade.class);
            assertThat(list).allSatisfy(t -> assertThat(CcxtTranslator.publicTrade(b.symbol(), t, received, 1L))
                    .hasValueSatisfying(m -> {
                        assertThat(m.tradeId()).isEqualTo(t.id());
                        assertThat(m.aggressor()).as("the taker bought from the market maker").isEqualTo(Side.BUY);
                        assertThat(m.quantity()).isEqualByComparingTo("0.001");
                    }));
        }
        assertThat(CcxtTranslator.book(Fixtures.as(Fixtures.line("sidecar_event_book_bybit"), CcxtBook.class), 100,
                false, received, 1L).bids().get(0)).isEqualTo(new PriceLevel(new BigDecimal("59999.9"), BigDecimal.ONE));
    }
}
