package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.paper.engine.Contracts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Bybit's JSON shapes, field for field as the v5 documentation's examples show them: orders
 * (REST list items and {@code order} stream items differ: REST prints absent triggers as
 * {@code "0.00"}/{@code "UNKNOWN"}, the stream as {@code ""}), executions, positions (REST says
 * {@code avgPrice}, the stream {@code entryPrice}), the unified wallet, instruments and tickers.
 * Values, fees and average prices print plain with at most 8 decimals. Stateless.
 */
final class Views {
    private static final int DECIMALS = 8;

    private Views() {
    }

    static String side(Side s) {
        return s == Side.BUY ? "Buy" : "Sell";
    }

    private static String v(BigDecimal value) {
        return Fmt.rounded(value, DECIMALS);
    }

    private static ObjectNode feeDetail(SimOrder o) {
        ObjectNode n = SimJson.object();
        if (o.cumExecFee.signum() != 0) {
            n.put(o.listing.feeCoin(), v(o.cumExecFee));
        }
        return n;
    }

    // ------------------------------------------------------------------ orders

    /** An order in {@code /v5/order/realtime} and {@code /v5/order/history}. */
    static ObjectNode orderRest(SimOrder o, boolean history) {
        Listing l = o.listing;
        boolean spot = o.category() == Category.SPOT;
        ObjectNode n = SimJson.object();
        n.put("orderId", o.orderId);
        n.put("orderLinkId", o.orderLinkId);
        n.put("blockTradeId", "");
        n.put("symbol", l.symbol());
        n.put("price", o.price == null ? "0" : l.price(o.price));
        n.put("qty", l.qty(o.qty));
        n.put("side", side(o.side));
        n.put("isLeverage", spot ? "0" : "");
        n.put("positionIdx", o.positionIdx);
        n.put("orderStatus", o.orderStatus);
        n.put("cancelType", o.cancelType);
        n.put("rejectReason", o.rejectReason);
        n.put("avgPrice", o.avgPrice() == null ? "0" : v(o.avgPrice()));
        n.put("leavesQty", l.qty(o.leavesQty()));
        n.put("leavesValue", v(o.leavesValue()));
        n.put("cumExecQty", l.qty(o.cumExecQty));
        n.put("cumExecValue", v(o.cumExecValue));
        n.put("cumExecFee", v(o.cumExecFee));
        n.put("timeInForce", o.timeInForce);
        n.put("orderType", o.orderType);
        n.put("stopOrderType", o.stopOrderType().isEmpty() ? "UNKNOWN" : o.stopOrderType());
        n.put("orderIv", "");
        n.put("triggerPrice", l.price(o.triggerPrice));
        n.put("takeProfit", l.price(null));
        n.put("stopLoss", l.price(null));
        n.put("tpTriggerBy", "UNKNOWN");
        n.put("slTriggerBy", "UNKNOWN");
        n.put("triggerDirection", o.triggerDirection);
        n.put("triggerBy", o.isConditional() ? o.triggerBy : "UNKNOWN");
        n.put("lastPriceOnCreated", l.price(o.lastPriceOnCreated));
        n.put("reduceOnly", o.reduceOnly);
        n.put("closeOnTrigger", o.closeOnTrigger);
        n.put("smpType", "None");
        n.put("smpGroup", 0);
        n.put("smpOrderId", "");
        n.put("tpslMode", "");
        n.put("tpLimitPrice", "");
        n.put("slLimitPrice", "");
        n.put("placeType", "");
        if (history) {
            n.put("slippageToleranceType", "UNKNOWN");
            n.put("slippageTolerance", "");
        }
        n.put("createdTime", Long.toString(o.createdTime));
        n.put("updatedTime", Long.toString(o.updatedTime));
        if (history) {
            n.put("extraFees", "");
        }
        n.set("cumFeeDetail", feeDetail(o));
        if (history) {
            n.put("rpiTakerAccess", false);
            n.put("rpiMatchedQty", "0");
        }
        return n;
    }

