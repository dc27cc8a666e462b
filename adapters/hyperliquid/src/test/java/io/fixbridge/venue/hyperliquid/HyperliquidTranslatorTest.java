package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.fixbridge.venue.PriceLevel;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TradingStatus;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.hyperliquid.HyperliquidTranslator.OrderAnswer;
import io.fixbridge.venue.hyperliquid.dto.AllMids;
import io.fixbridge.venue.hyperliquid.dto.ClearinghouseState;
import io.fixbridge.venue.hyperliquid.dto.L2Book;
import io.fixbridge.venue.hyperliquid.dto.Meta;
import io.fixbridge.venue.hyperliquid.dto.OrderStatusAnswer;
import io.fixbridge.venue.hyperliquid.dto.OrderUpdate;
import io.fixbridge.venue.hyperliquid.dto.SpotClearinghouseState;
import io.fixbridge.venue.hyperliquid.dto.SpotMeta;
import io.fixbridge.venue.hyperliquid.dto.UserFillsMessage;
import io.fixbridge.venue.hyperliquid.dto.UserRateLimit;
import io.fixbridge.venue.hyperliquid.dto.VenueOrder;
import io.fixbridge.venue.hyperliquid.dto.WsTrade;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The translator on our fixtures in Hyperliquid's real payload shapes. */
class HyperliquidTranslatorTest {
    private static final String ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final BigDecimal SLIPPAGE = new BigDecimal("0.05");

    private static Map<String, HyperliquidMarket> markets() {
        List<HyperliquidMarket> all = new java.util.ArrayList<>(HyperliquidTranslator.perpMarkets(
                Fixtures.body("http_post_info_meta.json", Meta.class)));
        all.addAll(HyperliquidTranslator.spotMarkets(Fixtures.body("http_post_info_spotMeta.json", SpotMeta.class)));
        return all.stream().collect(Collectors.toMap(HyperliquidMarket::symbol, Function.identity()));
    }

    private static final Map<String, HyperliquidMarket> M = markets();

    private static OrderRequest.Builder order(String symbol, Side side, OrderType type, String qty) {
        return OrderRequest.builder().account("main").clientOrderId(ID).symbol(symbol).side(side).type(type)
                .timeInForce(TimeInForce.GTC).quantity(new BigDecimal(qty));
    }

    private static String wire(OrderRequest o, BigDecimal mid) {
        HyperliquidMarket m = M.get(o.symbol());
        return HyperliquidJson.write(HyperliquidTranslator.orderWire(o, m, o.quantity(),
                HyperliquidTranslator.limitPrice(o, m, mid, SLIPPAGE), Cloids.of(o.clientOrderId())));
    }

    @Nested
    class Instruments {
        @Test
        void perpetualsFromMetaWithTickFromSzDecimalsAndFiveSignificantFigures() {
            HyperliquidMarket btc = M.get("BTC/USDC:USDC");
            Instrument i = btc.instrument();

            assertThat(btc.asset()).isZero();
            assertThat(btc.coin()).isEqualTo("BTC");
            assertThat(i.venueSymbol()).isEqualTo("BTC");
            assertThat(i.marketType()).isEqualTo(MarketType.LINEAR_PERPETUAL);
            assertThat(i.tickSize()).isEqualByComparingTo("0.1");
            assertThat(i.lotSize()).isEqualByComparingTo("0.00001");
            assertThat(i.significantFigures()).isEqualTo(5);
            assertThat(i.minNotional()).isEqualByComparingTo("10");
            assertThat(i.settleAsset()).isEqualTo("USDC");
            assertThat(M.get("SOL/USDC:USDC").asset()).isEqualTo(5);
            assertThat(M.get("SOL/USDC:USDC").instrument().tickSize()).isEqualByComparingTo("0.0001");
            assertThat(M.get("kPEPE/USDC:USDC").instrument().lotSize()).isEqualByComparingTo("1");
            assertThat(M.get("FTM/USDC:USDC").instrument().status()).isEqualTo(TradingStatus.DELISTED);
        }

