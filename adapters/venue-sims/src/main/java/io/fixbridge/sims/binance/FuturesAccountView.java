package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.util.List;

/**
 * The USD-M futures account views: {@code /fapi/v2|v3/balance}, {@code /fapi/v2|v3/positionRisk}
 * and {@code /fapi/v3/account}, computed from the engine's balances and net positions, the open
 * orders and the synthetic mark price (the mid). Unrealised PnL is {@code amount * (mark - entry)};
 * available balance is the engine's available margin plus unrealised PnL.
 *
 * <p><b>Threading:</b> confined to the engine thread.
 */
final class FuturesAccountView {
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final FuturesVenue venue;

    FuturesAccountView(FuturesVenue venue) {
        this.venue = venue;
    }

    /** Binance's four-letter account alias, stable per account name. */
    static String alias(String name) {
        int h = Math.abs(name.hashCode() % 7_311_616);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            sb.append(LETTERS.charAt(h % LETTERS.length()));
            h /= LETTERS.length();
        }
        return sb.toString();
    }

    /** GET /fapi/v2/balance and /fapi/v3/balance. */
    ArrayNode balances(String account) {
        BigDecimal unrealized = unrealizedPnl(account);
        ArrayNode out = Json.array();
        for (Balance b : venue.engine.balances(account)) {
            boolean margin = "USDT".equals(b.asset());
            BigDecimal up = margin ? unrealized : BigDecimal.ZERO;
            out.add(FuturesJson.balance(alias(account), b.asset(), b.total(), up,
                    b.available().add(up), venue.now()));
        }
        return out;
    }

    /** GET /fapi/v3/account (single-asset mode). */
    ObjectNode accountV3(String account) {
        BigDecimal leverageDivisor = BigDecimal.valueOf(venue.engineLeverage());
        BigDecimal unrealized = BigDecimal.ZERO;
        BigDecimal positionMargin = BigDecimal.ZERO;
        BigDecimal maintMargin = BigDecimal.ZERO;
        BigDecimal orderMargin = BigDecimal.ZERO;
        ArrayNode positionRows = Json.array();
        boolean hedge = venue.isHedge(account);
        for (FuturesListing l : venue.listings().values()) {
            Position p = venue.position(account, l);
            BigDecimal amount = p == null ? BigDecimal.ZERO : p.quantity();
            BigDecimal entry = p == null ? BigDecimal.ZERO : p.entryPrice();
            List<FuturesOrder> open = venue.openOrders(account, l);
            BigDecimal mark = venue.markPrice(l);
            BigDecimal notional = amount.multiply(mark);
            BigDecimal up = amount.multiply(mark.subtract(entry));
            BigDecimal im = notional.abs().divide(leverageDivisor, 8, java.math.RoundingMode.HALF_UP);
            BigDecimal mm = notional.abs().multiply(MAINT_MARGIN_RATIO);
            unrealized = unrealized.add(up);
            positionMargin = positionMargin.add(im);
            maintMargin = maintMargin.add(mm);
            orderMargin = orderMargin.add(FuturesVenue.notional(open, Side.BUY).add(FuturesVenue.notional(open, Side.SELL))
                    .divide(leverageDivisor, 8, java.math.RoundingMode.HALF_UP));
            if (amount.signum() == 0 && open.isEmpty()) {
                continue;
            }
            ObjectNode row = positionRows.addObject();
            row.put("symbol", l.symbol());
            row.put("positionSide", !hedge ? "BOTH" : amount.signum() < 0 ? "SHORT" : "LONG");
            row.put("positionAmt", Fmt.plain(amount));
            row.put("unrealizedProfit", Fmt.spot(up));
            row.put("isolatedMargin", Fmt.spot(BigDecimal.ZERO));
            row.put("notional", Fmt.plain(notional));
            row.put("isolatedWallet", "0");
            row.put("initialMargin", Fmt.plain(im));
            row.put("maintMargin", Fmt.plain(mm));
            row.put("updateTime", venue.updateTimeOf(account, l));
        }
        ObjectNode n = Json.object();
        ArrayNode assets = Json.array();
        BigDecimal wallet = BigDecimal.ZERO;
        BigDecimal available = BigDecimal.ZERO;
        for (Balance b : venue.engine.balances(account)) {
            boolean usdt = "USDT".equals(b.asset());
            BigDecimal up = usdt ? unrealized : BigDecimal.ZERO;
            if (usdt) {
                wallet = b.total();
                available = b.available().add(unrealized);
            }
            ObjectNode a = assets.addObject();
            a.put("asset", b.asset());
            a.put("walletBalance", Fmt.spot(b.total()));
            a.put("unrealizedProfit", Fmt.spot(up));
            a.put("marginBalance", Fmt.spot(b.total().add(up)));
            a.put("maintMargin", Fmt.spot(usdt ? maintMargin : BigDecimal.ZERO));
            a.put("initialMargin", Fmt.spot(usdt ? positionMargin.add(orderMargin) : BigDecimal.ZERO));
            a.put("positionInitialMargin", Fmt.spot(usdt ? positionMargin : BigDecimal.ZERO));
            a.put("openOrderInitialMargin", Fmt.spot(usdt ? orderMargin : BigDecimal.ZERO));
            a.put("crossWalletBalance", Fmt.spot(b.total()));
            a.put("crossUnPnl", Fmt.spot(up));
            a.put("availableBalance", Fmt.spot(b.available().add(up)));
            a.put("maxWithdrawAmount", Fmt.spot(b.available().add(up).max(BigDecimal.ZERO).min(b.total())));
            a.put("updateTime", venue.now());
        }
        n.put("totalInitialMargin", Fmt.spot(positionMargin.add(orderMargin)));
        n.put("totalMaintMargin", Fmt.spot(maintMargin));
        n.put("totalWalletBalance", Fmt.spot(wallet));
        n.put("totalUnrealizedProfit", Fmt.spot(unrealized));
        n.put("totalMarginBalance", Fmt.spot(wallet.add(unrealized)));
        n.put("totalPositionInitialMargin", Fmt.spot(positionMargin));
        n.put("totalOpenOrderInitialMargin", Fmt.spot(orderMargin));
        n.put("totalCrossWalletBalance", Fmt.spot(wallet));
        n.put("totalCrossUnPnl", Fmt.spot(unrealized));
        n.put("availableBalance", Fmt.spot(available));
        n.put("maxWithdrawAmount", Fmt.spot(available.max(BigDecimal.ZERO).min(wallet)));
        n.set("assets", assets);
        n.set("positions", positionRows);
        return n;
    }

    private BigDecimal unrealizedPnl(String account) {
        BigDecimal total = BigDecimal.ZERO;
        for (Position p : venue.engine.positions(account)) {
            FuturesListing l = venue.byUnified(p.symbol());
            total = total.add(p.quantity().multiply(venue.markPrice(l).subtract(p.entryPrice())));
        }
        return total;
    }

    /** The one maintenance margin rate every position uses (also in /fapi/v3/account and positionRisk). */
    static final BigDecimal MAINT_MARGIN_RATIO = new BigDecimal("0.004");
    /** The one bracket's notional cap (also POST /fapi/v1/leverage's maxNotionalValue). */
    static final long NOTIONAL_CAP = 1_000_000_000L;

    /**
     * GET /fapi/v1/leverageBracket: one bracket per symbol (max initial leverage 125, notional
     * 0..{@link #NOTIONAL_CAP}, maintenance ratio {@link #MAINT_MARGIN_RATIO}, cum 0). With a
     * symbol Binance answers the single object, without one the array of all symbols.
     */
    JsonNode leverageBrackets(String symbol) {
        if (symbol != null) {
            return leverageBracket(venue.listing(symbol));
        }
        ArrayNode out = Json.array();
        for (FuturesListing l : venue.listings().values()) {
            out.add(leverageBracket(l));
        }
        return out;
    }

    private static ObjectNode leverageBracket(FuturesListing l) {
        ObjectNode n = Json.object();
        n.put("symbol", l.symbol());
        ObjectNode b = n.putArray("brackets").addObject();
        b.put("bracket", 1);
        b.put("initialLeverage", 125);
        b.put("notionalCap", NOTIONAL_CAP);
        b.put("notionalFloor", 0);
        b.put("maintMarginRatio", MAINT_MARGIN_RATIO);
        b.put("cum", BigDecimal.ZERO.setScale(1));
        return n;
    }

    /** GET /fapi/v2/positionRisk ({@code v3} false) or /fapi/v3/positionRisk. */
    ArrayNode positionRisk(String account, String symbol, boolean v3) {
        FuturesListing only = symbol == null ? null : venue.listing(symbol);
        boolean hedge = venue.isHedge(account);
        ArrayNode out = Json.array();
        for (FuturesListing l : venue.listings().values()) {
            if (only != null && l != only) {
                continue;
            }
            Position p = venue.position(account, l);
            BigDecimal amount = p == null ? BigDecimal.ZERO : p.quantity();
            BigDecimal entry = p == null ? BigDecimal.ZERO : p.entryPrice();
            int lev = venue.leverageOf(account, l.symbol());
            BigDecimal mark = venue.markPrice(l);
            List<FuturesOrder> open = venue.openOrders(account, l);
            if (v3 && amount.signum() == 0 && open.isEmpty()) {
                continue;
            }
            BigDecimal bids = FuturesVenue.notional(open, Side.BUY);
            BigDecimal asks = FuturesVenue.notional(open, Side.SELL);
            List<String> sides = !hedge ? List.of("BOTH") : List.of("LONG", "SHORT");
            for (String side : sides) {
                BigDecimal sideAmount = amount;
                BigDecimal sideEntry = entry;
                if (hedge) {
                    boolean holds = "LONG".equals(side) ? amount.signum() > 0 : amount.signum() < 0;
                    sideAmount = holds ? amount : BigDecimal.ZERO;
                    sideEntry = holds ? entry : BigDecimal.ZERO;
                    if (v3 && !holds && open.stream().noneMatch(o -> o.positionSide.equals(side))) {
                        continue;
                    }
                }
                long updated = venue.updateTimeOf(account, l);
                out.add(v3
                        ? FuturesJson.positionRiskV3(l.symbol(), side, sideAmount, sideEntry, mark, lev, bids, asks,
                                updated)
                        : FuturesJson.positionRiskV2(l.symbol(), side, sideAmount, sideEntry, mark, lev, updated));
            }
        }
        return out;
    }
}
