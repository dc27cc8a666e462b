package io.fixbridge.bench.micro;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

import io.fixbridge.gateway.order.ClientOrderIds;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.binance.BinanceInstrument;
import io.fixbridge.venue.binance.BinanceMarket;
import io.fixbridge.venue.bybit.BybitCategory;
import io.fixbridge.venue.bybit.BybitInstrument;
import io.fixbridge.venue.hyperliquid.HyperliquidMarket;

/**
 * The inputs every micro-benchmark shares: one realistic order (a BTC limit buy with a client order
 * id derived the way the gateway derives it), each venue's instrument for it with the venue's real
 * tick and lot sizes, and one venue order-update frame per venue in the venue's own JSON shape.
 *
 * <p>Immutable constants and pure factory methods; thread-safe. Nothing here does I/O.
 */
public final class BenchFixtures {
    /** The FIX session key of the OMS sending the orders ({@code SessionID.toString()}). */
    public static final String SESSION = "FIX.4.4:FIXBRIDGE->OMS1";
    /** The OMS's ClOrdID(11). */
    public static final String CL_ORD_ID = "OMS1-20260321-000042";
    /** The venue client order id the gateway derives from {@link #SESSION} and {@link #CL_ORD_ID} (32 hex). */
    public static final String CLIENT_ORDER_ID = ClientOrderIds.derive(SESSION, CL_ORD_ID);
    /** The account under each venue. */
    public static final String ACCOUNT = "main";
    /** A fixed instant for records that carry one. */
    public static final Instant AT = Instant.parse("2026-03-21T09:30:00.123Z");

    private BenchFixtures() {
    }

    /** A GTC limit buy of 0.015 BTC at 64250.10 on {@code symbol}: the common order. */
    public static OrderRequest limitBuy(String symbol) {
        return limitBuy(symbol, new BigDecimal("64250.10"));
    }

    /** A GTC limit buy of 0.015 BTC at {@code price} on {@code symbol}. */
    public static OrderRequest limitBuy(String symbol, BigDecimal price) {
        return OrderRequest.builder()
                .account(ACCOUNT)
                .clientOrderId(CLIENT_ORDER_ID)
                .symbol(symbol)
                .side(Side.BUY)
                .type(OrderType.LIMIT)
                .timeInForce(TimeInForce.GTC)
                .quantity(new BigDecimal("0.015"))
                .price(price)
                .build();
    }