        @Test
        void spotPairsFromTokenNamesAlsoForAtNamesWithAssetIdsFrom10000() {
            HyperliquidMarket purr = M.get("PURR/USDC");
            HyperliquidMarket hfun = M.get("HFUN/USDC");

            assertThat(purr.asset()).isEqualTo(10000);
            assertThat(purr.coin()).isEqualTo("PURR/USDC");
            assertThat(purr.instrument().marketType()).isEqualTo(MarketType.SPOT);
            assertThat(purr.instrument().tickSize()).isEqualByComparingTo("0.00000001");
            assertThat(purr.instrument().lotSize()).isEqualByComparingTo("1");
            assertThat(hfun.asset()).isEqualTo(10001);
            assertThat(hfun.coin()).isEqualTo("@1");
            assertThat(hfun.instrument().venueSymbol()).isEqualTo("@1");
            assertThat(hfun.instrument().tickSize()).isEqualByComparingTo("0.000001");
            assertThat(hfun.instrument().lotSize()).isEqualByComparingTo("0.01");
        }
    }

    @Nested
    class Actions {
        @Test
        void limitOrderIsTheFixturesWireWithKeysInHyperliquidsOrder() {
            OrderRequest o = order("BTC/USDC:USDC", Side.BUY, OrderType.LIMIT, "0.0014").price(new BigDecimal("100000.0"))
                    .build();
            String action = HyperliquidJson.write(HyperliquidTranslator.orderAction(List.of(HyperliquidTranslator
                    .orderWire(o, M.get("BTC/USDC:USDC"), o.quantity(), o.price(), Cloids.of(ID)))));

            assertThat(action).isEqualTo(Fixtures.request("http_post_exchange_order.json").get("action").toString());
            assertThat(action).isEqualTo("{\"type\":\"order\",\"orders\":[{\"a\":0,\"b\":true,\"p\":\"100000\",\"s\":"
                    + "\"0.0014\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}},\"c\":\"0x" + ID + "\"}],\"grouping\":\"na\"}");
        }

        @Test
        void postOnlyIsAloIocIsIocAndReduceOnlyIsR() {
            assertThat(wire(order("SOL/USDC:USDC", Side.BUY, OrderType.LIMIT, "0.1").price(new BigDecimal("170"))
                    .postOnly(true).build(), null)).contains("\"p\":\"170\"", "\"tif\":\"Alo\"");
            assertThat(wire(order("SOL/USDC:USDC", Side.SELL, OrderType.LIMIT, "0.1").price(new BigDecimal("170.50"))
                    .timeInForce(TimeInForce.IOC).reduceOnly(true).build(), null))
                    .contains("\"b\":false", "\"p\":\"170.5\"", "\"r\":true", "\"tif\":\"Ioc\"");
        }

        @Test
        void marketOrdersAreIocAtTheMidMovedBySlippageRoundedTowardsTheMarket() {
            assertThat(wire(order("SOL/USDC:USDC", Side.BUY, OrderType.MARKET, "1").build(), new BigDecimal("110")))
                    .contains("\"p\":\"115.5\"", "\"tif\":\"Ioc\"");
            assertThat(wire(order("SOL/USDC:USDC", Side.SELL, OrderType.MARKET, "2").build(), new BigDecimal("175")))
                    .contains("\"p\":\"166.25\"");
            assertThat(wire(order("BTC/USDC:USDC", Side.BUY, OrderType.MARKET, "0.00146").build(),
                    new BigDecimal("70000.234234324"))).contains("\"p\":\"73500\"", "\"s\":\"0.00146\"");
            assertThat(wire(order("PURR/USDC", Side.BUY, OrderType.MARKET, "1000").build(), new BigDecimal("0.019")))
                    .contains("\"a\":10000", "\"p\":\"0.01995\"");
        }

        @Test
        void stopTakeProfitAndStopLimitAreTriggerOrders() {
            assertThat(wire(order("SOL/USDC:USDC", Side.SELL, OrderType.STOP, "3.34").stopPrice(new BigDecimal("100"))
                    .build(), null)).contains("\"p\":\"95\"",
                    "\"t\":{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"100\",\"tpsl\":\"sl\"}}");
            assertThat(wire(order("SOL/USDC:USDC", Side.BUY, OrderType.TAKE_PROFIT, "3.34").stopPrice(new BigDecimal("500"))
                    .build(), null)).contains("\"p\":\"525\"",
                    "\"t\":{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"500\",\"tpsl\":\"tp\"}}");
            assertThat(wire(order("SOL/USDC:USDC", Side.BUY, OrderType.STOP_LIMIT, "0.5").price(new BigDecimal("50"))
                    .stopPrice(new BigDecimal("55")).build(), null)).contains("\"p\":\"50\"",
                    "\"t\":{\"trigger\":{\"isMarket\":false,\"triggerPx\":\"55\",\"tpsl\":\"sl\"}}");
        }