    /** An order as an {@code order} stream data item. */
    static ObjectNode orderWs(SimOrder o) {
        Listing l = o.listing;
        ObjectNode n = SimJson.object();
        n.put("symbol", l.symbol());
        n.put("orderId", o.orderId);
        n.put("side", side(o.side));
        n.put("orderType", o.orderType);
        n.put("cancelType", o.cancelType);
        n.put("price", o.price == null ? "0" : l.price(o.price));
        n.put("qty", l.qty(o.qty));
        n.put("orderIv", "");
        n.put("timeInForce", o.timeInForce);
        n.put("orderStatus", o.orderStatus);
        n.put("orderLinkId", o.orderLinkId);
        n.put("lastPriceOnCreated", l.price(o.lastPriceOnCreated));
        n.put("reduceOnly", o.reduceOnly);
        n.put("leavesQty", l.qty(o.leavesQty()));
        n.put("leavesValue", v(o.leavesValue()));
        n.put("cumExecQty", l.qty(o.cumExecQty));
        n.put("cumExecValue", v(o.cumExecValue));
        n.put("avgPrice", o.avgPrice() == null ? "0" : v(o.avgPrice()));
        n.put("blockTradeId", "");
        n.put("positionIdx", o.positionIdx);
        n.put("cumExecFee", v(o.cumExecFee));
        n.put("closedPnl", v(o.closedPnl));
        n.put("createdTime", Long.toString(o.createdTime));
        n.put("updatedTime", Long.toString(o.updatedTime));
        n.put("rejectReason", o.rejectReason);
        n.put("stopOrderType", o.stopOrderType());
        if (o.category() != Category.SPOT) {
            n.put("tpslMode", "");     // "Spot does not have this field" (docs/v5/websocket/private/order)
        }
        n.put("triggerPrice", o.isConditional() ? l.price(o.triggerPrice) : "");
        n.put("takeProfit", "");
        n.put("stopLoss", "");
        n.put("tpTriggerBy", "");
        n.put("slTriggerBy", "");
        n.put("tpLimitPrice", "");
        n.put("slLimitPrice", "");
        n.put("triggerDirection", o.triggerDirection);
        n.put("triggerBy", o.isConditional() ? o.triggerBy : "");
        n.put("closeOnTrigger", o.closeOnTrigger);
        n.put("category", o.category().wire());
        n.put("placeType", "");
        n.put("smpType", "None");
        n.put("smpGroup", 0);
        n.put("smpOrderId", "");
        n.put("feeCurrency", o.category() == Category.SPOT ? l.feeCoin() : "");
        n.set("cumFeeDetail", feeDetail(o));
        n.put("rpiTakerAccess", false);
        n.put("rpiMatchedQty", "0");
        return n;
    }

    // ------------------------------------------------------------------ executions

    /** An execution in {@code /v5/execution/list}. */
    static ObjectNode executionRest(SimExecution e) {
        SimOrder o = e.order();
        Listing l = o.listing;
        ObjectNode n = SimJson.object();
        n.put("symbol", l.symbol());
        n.put("orderType", o.orderType);
        n.put("underlyingPrice", "");
        n.put("orderLinkId", o.orderLinkId);
        n.put("side", side(o.side));
        n.put("indexPrice", "");
        n.put("orderId", o.orderId);
        n.put("stopOrderType", o.stopOrderType().isEmpty() ? "UNKNOWN" : o.stopOrderType());
        n.put("leavesQty", l.qty(e.leavesQty()));
        n.put("execTime", Long.toString(e.time()));
        n.put("feeCurrency", e.feeCurrency());
        n.put("isMaker", e.maker());
        n.put("execFee", v(e.fee()));
        n.put("feeRate", Fmt.plain(e.feeRate()));
        n.put("execId", e.execId());
        n.put("tradeIv", "");
        n.put("blockTradeId", "");
        n.put("markPrice", l.price(e.markPrice()));
        n.put("execPrice", l.price(e.price()));
        n.put("markIv", "");
        n.put("orderQty", l.qty(e.orderQty()));
        n.put("orderPrice", e.orderPrice() == null ? "0" : l.price(e.orderPrice()));
        n.put("execValue", v(e.value()));
        n.put("execType", "Trade");
        n.put("execQty", l.qty(e.qty()));
        n.put("closedSize", o.category() == Category.SPOT ? "" : l.qty(e.closedSize()));
        n.put("execPnl", v(e.execPnl()));
        n.put("extraFees", "");
        n.put("seq", e.seq());
        return n;
    }

