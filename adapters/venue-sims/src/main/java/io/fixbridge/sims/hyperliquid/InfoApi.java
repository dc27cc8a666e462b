package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.SimJson;
import io.fixbridge.venue.Balance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /info}: meta, spotMeta, allMids, l2Book, openOrders, frontendOpenOrders, orderStatus
 * (by oid or cloid), userFills, userFillsByTime, clearinghouseState, spotClearinghouseState and
 * userRateLimit, in the venue's JSON shapes. An unknown type or a malformed request throws
 * {@link BadRequest} (HTTP 422). A user the simulator does not know gets empty answers, as on the
 * venue.
 *
 * <p><b>Threading:</b> {@link #answer} runs on the engine thread; {@link #TYPES} is immutable.
 */
final class InfoApi {
    static final Set<String> TYPES = Set.of("meta", "spotMeta", "allMids", "l2Book", "openOrders",
            "frontendOpenOrders", "orderStatus", "userFills", "userFillsByTime", "clearinghouseState",
            "spotClearinghouseState", "userRateLimit");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final int MAX_FILLS = 2000;

    private final HlVenue venue;
    private final RateLimiter limiter;

    InfoApi(HlVenue venue, RateLimiter limiter) {
        this.venue = venue;
        this.limiter = limiter;
    }

    /** The request's type, checked: throws {@link BadRequest} for a malformed body or unknown type. */
    static String type(JsonNode req) {
        if (req == null || !req.isObject() || !req.path("type").isTextual()
                || !TYPES.contains(req.get("type").asText())) {
            throw new BadRequest("unknown or missing info type");
        }
        return req.get("type").asText();
    }

    JsonNode answer(JsonNode req) {
        String type = type(req);
        return switch (type) {
            case "meta" -> meta();
            case "spotMeta" -> spotMeta();
            case "allMids" -> venue.allMids();
            case "l2Book" -> {
                HlMarket m = venue.markets().byCoin(text(req, "coin"));
                yield m == null ? NullNode.getInstance() : Views.book(m, venue.engine(m).book(m.symbol()), venue.now());
            }
            case "openOrders" -> {
                ArrayNode arr = SimJson.array();
                List<HlOrder> open = venue.openOrders(user(req));
                for (int i = open.size() - 1; i >= 0; i--) {
                    arr.add(Views.openOrder(open.get(i)));
                }
                yield arr;
            }
            case "frontendOpenOrders" -> {
                ArrayNode arr = SimJson.array();
                List<HlOrder> open = venue.openOrders(user(req));
                for (int i = open.size() - 1; i >= 0; i--) {
                    arr.add(Views.frontendOrder(open.get(i)));
                }
                yield arr;
            }
            case "orderStatus" -> orderStatus(req);
            case "userFills" -> fills(user(req), Long.MIN_VALUE, Long.MAX_VALUE);
            case "userFillsByTime" -> {
                long start = integer(req, "startTime", null);
                long end = integer(req, "endTime", Long.MAX_VALUE);
                yield fills(user(req), start, end);
            }
            case "clearinghouseState" -> clearinghouse(user(req));
            case "spotClearinghouseState" -> spotClearinghouse(user(req));
            case "userRateLimit" -> {
                String user = user(req);
                BigDecimal volume = venue.volume(user);
                ObjectNode n = SimJson.object();
                n.put("cumVlm", Fmt.num(volume, 6));
                n.put("nRequestsUsed", limiter.used(user));
                n.put("nRequestsCap", limiter.cap(volume));
                yield n;
            }
            default -> throw new BadRequest("unknown info type " + type);
        };
    }

    private JsonNode meta() {
        ObjectNode n = SimJson.object();
        ArrayNode universe = n.putArray("universe");
        for (HlMarket m : venue.markets().perps()) {
            ObjectNode u = universe.addObject();
            u.put("szDecimals", m.szDecimals);
            u.put("name", m.coin);
            u.put("maxLeverage", m.maxLeverage);
            if (m.delisted) {
                u.put("isDelisted", true);
            }
        }
        return n;
    }

    private JsonNode spotMeta() {
        ObjectNode n = SimJson.object();
        ArrayNode tokens = n.putArray("tokens");
        List<String> names = venue.markets().tokens();
        List<SpotListing> listings = venue.markets().spotListings();
        for (int i = 0; i < names.size(); i++) {
            ObjectNode t = tokens.addObject();
            t.put("name", names.get(i));
            t.put("szDecimals", i == 0 ? 8 : listings.get(i - 1).szDecimals());
            t.put("weiDecimals", i == 0 ? 8 : listings.get(i - 1).weiDecimals());
            t.put("index", i);
            t.put("tokenId", i == 0 ? "0x6d1e7cde53ba9467b783cb7c530ce054" : String.format(Locale.ROOT, "0x%032x", i));
            t.put("isCanonical", i <= 1);
            t.putNull("evmContract");
            t.putNull("fullName");
        }
        ArrayNode universe = n.putArray("universe");
        for (HlMarket m : venue.markets().spots()) {
            ObjectNode u = universe.addObject();
            u.putArray("tokens").add(m.baseTokenIndex).add(0);
            u.put("name", m.coin);
            u.put("index", m.pairIndex);
            u.put("isCanonical", m.pairIndex == 0);
        }
        return n;
    }

    private JsonNode orderStatus(JsonNode req) {
        String user = user(req);
        JsonNode oid = req.get("oid");
        HlOrder o;
        if (oid != null && oid.isIntegralNumber()) {
            o = venue.order(user, oid.longValue());
        } else if (oid != null && oid.isTextual() && Action.CLOID.matcher(oid.asText()).matches()) {
            o = venue.orderByCloid(user, oid.asText().toLowerCase(Locale.ROOT));
        } else {
            throw new BadRequest("oid must be an order id or a cloid");
        }
        if (o == null) {
            ObjectNode n = SimJson.object();
            n.put("status", "unknownOid");
            return n;
        }
        return Views.orderStatus(o);
    }

    private JsonNode fills(String user, long start, long end) {
        ArrayNode arr = SimJson.array();
        List<HlFill> all = venue.fills(user);
        for (int i = all.size() - 1; i >= 0 && arr.size() < MAX_FILLS; i--) {
            HlFill f = all.get(i);
            if (f.time() >= start && f.time() <= end) {
                arr.add(Views.fill(f));
            }
        }
        return arr;
    }

    private JsonNode clearinghouse(String user) {
        int leverage = venue.leverage();
        BigDecimal lev = BigDecimal.valueOf(leverage);
        ObjectNode n = SimJson.object();
        ArrayNode positions = n.putArray("assetPositions");
        BigDecimal upnlSum = BigDecimal.ZERO;
        BigDecimal ntl = BigDecimal.ZERO;
        BigDecimal signedNtl = BigDecimal.ZERO;
        BigDecimal marginUsed = BigDecimal.ZERO;
        BigDecimal maintenance = BigDecimal.ZERO;
        Map<HlMarket, PerpPosition> open = venue.isAccount(user) ? venue.positions(user) : Map.of();
        for (Map.Entry<HlMarket, PerpPosition> e : open.entrySet()) {
            HlMarket m = e.getKey();
            PerpPosition p = e.getValue();
            BigDecimal mid = venue.mid(m);
            BigDecimal value = p.size.abs().multiply(mid);
            BigDecimal upnl = mid.subtract(p.entry).multiply(p.size);
            BigDecimal margin = value.divide(lev, 6, RoundingMode.HALF_EVEN);
            BigDecimal entryMargin = p.size.abs().multiply(p.entry).divide(lev, 12, RoundingMode.HALF_EVEN);
            upnlSum = upnlSum.add(upnl);
            ntl = ntl.add(value);
            signedNtl = signedNtl.add(p.size.multiply(mid));
            marginUsed = marginUsed.add(margin);
            BigDecimal maintenanceRate = BigDecimal.valueOf(2L * m.maxLeverage);
            maintenance = maintenance.add(value.divide(maintenanceRate, 6, RoundingMode.HALF_EVEN));
            ObjectNode ap = positions.addObject();
            ap.put("type", "oneWay");
            ObjectNode pos = ap.putObject("position");
            pos.put("coin", m.coin);
            pos.put("szi", Fmt.num(p.size));
            ObjectNode levNode = pos.putObject("leverage");
            levNode.put("type", "cross");
            levNode.put("value", leverage);
            pos.put("entryPx", Fmt.num(p.entry, m.maxPriceDecimals() + 1));
            pos.put("positionValue", Fmt.num(value, 6));
            pos.put("unrealizedPnl", Fmt.num(upnl, 6));
            pos.put("returnOnEquity", Fmt.num(entryMargin.signum() == 0 ? BigDecimal.ZERO
                    : upnl.divide(entryMargin, 8, RoundingMode.HALF_EVEN)));
            pos.putNull("liquidationPx");
            pos.put("marginUsed", Fmt.num(margin));
            pos.put("maxLeverage", m.maxLeverage);
            ObjectNode funding = pos.putObject("cumFunding");
            funding.put("allTime", "0.0");
            funding.put("sinceOpen", "0.0");
            funding.put("sinceChange", "0.0");
        }
        Balance usdc = venue.isAccount(user) ? venue.perpUsdc(user)
                : new Balance("USDC", BigDecimal.ZERO, BigDecimal.ZERO);
        BigDecimal accountValue = usdc.total().add(upnlSum);
        ObjectNode summary = SimJson.object();
        summary.put("accountValue", Fmt.num(accountValue, 6));
        summary.put("totalNtlPos", Fmt.num(ntl, 6));
        summary.put("totalRawUsd", Fmt.num(accountValue.subtract(signedNtl), 6));
        summary.put("totalMarginUsed", Fmt.num(marginUsed, 6));
        n.set("marginSummary", summary);
        n.set("crossMarginSummary", summary.deepCopy());
        n.put("crossMaintenanceMarginUsed", Fmt.num(maintenance, 6));
        n.put("withdrawable", Fmt.num(usdc.available().add(upnlSum).max(BigDecimal.ZERO), 6));
        n.put("time", venue.now());
        return n;
    }

    private JsonNode spotClearinghouse(String user) {
        ObjectNode n = SimJson.object();
        ArrayNode balances = n.putArray("balances");
        if (!venue.isAccount(user)) {
            return n;
        }
        List<String> tokens = venue.markets().tokens();
        for (int i = 0; i < tokens.size(); i++) {
            Balance b = venue.spotBalance(user, tokens.get(i));
            if (b.total().signum() == 0) {
                continue;
            }
            ObjectNode o = balances.addObject();
            o.put("coin", tokens.get(i));
            o.put("token", i);
            o.put("hold", Fmt.num(b.total().subtract(b.available()), 8));
            o.put("total", Fmt.num(b.total(), 8));
            o.put("entryNtl", "0.0");
        }
        return n;
    }

    private static String text(JsonNode req, String field) {
        JsonNode v = req.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadRequest(field + " must be a string");
        }
        return v.asText();
    }

    private static String user(JsonNode req) {
        String u = text(req, "user");
        if (!ADDRESS.matcher(u).matches()) {
            throw new BadRequest("user must be an address");
        }
        return u.toLowerCase(Locale.ROOT);
    }

    private static long integer(JsonNode req, String field, Long absent) {
        JsonNode v = req.get(field);
        if ((v == null || v.isNull()) && absent != null) {
            return absent;
        }
        if (v == null || !v.isIntegralNumber()) {
            throw new BadRequest(field + " must be an integer");
        }
        return v.longValue();
    }
}