        @Test
        void cancelByCloidAndBatchModifyInHyperliquidsKeyOrder() {
            assertThat(HyperliquidJson.write(HyperliquidTranslator.cancelByCloidAction(0, "0x" + ID)))
                    .isEqualTo(Fixtures.request("http_post_exchange_cancelByCloid.json").get("action").toString());
            OrderRequest o = order("BTC/USDC:USDC", Side.BUY, OrderType.LIMIT, "0.0014").clientOrderId(
                    "1a2b3c4d5e6f708192a3b4c5d6e7f809").price(new BigDecimal("99999")).build();
            assertThat(HyperliquidJson.write(HyperliquidTranslator.batchModifyAction(77738308L, HyperliquidTranslator
                    .orderWire(o, M.get("BTC/USDC:USDC"), o.quantity(), o.price(), Cloids.of(o.clientOrderId())))))
                    .isEqualTo(Fixtures.request("http_post_exchange_batchModify.json").get("action").toString());
        }

        @Test
        void cloidsAreTheGatewaysHexIdsOrAHashOfOtherIds() {
            assertThat(Cloids.of(ID)).isEqualTo("0x" + ID);
            assertThat(Cloids.directId("0x" + ID.toUpperCase())).isEqualTo(ID);
            String hashed = Cloids.of("ORDER-1");
            assertThat(hashed).matches("0x[0-9a-f]{32}").isEqualTo(Cloids.of("ORDER-1")).isNotEqualTo(Cloids.of("ORDER-2"));
            // SHA-256("ORDER-1") starts with these 16 bytes
            assertThat(hashed).isEqualTo("0x" + java.util.HexFormat.of().formatHex(sha256("ORDER-1"), 0, 16));
            assertThat(Cloids.directId("not a cloid")).isNull();
        }

        private static byte[] sha256(String s) {
            try {
                return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Nested
    class PriceRules {
        @Test
        void aPriceWithMoreThanFiveSignificantFiguresIsRefusedWithTheNearestValidPrices() {
            OrderRequest o = order("BTC/USDC:USDC", Side.BUY, OrderType.LIMIT, "0.001").price(new BigDecimal("60000.5"))
                    .build();
            Optional<VenueError> e = Prices.check(o, M.get("BTC/USDC:USDC"));

            assertThat(e).hasValueSatisfying(err -> {
                assertThat(err.reason()).isEqualTo(RejectReason.INVALID_PRICE_INCREMENT);
                assertThat(err.message()).contains("60000.5", "nearest valid prices: 60000 and 60001");
            });
            assertThat(Prices.check(o.toBuilder().price(new BigDecimal("123456")).build(), M.get("BTC/USDC:USDC")))
                    .as("whole numbers are always valid").isEmpty();
            assertThat(Prices.check(order("SOL/USDC:USDC", Side.BUY, OrderType.LIMIT, "0.5").price(
                    new BigDecimal("55.4234")).build(), M.get("SOL/USDC:USDC"))).hasValueSatisfying(err ->
                    assertThat(err.message()).contains("55.423 and 55.424"));
            assertThat(Prices.check(order("SOL/USDC:USDC", Side.BUY, OrderType.LIMIT, "0.5").price(
                    new BigDecimal("1.2345")).build(), M.get("SOL/USDC:USDC"))).isEmpty();
        }

        @Test
        void sizesOffTheLotCashQuantitySpotReduceOnlyAndFokAreRefused() {
            HyperliquidMarket btc = M.get("BTC/USDC:USDC");
            assertThat(Prices.check(order("BTC/USDC:USDC", Side.BUY, OrderType.LIMIT, "0.000015").price(
                    new BigDecimal("60000")).build(), btc)).hasValueSatisfying(e ->
                    assertThat(e.reason()).isEqualTo(RejectReason.INCORRECT_QUANTITY));
            assertThat(Prices.check(OrderRequest.builder().account("a").clientOrderId(ID).symbol("BTC/USDC:USDC")
                    .side(Side.BUY).type(OrderType.MARKET).cashQuantity(BigDecimal.TEN).build(), btc))
                    .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC));
            assertThat(Prices.check(order("PURR/USDC", Side.SELL, OrderType.LIMIT, "100").price(new BigDecimal("0.2"))
                    .reduceOnly(true).build(), M.get("PURR/USDC"))).hasValueSatisfying(e ->
                    assertThat(e.message()).contains("reduce-only"));
            assertThat(Prices.check(order("BTC/USDC:USDC", Side.BUY, OrderType.LIMIT, "0.001").price(
                    new BigDecimal("60000")).timeInForce(TimeInForce.FOK).build(), btc)).isPresent();
        }
    }