    /** An execution as an {@code execution} stream data item. */
    static ObjectNode executionWs(SimExecution e) {
        SimOrder o = e.order();
        Listing l = o.listing;
        ObjectNode n = SimJson.object();
        n.put("category", o.category().wire());
        n.put("symbol", l.symbol());
        n.put("closedSize", o.category() == Category.SPOT ? "" : l.qty(e.closedSize()));
        n.put("execFee", v(e.fee()));
        n.put("execId", e.execId());
        n.put("execPrice", l.price(e.price()));
        n.put("execQty", l.qty(e.qty()));
        n.put("execType", "Trade");
        n.put("execValue", v(e.value()));
        n.put("feeRate", Fmt.plain(e.feeRate()));
        n.put("tradeIv", "");
        n.put("markIv", "");
        n.put("blockTradeId", "");
        n.put("markPrice", l.price(e.markPrice()));
        n.put("indexPrice", "");
        n.put("underlyingPrice", "");
        n.put("leavesQty", l.qty(e.leavesQty()));
        n.put("orderId", o.orderId);
        n.put("orderLinkId", o.orderLinkId);
        n.put("orderPrice", e.orderPrice() == null ? "0" : l.price(e.orderPrice()));
        n.put("orderQty", l.qty(e.orderQty()));
        n.put("orderType", o.orderType);
        n.put("stopOrderType", o.stopOrderType().isEmpty() ? "UNKNOWN" : o.stopOrderType());
        n.put("side", side(o.side));
        n.put("execTime", Long.toString(e.time()));
        n.put("isLeverage", "0");
        n.put("isMaker", e.maker());
        n.put("seq", e.seq());
        n.put("marketUnit", o.marketUnit);
        n.put("execPnl", v(e.execPnl()));
        n.put("createType", "CreateByUser");
        n.putArray("extraFees");
        n.put("feeCurrency", e.feeCurrency());
        return n;
    }

    // ------------------------------------------------------------------ positions

    /** What a position shows at one moment. */
    record PositionState(PositionTracker tracker, int positionIdx, BigDecimal size, BigDecimal entry,
                         BigDecimal mark, BigDecimal leverage) {

        Listing listing() {
            return tracker.listing;
        }

        BigDecimal value() {
            if (size.signum() == 0 || entry.signum() == 0) {
                return BigDecimal.ZERO;
            }
            return Contracts.settleValue(listing().instrument, size.abs(), entry);
        }

        BigDecimal upl() {
            if (size.signum() == 0 || entry.signum() == 0) {
                return BigDecimal.ZERO;
            }
            return Contracts.pnl(listing().instrument, size.signum() > 0, size.abs(), entry, mark);
        }

        BigDecimal im() {
            return value().divide(leverage, 16, RoundingMode.HALF_EVEN);
        }

        BigDecimal mm() {
            return value().multiply(new BigDecimal("0.005"));
        }

        String side() {
            return size.signum() == 0 ? "" : size.signum() > 0 ? "Buy" : "Sell";
        }
    }

    /** A position in {@code /v5/position/list}. */
    static ObjectNode positionRest(PositionState p) {
        Listing l = p.listing();
        PositionTracker t = p.tracker();
        ObjectNode n = SimJson.object();
        n.put("positionIdx", p.positionIdx());
        n.put("riskId", 1);
        n.put("riskLimitValue", l.inverse() ? "150" : "2000000");
        n.put("symbol", l.symbol());
        n.put("side", p.side());
        n.put("size", l.qty(p.size().abs()));
        n.put("avgPrice", v(p.entry()));
        n.put("positionValue", v(p.value()));
        n.put("tradeMode", 0);
        n.put("positionStatus", "Normal");
        n.put("autoAddMargin", 0);
        n.put("adlRankIndicator", p.size().signum() == 0 ? 0 : 2);
        n.put("leverage", Fmt.plain(p.leverage()));
        n.put("breakEvenPrice", v(p.entry()));
        n.put("positionBalance", v(p.im()));
        n.put("markPrice", l.price(p.mark()));
        n.put("liqPrice", "");
        n.put("bustPrice", "");
        n.put("positionMM", v(p.mm()));
        n.put("positionMMByMp", v(p.mm()));
        n.put("positionIM", v(p.im()));
        n.put("positionIMByMp", v(p.im()));
        n.put("tpslMode", "Full");
        n.put("takeProfit", l.price(null));
        n.put("stopLoss", l.price(null));
        n.put("trailingStop", l.price(null));
        n.put("unrealisedPnl", v(p.upl()));
        n.put("curRealisedPnl", v(t.curRealised));
        n.put("cumRealisedPnl", v(t.cumRealised));
        n.put("seq", t.seq);
        n.put("isReduceOnly", false);
        n.put("mmrSysUpdateTime", "");
        n.put("leverageSysUpdatedTime", "");
        n.put("sessionAvgPrice", "");
        n.put("createdTime", Long.toString(t.createdTime));
        n.put("updatedTime", Long.toString(t.updatedTime));
        return n;
    }