    /** Binance spot BTCUSDT: tick 0.01, lot 0.00001, min notional 5 USDT. */
    public static BinanceInstrument binanceSpot() {
        Instrument i = Instrument.builder()
                .symbol("BTC/USDT").venueSymbol("BTCUSDT").marketType(MarketType.SPOT)
                .baseAsset("BTC").quoteAsset("USDT").settleAsset("USDT")
                .tickSize(new BigDecimal("0.01")).lotSize(new BigDecimal("0.00001"))
                .minQuantity(new BigDecimal("0.00001")).maxQuantity(new BigDecimal("9000"))
                .minNotional(new BigDecimal("5")).build();
        return new BinanceInstrument(i, BinanceMarket.SPOT, "TRADING", new BigDecimal("0.00001"),
                new BigDecimal("0"), new BigDecimal("112.5"), 50,
                Set.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT",
                        "TAKE_PROFIT_LIMIT"), true, true, true);
    }

    /** Bybit linear perpetual BTCUSDT: tick 0.10, lot 0.001. */
    public static BybitInstrument bybitLinear() {
        Instrument i = Instrument.builder()
                .symbol("BTC/USDT:USDT").venueSymbol("BTCUSDT").marketType(MarketType.LINEAR_PERPETUAL)
                .baseAsset("BTC").quoteAsset("USDT").settleAsset("USDT")
                .tickSize(new BigDecimal("0.10")).lotSize(new BigDecimal("0.001"))
                .minQuantity(new BigDecimal("0.001")).maxQuantity(new BigDecimal("1190"))
                .minNotional(new BigDecimal("5")).build();
        return new BybitInstrument(i, BybitCategory.LINEAR, "Trading", null, null, null);
    }

    /** Hyperliquid BTC perpetual: asset 0, 5 size decimals, 5 significant figures. */
    public static HyperliquidMarket hyperliquidBtc() {
        Instrument i = Instrument.builder()
                .symbol("BTC/USDC:USDC").venueSymbol("BTC").marketType(MarketType.LINEAR_PERPETUAL)
                .baseAsset("BTC").quoteAsset("USDC").settleAsset("USDC")
                .tickSize(new BigDecimal("0.1")).significantFigures(5).lotSize(new BigDecimal("0.00001"))
                .maxQuantity(new BigDecimal("1000000000000")).minNotional(BigDecimal.TEN).build();
        return new HyperliquidMarket(i, 0, "BTC", false, 5);
    }

    /** A Binance spot user-data frame: executionReport TRADE, a maker partial fill (as the WebSocket API wraps it). */
    public static final String BINANCE_EXECUTION_REPORT = """
            {"subscriptionId":0,"event":{"e":"executionReport","E":1774085400201,"s":"BTCUSDT",\
            "c":"@ID@","S":"BUY","o":"LIMIT","f":"GTC","q":"0.01500000",\
            "p":"64250.10000000","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"TRADE",\
            "X":"PARTIALLY_FILLED","r":"NONE","i":28457120,"l":"0.00400000","z":"0.00400000",\
            "L":"64250.10000000","n":"0.00000400","N":"BTC","T":1774085400200,"t":3912284,"v":3,\
            "I":61203944,"w":false,"m":true,"M":true,"O":1774085400100,"Z":"257.00040000",\
            "Y":"257.00040000","Q":"0.00000000","W":1774085400100,"V":"EXPIRE_MAKER"}}""".replace("@ID@", CLIENT_ORDER_ID);

    /** A Bybit private-stream frame of the {@code order} topic: a linear order partially filled. */
    public static final String BYBIT_ORDER_TOPIC = """
            {"id":"5923240c6880ab-c59f-420b-9adb-3639adc9dd90","topic":"order","creationTime":1774085400202,\
            "data":[{"category":"linear","symbol":"BTCUSDT","orderId":"9aac161b-8ed6-450d-9cab-c5cc67c21784",\
            "orderLinkId":"@ID@","blockTradeId":"","price":"64250.10","qty":"0.015",\
            "side":"Buy","isLeverage":"","positionIdx":0,"orderStatus":"PartiallyFilled","cancelType":"UNKNOWN",\
            "rejectReason":"EC_NoError","avgPrice":"64250.1","leavesQty":"0.011","leavesValue":"706.7511",\
            "cumExecQty":"0.004","cumExecValue":"257.0004","cumExecFee":"0.14135022","timeInForce":"GTC",\
            "orderType":"Limit","stopOrderType":"UNKNOWN","orderIv":"","triggerPrice":"0.00","takeProfit":"0.00",\
            "stopLoss":"0.00","tpTriggerBy":"UNKNOWN","slTriggerBy":"UNKNOWN","triggerDirection":0,\
            "triggerBy":"UNKNOWN","lastPriceOnCreated":"","reduceOnly":false,"closeOnTrigger":false,\
            "smpType":"None","smpGroup":0,"smpOrderId":"","tpslMode":"","tpLimitPrice":"","slLimitPrice":"",\
            "placeType":"","createdTime":"1774085400100","updatedTime":"1774085400200","feeCurrency":"",\
            "cumFeeDetail":{}}]}""".replace("@ID@", CLIENT_ORDER_ID);

    /** A Hyperliquid {@code orderUpdates} frame: a BTC limit buy is open. */
    public static final String HYPERLIQUID_ORDER_UPDATES = """
            {"channel":"orderUpdates","data":[{"order":{"coin":"BTC","side":"B","limitPx":"64250.0",\
            "sz":"0.015","oid":77738308,"timestamp":1774085400100,"origSz":"0.015",\
            "cloid":"0x@ID@"},"status":"open","statusTimestamp":1774085400101}]}""".replace("@ID@", CLIENT_ORDER_ID);
}