    @Nested
    class Answers {
        private JsonNode status(String fixture) {
            return Fixtures.body(fixture).path("response").path("data").path("statuses").path(0);
        }

        @Test
        void restingFilledErrorAndPendingStatuses() {
            assertThat(HyperliquidTranslator.orderAnswer(status("http_post_exchange_order.json")))
                    .isEqualTo(new OrderAnswer.Resting(77738308L));
            assertThat(HyperliquidTranslator.orderAnswer(status("http_post_exchange_order_filled.json")))
                    .isEqualTo(new OrderAnswer.Filled(77747314L, new BigDecimal("0.02"), new BigDecimal("1891.4")));
            assertThat(HyperliquidTranslator.orderAnswer(status("http_post_exchange_order_error.json")))
                    .isInstanceOf(OrderAnswer.Error.class);
            assertThat(HyperliquidTranslator.orderAnswer(HyperliquidJson.tree("\"waitingForTrigger\"")))
                    .isEqualTo(new OrderAnswer.Pending("waitingForTrigger"));
            assertThatThrownBy(() -> HyperliquidTranslator.orderAnswer(HyperliquidJson.tree("{\"weird\":1}")))
                    .isInstanceOf(UnknownVenueValueException.class);
        }

        @Test
        void orderStatusFoundAndUnknownOid() {
            OrderStatusAnswer found = Fixtures.body("http_post_info_orderStatus.json", OrderStatusAnswer.class);
            OrderSnapshot s = HyperliquidTranslator.snapshot("main", ID, "ETH/USDC:USDC", found.order(), List.of(),
                    false);

            assertThat(found.found()).isTrue();
            assertThat(s.status()).isEqualTo(OrderSnapshot.Status.PARTIALLY_FILLED);
            assertThat(s.venueOrderId()).isEqualTo("6463065738");
            assertThat(s.quantity()).isEqualByComparingTo("0.2");
            assertThat(s.filledQuantity()).isEqualByComparingTo("0.15");
            assertThat(s.price()).isEqualByComparingTo("1100");
            assertThat(s.side()).isEqualTo(Side.BUY);
            assertThat(Fixtures.body("http_post_info_orderStatus_unknownOid.json", OrderStatusAnswer.class).found())
                    .isFalse();
        }

        @Test
        void balancesAddThePerpMarginToUsdcAndPositionsKeepTheSign() {
            List<Balance> b = HyperliquidTranslator.balances(
                    Fixtures.body("http_post_info_spotClearinghouseState.json", SpotClearinghouseState.class),
                    Fixtures.body("http_post_info_clearinghouseState.json", ClearinghouseState.class));
            List<Position> p = HyperliquidTranslator.positions(Fixtures.body("http_post_info_clearinghouseState.json",
                    ClearinghouseState.class), coin -> Optional.of(coin + "/USDC:USDC"));

            assertThat(b).containsExactly(new Balance("USDC", new BigDecimal("1015.125485"), new BigDecimal("993.165485")),
                    new Balance("PURR", new BigDecimal("2000"), new BigDecimal("1500")));
            assertThat(p).extracting(Position::symbol).containsExactly("BTC/USDC:USDC", "ETH/USDC:USDC");
            assertThat(p.get(0).quantity()).isEqualByComparingTo("-0.00785");
            assertThat(p.get(0).entryPrice()).isEqualByComparingTo("26951");
            assertThat(p.get(1).quantity()).isEqualByComparingTo("0.1334");
        }