    /** A position as a {@code position} stream data item. */
    static ObjectNode positionWs(PositionState p) {
        Listing l = p.listing();
        PositionTracker t = p.tracker();
        ObjectNode n = SimJson.object();
        n.put("positionIdx", p.positionIdx());
        n.put("tradeMode", 0);
        n.put("riskId", 1);
        n.put("riskLimitValue", l.inverse() ? "150" : "2000000");
        n.put("symbol", l.symbol());
        n.put("side", p.side());
        n.put("size", l.qty(p.size().abs()));
        n.put("entryPrice", v(p.entry()));
        n.put("leverage", Fmt.plain(p.leverage()));
        n.put("breakEvenPrice", v(p.entry()));
        n.put("positionValue", v(p.value()));
        n.put("positionBalance", v(p.im()));
        n.put("markPrice", l.price(p.mark()));
        n.put("positionIM", v(p.im()));
        n.put("positionIMByMp", v(p.im()));
        n.put("positionMM", v(p.mm()));
        n.put("positionMMByMp", v(p.mm()));
        n.put("takeProfit", "0");
        n.put("stopLoss", "0");
        n.put("trailingStop", "0");
        n.put("unrealisedPnl", v(p.upl()));
        n.put("curRealisedPnl", v(t.curRealised));
        n.put("cumRealisedPnl", v(t.cumRealised));
        n.put("sessionAvgPrice", "0");
        n.put("createdTime", Long.toString(t.createdTime));
        n.put("updatedTime", Long.toString(t.updatedTime));
        n.put("tpslMode", "Full");
        n.put("liqPrice", "0");
        n.put("bustPrice", "");
        n.put("category", l.category().wire());
        n.put("positionStatus", "Normal");
        n.put("adlRankIndicator", p.size().signum() == 0 ? 0 : 2);
        n.put("autoAddMargin", 0);
        n.put("leverageSysUpdatedTime", "");
        n.put("mmrSysUpdatedTime", "");
        n.put("seq", t.seq);
        n.put("isReduceOnly", false);
        return n;
    }

    // ------------------------------------------------------------------ wallet

    /** The unified wallet: one {@code wallet-balance} list item, also the {@code wallet} stream item. */
    static ObjectNode wallet(List<CoinState> coins) {
        BigDecimal wallet = BigDecimal.ZERO;
        BigDecimal equity = BigDecimal.ZERO;
        BigDecimal available = BigDecimal.ZERO;
        BigDecimal initial = BigDecimal.ZERO;
        BigDecimal maintenance = BigDecimal.ZERO;
        BigDecimal upl = BigDecimal.ZERO;
        for (CoinState c : coins) {
            wallet = wallet.add(c.wallet().multiply(c.usdPrice()));
            equity = equity.add(c.equity().multiply(c.usdPrice()));
            available = available.add(c.available().multiply(c.usdPrice()));
            initial = initial.add(c.orderIM().add(c.positionIM()).multiply(c.usdPrice()));
            maintenance = maintenance.add(c.positionMM().multiply(c.usdPrice()));
            upl = upl.add(c.upl().multiply(c.usdPrice()));
        }
        BigDecimal margin = wallet.add(upl);
        String imRate = margin.signum() <= 0 ? "0" : Fmt.rounded(initial.divide(margin, 4, RoundingMode.HALF_UP), 4);
        String mmRate = margin.signum() <= 0 ? "0"
                : Fmt.rounded(maintenance.divide(margin, 4, RoundingMode.HALF_UP), 4);
        ObjectNode n = SimJson.object();
        n.put("totalEquity", v(equity));
        n.put("accountIMRate", imRate);
        n.put("accountIMRateByMp", imRate);
        n.put("totalMarginBalance", v(margin));
        n.put("totalInitialMargin", v(initial));
        n.put("totalInitialMarginByMp", v(initial));
        n.put("accountType", "UNIFIED");
        n.put("totalAvailableBalance", v(available));
        n.put("accountMMRate", mmRate);
        n.put("accountMMRateByMp", mmRate);
        n.put("totalPerpUPL", v(upl));
        n.put("totalWalletBalance", v(wallet));
        n.put("accountLTV", "0");
        n.put("totalMaintenanceMargin", v(maintenance));
        n.put("totalMaintenanceMarginByMp", v(maintenance));
        var array = n.putArray("coin");
        for (CoinState c : coins) {
            ObjectNode coin = array.addObject();
            coin.put("availableToBorrow", "");
            coin.put("bonus", "0");
            coin.put("accruedInterest", "0");
            coin.put("availableToWithdraw", v(c.available()));
            coin.put("totalOrderIM", v(c.orderIM()));
            coin.put("equity", v(c.equity()));
            coin.put("totalPositionMM", v(c.positionMM()));
            coin.put("usdValue", v(c.equity().multiply(c.usdPrice())));
            coin.put("spotHedgingQty", "0");
            coin.put("unrealisedPnl", v(c.upl()));
            coin.put("collateralSwitch", true);
            coin.put("borrowAmount", "0");
            coin.put("totalPositionIM", v(c.positionIM()));
            coin.put("walletBalance", v(c.wallet()));
            coin.put("cumRealisedPnl", v(c.cumRealised()));
            coin.put("locked", v(c.locked()));
            coin.put("marginCollateral", true);
            coin.put("coin", c.coin());
            coin.put("spotBorrow", "0");
        }
        return n;
    }