        @Test
        void userRateLimitAndBookMid() {
            assertThat(Fixtures.body("http_post_info_userRateLimit.json", UserRateLimit.class).remaining())
                    .isEqualTo(2864574 - 2890);
            assertThat(MidPrices.midOf(Fixtures.body("http_post_info_l2Book.json", L2Book.class)))
                    .hasValue(new BigDecimal("110.00"));
            assertThat(MidPrices.midOf(HyperliquidJson.convert(Fixtures.frame("ws_l2Book.json").get("data"), L2Book.class)))
                    .hasValueSatisfying(m -> assertThat(m).isEqualByComparingTo("110"));
        }

        @Test
        void frontendOpenOrdersKeepCloidAndTriggerFields() {
            List<VenueOrder> open = HyperliquidJson.list(Fixtures.body("http_post_info_frontendOpenOrders.json"),
                    VenueOrder.class);

            assertThat(open).hasSize(2);
            assertThat(Cloids.directId(open.get(0).cloid())).isEqualTo(ID);
            assertThat(open.get(1).cloid()).isNull();
            assertThat(open.get(1).isTrigger()).isTrue();
            assertThat(open.get(1).orderType()).isEqualTo("Stop Market");
        }
    }

    @Nested
    class StreamEntries {
        private List<OrderUpdate> updates(String fixture) {
            return HyperliquidJson.list(Fixtures.frame(fixture).get("data"), OrderUpdate.class);
        }

        @Test
        void openIsAccepted() {
            OrderUpdate u = updates("ws_orderUpdates.json").get(0);
            assertThat(HyperliquidTranslator.orderEvent("main", ID, u, false)).hasValueSatisfying(e -> {
                assertThat(e).isInstanceOf(OrderEvent.Accepted.class);
                assertThat(((OrderEvent.Accepted) e).venueOrderId()).isEqualTo("77738308");
            });
        }

        @Test
        void iocRemainderExpiresMarginCancelCarriesItsReasonAndAloRejectIsWouldTakeLiquidity() {
            List<OrderUpdate> u = updates("ws_orderUpdates_canceled.json");

            assertThat(HyperliquidTranslator.orderEvent("main", "a", u.get(0), true)).get()
                    .isInstanceOf(OrderEvent.Expired.class);
            assertThat(HyperliquidTranslator.orderEvent("main", "a", u.get(0), false)).get()
                    .isInstanceOf(OrderEvent.Canceled.class);
            assertThat(HyperliquidTranslator.orderEvent("main", "b", u.get(1), false)).get()
                    .satisfies(e -> assertThat(((OrderEvent.Canceled) e).reason()).contains("margin"));
            assertThat(HyperliquidTranslator.orderEvent("main", "c", u.get(2), false)).get().satisfies(e -> {
                VenueError err = ((OrderEvent.Rejected) e).error();
                assertThat(err.reason()).isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
                assertThat(err.code()).isEqualTo("badAloPxRejected");
            });
        }

        @Test
        void anUnknownStatusFailsLoudly() {
            OrderUpdate u = updates("ws_orderUpdates_unknown_status.json").get(0);
            assertThatThrownBy(() -> HyperliquidTranslator.orderEvent("main", ID, u, false))
                    .isInstanceOf(UnknownVenueValueException.class).hasMessageContaining("frozenByTheMoon");
        }

        @Test
        void everyStatusOfTheListIsKnown() {
            for (String s : List.of("open", "filled", "canceled", "triggered", "rejected", "marginCanceled",
                    "vaultWithdrawalCanceled", "openInterestCapCanceled", "selfTradeCanceled", "reduceOnlyCanceled",
                    "siblingFilledCanceled", "delistedCanceled", "liquidatedCanceled", "scheduledCancel",
                    "tickRejected", "minTradeNtlRejected", "perpMarginRejected", "reduceOnlyRejected",
                    "badAloPxRejected", "iocCancelRejected", "badTriggerPxRejected", "marketOrderNoLiquidityRejected",
                    "positionIncreaseAtOpenInterestCapRejected", "positionFlipAtOpenInterestCapRejected",
                    "tooAggressiveAtOpenInterestCapRejected", "openInterestIncreaseRejected",
                    "insufficientSpotBalanceRejected", "oracleRejected", "perpMaxPositionRejected")) {
                assertThat(HyperliquidOrderStatus.parse(s).wire()).isEqualTo(s);
            }
            assertThat(HyperliquidOrderStatus.parse("iocCancelRejected").kind())
                    .isEqualTo(HyperliquidOrderStatus.Kind.EXPIRED);
        }