    // ------------------------------------------------------------------ market

    /** One {@code instruments-info} list item, with the category's field set. */
    static ObjectNode instrument(Listing l, int symbolId) {
        BybitSymbol s = l.spec;
        ObjectNode n = SimJson.object();
        if (l.category() == Category.SPOT) {
            n.put("symbolId", symbolId);
            n.put("symbol", s.symbol());
            n.put("baseCoin", s.baseCoin());
            n.put("quoteCoin", s.quoteCoin());
            n.put("innovation", "0");
            n.put("status", l.status);
            n.put("marginTrading", "utaOnly");
            n.put("stTag", "0");
            ObjectNode lot = n.putObject("lotSizeFilter");
            lot.put("basePrecision", s.qtyStep().toPlainString());
            lot.put("quotePrecision", s.quotePrecision().toPlainString());
            lot.put("minOrderQty", s.minOrderQty().toPlainString());
            lot.put("maxOrderQty", s.maxOrderQty().toPlainString());
            lot.put("minOrderAmt", s.minOrderValue().toPlainString());
            lot.put("maxOrderAmt", s.maxOrderValue().toPlainString());
            lot.put("maxLimitOrderQty", s.maxOrderQty().toPlainString());
            lot.put("maxMarketOrderQty", s.maxMarketOrderQty().toPlainString());
            lot.put("postOnlyMaxLimitOrderSize", s.maxOrderQty().multiply(BigDecimal.valueOf(5)).toPlainString());
            n.putObject("priceFilter").put("tickSize", s.tickSize().toPlainString());
            ObjectNode risk = n.putObject("riskParameters");
            risk.put("priceLimitRatioX", "0.005");
            risk.put("priceLimitRatioY", "0.01");
            n.put("symbolType", "");
            return n;
        }
        n.put("symbol", s.symbol());
        n.put("symbolId", symbolId);
        n.put("contractType", l.inverse() ? "InversePerpetual" : "LinearPerpetual");
        n.put("status", l.status);
        n.put("baseCoin", s.baseCoin());
        n.put("quoteCoin", s.quoteCoin());
        n.put("launchTime", "1585526400000");
        n.put("deliveryTime", "0");
        n.put("deliveryFeeRate", "");
        n.put("priceScale", Integer.toString(Math.max(0, s.tickSize().scale())));
        ObjectNode leverage = n.putObject("leverageFilter");
        leverage.put("minLeverage", "1");
        leverage.put("maxLeverage", "100.00");
        leverage.put("leverageStep", "0.01");
        ObjectNode price = n.putObject("priceFilter");
        price.put("minPrice", s.minPrice().toPlainString());
        price.put("maxPrice", s.maxPrice().toPlainString());
        price.put("tickSize", s.tickSize().toPlainString());
        ObjectNode lot = n.putObject("lotSizeFilter");
        lot.put("maxOrderQty", s.maxOrderQty().toPlainString());
        lot.put("minOrderQty", s.minOrderQty().toPlainString());
        lot.put("qtyStep", s.qtyStep().toPlainString());
        lot.put("postOnlyMaxOrderQty", s.maxOrderQty().toPlainString());
        lot.put("maxMktOrderQty", s.maxMarketOrderQty().toPlainString());
        lot.put("minNotionalValue", s.minOrderValue().toPlainString());
        n.put("unifiedMarginTrade", true);
        n.put("fundingInterval", 480);
        n.put("settleCoin", s.settleCoin());
        n.put("copyTrading", l.inverse() ? "none" : "both");
        n.put("upperFundingRate", "0.00375");
        n.put("lowerFundingRate", "-0.00375");
        n.put("isPreListing", false);
        n.putNull("preListingInfo");
        ObjectNode risk = n.putObject("riskParameters");
        risk.put("priceLimitRatioX", "0.01");
        risk.put("priceLimitRatioY", "0.02");
        n.put("symbolType", "");
        return n;
    }
}