        @Test
        void fillsCarryTidFeeTokenAndLiquidity() {
            UserFillsMessage snap = HyperliquidJson.convert(Fixtures.frame("ws_userFills.json").get("data"),
                    UserFillsMessage.class);
            UserFillsMessage live = HyperliquidJson.convert(Fixtures.frame("ws_userFills_update.json").get("data"),
                    UserFillsMessage.class);
            OrderEvent.Fill taker = HyperliquidTranslator.fill("main", "x", snap.fills().get(0), false);
            OrderEvent.Fill maker = HyperliquidTranslator.fill("main", "x", live.fills().get(0), true);

            assertThat(snap.snapshot()).isTrue();
            assertThat(live.snapshot()).isFalse();
            assertThat(taker.tradeId()).isEqualTo("566849930446139");
            assertThat(taker.venueOrderId()).isEqualTo("6928122855");
            assertThat(taker.quantity()).isEqualByComparingTo("0.5");
            assertThat(taker.price()).isEqualByComparingTo("132.31");
            assertThat(taker.commission()).isEqualByComparingTo("0.023154");
            assertThat(taker.commissionAsset()).isEqualTo("USDC");
            assertThat(taker.liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(maker.liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(maker.commission()).isNegative();
            assertThat(maker.orderFilled()).isTrue();
            assertThat(Cloids.directId(snap.fills().get(0).cloid())).isEqualTo("1234567890abcdef1234567890abcdef");
        }
    }

    @Nested
    class ReferencePriceMids {
        private final Instant received = Instant.parse("2026-11-21T19:00:00Z");
        private final Function<String, Optional<String>> symbolOf = coin -> M.values().stream()
                .filter(m -> m.coin().equals(coin)).map(HyperliquidMarket::symbol).findFirst();

        @Test
        void infoAllMidsPricesEveryListedPerpetualAndSpotPairByItsCoinName() {
            AllMids mids = ReferencePrices.allMidsAnswer(
                    Fixtures.body("http_post_info_allMids.json"));

            List<ReferencePrice> prices = HyperliquidTranslator.referencePrices(mids, symbolOf, received);

            assertThat(prices).extracting(ReferencePrice::symbol).as("HYPE and @107 are not listed; ATOM 0.0 is no price")
                    .containsExactly("BTC/USDC:USDC", "ETH/USDC:USDC", "SOL/USDC:USDC", "kPEPE/USDC:USDC",
                            "PURR/USDC", "HFUN/USDC");
            assertThat(prices).allSatisfy(p -> {
                assertThat(p.kind()).isEqualTo(ReferencePrice.Kind.MID);
                assertThat(p.asOf()).as("allMids has no time: as of receipt").isEqualTo(received);
            });
            Map<String, BigDecimal> bySymbol = prices.stream().collect(Collectors.toMap(ReferencePrice::symbol,
                    ReferencePrice::price));
            assertThat(bySymbol.get("BTC/USDC:USDC")).isEqualByComparingTo("30135");
            assertThat(bySymbol.get("kPEPE/USDC:USDC")).isEqualTo(new BigDecimal("0.001565"));
            assertThat(bySymbol.get("PURR/USDC")).isEqualTo(new BigDecimal("0.18815"));
            assertThat(bySymbol.get("HFUN/USDC")).as("spot pair @1").isEqualTo(new BigDecimal("0.0146"));
        }

        @Test
        void allMidsFrameIsReadFromItsData() {
            AllMids mids = HyperliquidJson.convert(Fixtures.frame("ws_allMids.json").get("data"), AllMids.class);

            List<ReferencePrice> prices = HyperliquidTranslator.referencePrices(mids, symbolOf, received);

            assertThat(prices).extracting(ReferencePrice::symbol).hasSize(6).doesNotContain("HYPE/USDC:USDC");
            assertThat(prices).filteredOn(p -> p.symbol().equals("SOL/USDC:USDC")).singleElement()
                    .satisfies(p -> assertThat(p.price()).isEqualTo(new BigDecimal("26.6205")));
            assertThat(prices).filteredOn(p -> p.symbol().equals("HFUN/USDC")).singleElement()
                    .satisfies(p -> assertThat(p.price()).isEqualTo(new BigDecimal("0.01475")));
        }

        @Test
        void valuesThatAreNotAPositiveDecimalAreLeftOut() {
            Map<String, String> raw = new java.util.LinkedHashMap<>();
            raw.put("BTC", "-1");
            raw.put("ETH", "abc");
            raw.put("SOL", null);
            raw.put("ATOM", "1e3");
            raw.put("FTM", "0.26268");

            assertThat(HyperliquidTranslator.referencePrices(new AllMids(raw), symbolOf, received))
                    .extracting(ReferencePrice::symbol).containsExactly("FTM/USDC:USDC");
        }
    }

    @Nested
    class PublicMarketData {
        @Test
        void anL2BookGivesBothSidesBestFirst() {
            L2Book book = HyperliquidJson.convert(Fixtures.frame("ws_l2Book.json").get("data"), L2Book.class);

            assertThat(book.coin()).isEqualTo("SOL");
            assertThat(book.time()).isEqualTo(1754000000500L);
            assertThat(HyperliquidTranslator.bookSide(book, 0))
                    .containsExactly(new PriceLevel(new BigDecimal("109.99"), new BigDecimal("12.5")));
            assertThat(HyperliquidTranslator.bookSide(book, 1))
                    .containsExactly(new PriceLevel(new BigDecimal("110.01"), new BigDecimal("8.1")));
        }

        @Test
        void aBookWithoutASideHasNoLevelsThereAndALevelWithoutPxIsRefused() {
            L2Book oneSided = new L2Book("BTC", 1L, List.of(List.of(new L2Book.Level("60000.0", "1.5", 2))));
            assertThat(HyperliquidTranslator.bookSide(oneSided, 0)).hasSize(1);
            assertThat(HyperliquidTranslator.bookSide(oneSided, 1)).isEmpty();
            L2Book broken = new L2Book("BTC", 1L, List.of(List.of(new L2Book.Level(null, "1", 1)), List.of()));
            assertThatThrownBy(() -> HyperliquidTranslator.bookSide(broken, 0)).hasMessageContaining("without px");
        }

        @Test
        void tradesCarryTheTakersSideAsAggressor() {
            List<WsTrade> trades = HyperliquidJson.list(Fixtures.frame("ws_trades.json").get("data"), WsTrade.class);

            List<MarketTrade> out = HyperliquidTranslator.trades("BTC/USDC:USDC", trades, 7L);

            assertThat(out).containsExactly(
                    new MarketTrade("BTC/USDC:USDC", "872345612345678", new BigDecimal("60001.0"), new BigDecimal("0.01"),
                            Side.BUY, Instant.ofEpochMilli(1754000003100L), 7L),
                    new MarketTrade("BTC/USDC:USDC", "301234567890123", new BigDecimal("59999.0"), new BigDecimal("0.25"),
                            Side.SELL, Instant.ofEpochMilli(1754000003100L), 7L));
            assertThat(trades.get(0).users()).as("buyer, then seller").containsExactly(
                    "0x14791697260e4c9a71f18484c9f997b308e59325", "0x706bb519b05b7dc01d048af9a5e29d1ef5d6d9e3");
        }

        @Test
        void aTradeWithoutItsIdOrWithAnUnknownSideIsRefused() {
            WsTrade noTid = new WsTrade("BTC", "B", "1", "1", "0x", 1L, null, List.of());
            WsTrade odd = new WsTrade("BTC", "X", "1", "1", "0x", 1L, 5L, List.of());
            assertThatThrownBy(() -> HyperliquidTranslator.trades("BTC/USDC:USDC", List.of(noTid), 0L))
                    .hasMessageContaining("without tid");
            assertThatThrownBy(() -> HyperliquidTranslator.trades("BTC/USDC:USDC", List.of(odd), 0L))
                    .isInstanceOf(UnknownVenueValueException.class).hasMessageContaining("'X'");
        }
    }
}
