package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.sims.common.SimJson;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TriggerDirection;
import io.fixbridge.venue.VenueCapabilities;
import io.fixbridge.venue.paper.engine.EngineListener;
import io.fixbridge.venue.paper.engine.EngineResult;
import io.fixbridge.venue.paper.engine.Execution;
import io.fixbridge.venue.paper.engine.FeeSchedule;
import io.fixbridge.venue.paper.engine.MatchingEngine;
import io.fixbridge.venue.paper.engine.OrderView;
import io.fixbridge.venue.paper.engine.PublicTrade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The venue's state and rules on the engine thread: two paper matching engines (perpetuals, with
 * USDC margin at one fixed cross leverage; spot, with token balances), the market maker, every
 * order record and fill, per-user positions, spot fees and traded volume. Exchange actions and
 * market moves run here; each ends with {@link #flush()}, which pushes what changed to the
 * WebSocket subscribers (orderUpdates, userFills, trades, l2Book, allMids). An {@code l2Book} goes out
 * for every subscribed coin whose top {@value #BOOK_LEVELS} levels changed (a full book each time, so
 * a lost one is no gap: the next one is complete); {@code trades} carries every trade of the engine,
 * the market maker's included: {@code [{coin, side ("B"/"A", the taker's), px, sz, hash, time, tid,
 * users [buyer, seller]}]}.
 *
 * <p><b>Threading:</b> not thread-safe: every method runs on the simulator's engine thread.
 *
 * <p><b>Errors:</b> requests never throw for a bad order; they answer the venue's per-order
 * status. {@link #modify} throws {@link ExchangeError} for a whole-request failure.
 */
final class HlVenue implements EngineListener {
    static final VenueCapabilities CAPABILITIES = new VenueCapabilities(
            EnumSet.of(MarketType.SPOT, MarketType.LINEAR_PERPETUAL),
            EnumSet.of(OrderType.LIMIT, OrderType.STOP_LIMIT),
            EnumSet.of(TimeInForce.GTC, TimeInForce.IOC),
            true, EnumSet.of(MarketType.LINEAR_PERPETUAL), false, false, true, ReplaceMode.NATIVE_AMEND, false);
    static final int BOOK_LEVELS = 20;

    private final HlMarkets markets;
    private final Accounts accounts;
    private final HlFees fees;
    private final int leverage;
    private final Clock clock;
    private final WsHub hub;
    private final MatchingEngine perpEngine;
    private final MatchingEngine spotEngine;
    private final Quoter quoter;

    private final Map<Long, HlOrder> orders = new LinkedHashMap<>();
    private final Map<String, List<HlOrder>> ordersByUser = new HashMap<>();
    private final Map<String, HlOrder> byCloid = new HashMap<>();
    private final Map<String, List<HlFill>> fills = new HashMap<>();
    private final Map<String, PerpPosition> positions = new LinkedHashMap<>();
    private final Map<String, BigDecimal> spotFeeDebits = new HashMap<>();
    private final Map<String, BigDecimal> volume = new HashMap<>();
    private long nextOid = 10_000_000_000L;
    private long nextTid = 500_000_000_000_000L;

    private final Set<HlOrder> touched = new LinkedHashSet<>();
    private final List<Map.Entry<String, ObjectNode>> events = new ArrayList<>();
    private final Map<String, List<HlFill>> newFills = new LinkedHashMap<>();
    private final Set<HlMarket> touchedBooks = new LinkedHashSet<>();
    private boolean midsMoved;
    /** What the l2Book channel last sent per market (its change detection and switchable drop). */
    private final BookFeed bookFeed = new BookFeed(BOOK_LEVELS);
    /** Trades since the last flush, per coin, in the order they happened. */
    private final Map<String, ArrayNode> newTrades = new LinkedHashMap<>();
    /** The buyer and seller of a trade being matched, from its fills (the market maker has no fills). */
    private final Map<String, String[]> tradeUsers = new HashMap<>();

    /** The address the market maker's side of a trade shows in {@code trades}. */
    static final String MARKET_MAKER = "0x00000000000000000000000000000000000a11ce";

    HlVenue(HlMarkets markets, Accounts accounts, HlFees fees, int leverage, Clock clock, WsHub hub) {
        this.markets = markets;
        this.accounts = accounts;
        this.fees = fees;
        this.leverage = leverage;
        this.clock = clock;
        this.hub = hub;
        MatchingEngine.Builder perp = MatchingEngine.builder().listener(this).clock(clock)
                .fees(new FeeSchedule(fees.perpMaker(), fees.perpTaker())).leverage(BigDecimal.valueOf(leverage))
                .capabilities(CAPABILITIES);
        MatchingEngine.Builder spot = MatchingEngine.builder().listener(this).clock(clock).fees(FeeSchedule.NONE)
                .capabilities(CAPABILITIES);
        markets.perps().forEach(m -> perp.instrument(m.instrument));
        markets.spots().forEach(m -> spot.instrument(m.instrument));
        accounts.all().forEach((address, funds) -> {
            perp.account(address, Map.of("USDC", funds.perpUsdc()));
            spot.account(address, funds.spot());
        });
        this.perpEngine = perp.build();
        this.spotEngine = spot.build();
        this.quoter = new Quoter(this::engine);
        for (HlMarket m : markets.all()) {
            quoter.moveTo(m, m.startMid);
        }
        clearOutbox();
    }

    HlMarkets markets() {
        return markets;
    }

    MatchingEngine engine(HlMarket m) {
        return m.perp ? perpEngine : spotEngine;
    }

    int leverage() {
        return leverage;
    }

    long now() {
        return clock.millis();
    }

    // ------------------------------------------------------------------ actions

    /** Places one order for {@code user}; answers the venue's status for it. */
    JsonNode place(String user, OrderWire w) {
        HlMarket m = markets.byAsset(w.asset());
        if (m == null) {
            return error(Texts.unknownAsset(w.asset()));
        }
        if (m.delisted) {
            return error(Texts.halted(m.asset));
        }
        String rule = OrderRules.check(m, w);
        if (rule != null) {
            return error(rule);
        }
        if (!m.perp) {
            String funds = spotFunds(user, m, w);
            if (funds != null) {
                return error(funds);
            }
        }
        long oid = nextOid++;
        BigDecimal px = w.px();
        HlOrder order = new HlOrder(oid, user, m, w.isBuy(), px, w.sz(), w.cloid(), w.tif(), w.trigger(),
                m.perp && w.reduceOnly(), now());
        orders.put(oid, order);
        EngineResult result = engine(m).submit(request(order));
        if (result instanceof EngineResult.Refused refused) {
            orders.remove(oid);
            return error(refusalText(m, order, refused));
        }
        ordersByUser.computeIfAbsent(user, u -> new ArrayList<>()).add(order);
        if (order.cloid != null) {
            byCloid.put(cloidKey(user, order.cloid), order);
        }
        touchedBooks.add(m);
        return statusOf(order);
    }

    private OrderRequest request(HlOrder o) {
        OrderRequest.Builder b = OrderRequest.builder().account(o.user).clientOrderId(Long.toString(o.oid))
                .symbol(o.market.symbol()).side(o.isBuy ? Side.BUY : Side.SELL).quantity(o.origSz).price(o.limitPx)
                .reduceOnly(o.reduceOnly);
        if (o.trigger != null) {
            b.type(OrderType.STOP_LIMIT).stopPrice(o.trigger.px())
                    .triggerDirection(o.triggersAbove() ? TriggerDirection.RISES_ABOVE : TriggerDirection.FALLS_BELOW)
                    .timeInForce(o.trigger.isMarket() ? TimeInForce.IOC : TimeInForce.GTC);
        } else {
            b.type(OrderType.LIMIT).timeInForce(o.tif == OrderWire.Tif.Ioc ? TimeInForce.IOC : TimeInForce.GTC)
                    .postOnly(o.tif == OrderWire.Tif.Alo);
        }
        return b.build();
    }

    private String spotFunds(String user, HlMarket m, OrderWire w) {
        String token = w.isBuy() ? "USDC" : m.baseToken;
        BigDecimal needed = w.isBuy() ? w.px().multiply(w.sz()) : w.sz();
        BigDecimal available = spotAvailable(user, token);
        return available.compareTo(needed) < 0 ? Texts.insufficientSpot(m.asset) : null;
    }

    private String refusalText(HlMarket m, HlOrder o, EngineResult.Refused refused) {
        RejectReason reason = refused.reason();
        return switch (reason) {
            case INSUFFICIENT_FUNDS -> m.perp ? Texts.insufficientMargin(m.asset) : Texts.insufficientSpot(m.asset);
            case REDUCE_ONLY_WOULD_INCREASE -> Texts.reduceOnly(m.asset);
            case WOULD_TAKE_LIQUIDITY -> Texts.postOnly(engine(m).book(m.symbol()).bestBid().orElse(null),
                    engine(m).book(m.symbol()).bestAsk().orElse(null), m.asset);
            case INVALID_PRICE_INCREMENT -> Texts.INVALID_PRICE;
            case INCORRECT_QUANTITY -> Texts.INVALID_SIZE;
            case VENUE_CLOSED -> Texts.halted(m.asset);
            default -> refused.text() + ". asset=" + m.asset;
        };
    }

    /** The per-order status after placement: resting, filled or an error. */
    private JsonNode statusOf(HlOrder o) {
        if (o.trigger != null && !o.triggered && o.isLive()) {
            return resting(o);
        }
        if ("filled".equals(o.status) || (!o.isLive() && o.filled.signum() > 0)) {
            ObjectNode filled = SimJson.object();
            ObjectNode f = filled.putObject("filled");
            f.put("totalSz", Fmt.num(o.filled));
            f.put("avgPx", Fmt.num(o.filledNotional.divide(o.filled, o.market.maxPriceDecimals() + 2,
                    RoundingMode.HALF_EVEN)));
            f.put("oid", o.oid);
            if (o.cloid != null) {
                f.put("cloid", o.cloid);
            }
            return filled;
        }
        if (o.isLive()) {
            return resting(o);
        }
        return switch (o.status) {
            case "iocCancelRejected" -> error(Texts.iocNoMatch(o.market.asset));
            case "badAloPxRejected" -> error(Texts.postOnly(null, null, o.market.asset));
            case "reduceOnlyCanceled", "reduceOnlyRejected" -> error(Texts.reduceOnly(o.market.asset));
            case "marginCanceled" -> error(o.market.perp ? Texts.insufficientMargin(o.market.asset)
                    : Texts.insufficientSpot(o.market.asset));
            default -> error(Texts.neverPlaced(o.market.asset));
        };
    }

    private static JsonNode resting(HlOrder o) {
        ObjectNode n = SimJson.object();
        ObjectNode r = n.putObject("resting");
        r.put("oid", o.oid);
        if (o.cloid != null) {
            r.put("cloid", o.cloid);
        }
        return n;
    }

    static JsonNode error(String text) {
        ObjectNode n = SimJson.object();
        n.put("error", text);
        return n;
    }

    /** Cancels {@code user}'s order {@code oid} in {@code asset}: "success" or an error status. */
    JsonNode cancel(String user, int asset, long oid) {
        HlOrder o = orders.get(oid);
        return cancel(o != null && o.user.equals(user) ? o : null, asset);
    }

    JsonNode cancelByCloid(String user, int asset, String cloid) {
        return cancel(byCloid.get(cloidKey(user, cloid)), asset);
    }

    private JsonNode cancel(HlOrder o, int asset) {
        if (o == null || o.market.asset != asset || !o.isLive()) {
            return error(Texts.neverPlaced(asset));
        }
        EngineResult r = engine(o.market).cancel(o.user, o.market.symbol(), Long.toString(o.oid), null);
        if (r instanceof EngineResult.Refused) {
            return error(Texts.neverPlaced(asset));
        }
        touchedBooks.add(o.market);
        return TextNode.valueOf("success");
    }

    /**
     * Modify: cancels the live order ({@code oid} a number or a cloid string) and places
     * {@code w} as a new order with a new oid. Answers the new order's status.
     *
     * @throws ExchangeError when the order is not live or the new order breaks a rule
     */
    JsonNode modify(String user, JsonNode oidOrCloid, OrderWire w) {
        HlOrder old = null;
        if (oidOrCloid.isIntegralNumber()) {
            HlOrder o = orders.get(oidOrCloid.longValue());
            old = o != null && o.user.equals(user) ? o : null;
        } else if (oidOrCloid.isTextual()) {
            old = byCloid.get(cloidKey(user, oidOrCloid.asText().toLowerCase(java.util.Locale.ROOT)));
        }
        if (old == null || !old.isLive()) {
            throw new ExchangeError(Texts.CANNOT_MODIFY);
        }
        HlMarket m = markets.byAsset(w.asset());
        if (m == null || m != old.market) {
            throw new ExchangeError(Texts.unknownAsset(w.asset()));
        }
        String rule = OrderRules.check(m, w);
        if (rule != null) {
            throw new ExchangeError(rule);
        }
        engine(m).cancel(user, m.symbol(), Long.toString(old.oid), null);
        JsonNode status = place(user, w);
        if (status.has("error")) {
            throw new ExchangeError(status.get("error").asText());
        }
        return status;
    }

    private static String cloidKey(String user, String cloid) {
        return user + "|" + cloid;
    }

    // ------------------------------------------------------------------ market control

    void moveMid(HlMarket m, BigDecimal price) {
        quoter.moveTo(m, price);
        touchedBooks.add(m);
        midsMoved = true;
    }

    void walk() {
        quoter.walk(markets.all());
        touchedBooks.addAll(markets.all());
        midsMoved = true;
    }

    BigDecimal mid(HlMarket m) {
        return quoter.mid(m);
    }

    // ------------------------------------------------------------------ engine events

    private HlOrder record(OrderView view) {
        String id = view.clientOrderId();
        if (id == null) {
            return null;
        }
        try {
            return orders.get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("an engine order without a simulator oid: " + id, e);
        }
    }

    @Override
    public void onAccepted(OrderView view) {
        HlOrder o = record(view);
        if (o != null) {
            o.setStatus("open", now());
            touched.add(o);
        }
    }

    @Override
    public void onFill(OrderView view, Execution e) {
        HlOrder o = record(view);
        if (o == null) {
            return;
        }
        String[] users = tradeUsers.computeIfAbsent(e.tradeId(), t -> new String[] {MARKET_MAKER, MARKET_MAKER});
        users[o.isBuy ? 0 : 1] = o.user;
        o.filled = o.filled.add(e.quantity());
        o.filledNotional = o.filledNotional.add(e.quantity().multiply(e.price()));
        if (view.status() == OrderSnapshot.Status.FILLED) {
            o.setStatus("filled", now());
        }
        touched.add(o);
        touchedBooks.add(o.market);
        HlFill fill = o.market.perp ? perpFill(o, e) : spotFill(o, e);
        fills.computeIfAbsent(o.user, u -> new ArrayList<>()).add(fill);
        newFills.computeIfAbsent(o.user, u -> new ArrayList<>()).add(fill);
        volume.merge(o.user, e.quantity().multiply(e.price()), BigDecimal::add);
    }

    private HlFill perpFill(HlOrder o, Execution e) {
        PerpPosition p = positions.computeIfAbsent(o.user + "|" + o.market.coin, k -> new PerpPosition());
        PerpPosition.Change c = p.apply(o.isBuy, e.quantity(), e.price());
        return new HlFill(o.market.coin, e.price(), e.quantity(), o.isBuy, e.timestamp().toEpochMilli(), c.start(),
                c.dir(), c.closedPnl(), hash(e.tradeId()), o.oid, e.liquidity() == Liquidity.TAKER,
                e.commission(), nextTid++, "USDC", o.cloid);
    }

    private HlFill spotFill(HlOrder o, Execution e) {
        boolean maker = e.liquidity() == Liquidity.MAKER;
        BigDecimal rate = maker ? fees.spotMaker() : fees.spotTaker();
        String feeToken = o.isBuy ? o.market.baseToken : "USDC";
        BigDecimal fee = (o.isBuy ? e.quantity() : e.quantity().multiply(e.price())).multiply(rate)
                .setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        BigDecimal signed = o.isBuy ? e.quantity() : e.quantity().negate();
        BigDecimal start = spotTotal(o.user, o.market.baseToken).subtract(signed);
        spotFeeDebits.merge(o.user + "|" + feeToken, fee, BigDecimal::add);
        return new HlFill(o.market.coin, e.price(), e.quantity(), o.isBuy, e.timestamp().toEpochMilli(), start,
                o.isBuy ? "Buy" : "Sell", BigDecimal.ZERO, hash(e.tradeId()), o.oid, !maker, fee, nextTid++,
                feeToken, o.cloid);
    }

    private static String hash(String tradeId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("hyperliquid-sim-trade:" + tradeId).getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    @Override
    public void onCanceled(OrderView view, String reason) {
        HlOrder o = record(view);
        if (o == null) {
            return;
        }
        String status;
        if (reason == null) {
            status = "canceled";
        } else if (MatchingEngine.REDUCE_ONLY_EXHAUSTED.equals(reason)) {
            status = "reduceOnlyCanceled";
        } else if (MatchingEngine.POST_ONLY_TEXT.equals(reason)) {
            status = "badAloPxRejected";
        } else if (reason.startsWith("canceled at trigger")) {
            status = "marginCanceled";
        } else {
            status = "canceled";
        }
        o.setStatus(status, now());
        touched.add(o);
        touchedBooks.add(o.market);
    }

    @Override
    public void onReplaced(OrderView view, String previousClientOrderId) {
        throw new IllegalStateException("the Hyperliquid simulator never amends engine orders");
    }

    @Override
    public void onExpired(OrderView view) {
        HlOrder o = record(view);
        if (o != null) {
            o.setStatus(o.filled.signum() > 0 ? "canceled" : "iocCancelRejected", now());
            touched.add(o);
        }
    }

    @Override
    public void onRejected(OrderRequest request, RejectReason reason, String text) {
        // refused orders get no oid on Hyperliquid; place() answers the error status
    }

    @Override
    public void onTriggered(OrderView view) {
        HlOrder o = record(view);
        if (o == null) {
            return;
        }
        o.triggered = true;
        o.setStatus("triggered", now());
        events.add(Map.entry(o.user, Views.orderUpdate(o)));
        o.status = "open";
        touched.add(o);
    }

    @Override
    public void onTrade(PublicTrade trade) {
        String[] users = tradeUsers.remove(trade.tradeId());
        HlMarket m = markets.bySymbol(trade.symbol());
        if (m == null) {
            return;
        }
        touchedBooks.add(m);
        ObjectNode t = SimJson.object();
        t.put("coin", m.coin);
        t.put("side", trade.takerSide() == Side.BUY ? "B" : "A");
        t.put("px", Fmt.num(trade.price()));
        t.put("sz", Fmt.num(trade.quantity()));
        t.put("hash", hash(trade.tradeId()));
        t.put("time", trade.timestamp().toEpochMilli());
        t.put("tid", publicTid(m, trade.tradeId()));
        ArrayNode u = t.putArray("users");
        u.add(users == null ? MARKET_MAKER : users[0]);
        u.add(users == null ? MARKET_MAKER : users[1]);
        newTrades.computeIfAbsent(m.coin, c -> SimJson.array()).add(t);
    }

    /** A trade's public id: 50 bits of a hash of the market and the engine's trade id (Hyperliquid's are 50-bit). */
    private static long publicTid(HlMarket m, String tradeId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("hyperliquid-sim-tid:" + m.coin + ":" + tradeId).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v & ((1L << 50) - 1);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    // ------------------------------------------------------------------ outbox

    /** Pushes everything that changed since the last flush to the WebSocket subscribers. */
    void flush() {
        Map<String, ArrayNode> updates = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> e : events) {
            updates.computeIfAbsent(e.getKey(), u -> SimJson.array()).add(e.getValue());
        }
        for (HlOrder o : touched) {
            updates.computeIfAbsent(o.user, u -> SimJson.array()).add(Views.orderUpdate(o));
        }
        updates.forEach(hub::orderUpdates);
        newFills.forEach((user, list) -> {
            ArrayNode arr = SimJson.array();
            list.forEach(f -> arr.add(Views.fill(f)));
            hub.userFills(user, arr);
        });
        newTrades.forEach(hub::trades);
        for (HlMarket m : markets.all()) {
            if (hub.subscribed("l2Book", m.coin) && bookFeed.next(m.symbol(), engine(m).book(m.symbol())).isPresent()) {
                hub.l2Book(m.coin, Views.book(m, engine(m).book(m.symbol()), now()));
            }
        }
        if (midsMoved || !touchedBooks.isEmpty()) {
            hub.allMids(allMids());
        }
        clearOutbox();
    }

    private void clearOutbox() {
        newTrades.clear();
        tradeUsers.clear();
        touched.clear();
        events.clear();
        newFills.clear();
        touchedBooks.clear();
        midsMoved = false;
    }

    // ------------------------------------------------------------------ queries

    /** {@code m}'s book as the l2Book channel publishes it, at most {@code depth} (and 20) levels a side. */
    BookFeed.Snapshot book(HlMarket m, int depth) {
        return bookFeed.snapshot(m.symbol(), engine(m).book(m.symbol()), depth);
    }

    /** The next l2Book of {@code m} that would go out is not sent (the one after is a full book again). */
    void dropNextBook(HlMarket m) {
        bookFeed.dropNext(m.symbol());
    }

    ObjectNode allMids() {
        ObjectNode n = SimJson.object();
        for (HlMarket m : markets.all()) {
            n.put(m.coin, Fmt.num(quoter.mid(m)));
        }
        return n;
    }

    List<HlOrder> orders(String user) {
        return List.copyOf(ordersByUser.getOrDefault(user, List.of()));
    }

    List<HlOrder> openOrders(String user) {
        List<HlOrder> out = new ArrayList<>();
        for (HlOrder o : ordersByUser.getOrDefault(user, List.of())) {
            if (o.isLive()) {
                out.add(o);
            }
        }
        return out;
    }

    HlOrder order(String user, long oid) {
        HlOrder o = orders.get(oid);
        return o != null && o.user.equals(user) ? o : null;
    }

    HlOrder orderByCloid(String user, String cloid) {
        return byCloid.get(cloidKey(user, cloid));
    }

    List<HlFill> fills(String user) {
        return List.copyOf(fills.getOrDefault(user, List.of()));
    }

    /** Non-zero positions of {@code user}, keyed by coin, in listing order. */
    Map<HlMarket, PerpPosition> positions(String user) {
        Map<HlMarket, PerpPosition> out = new LinkedHashMap<>();
        for (HlMarket m : markets.perps()) {
            PerpPosition p = positions.get(user + "|" + m.coin);
            if (p != null && p.size.signum() != 0) {
                out.put(m, p);
            }
        }
        return out;
    }

    /** The user's perp USDC: total (cash incl. realised PnL and fees) and what is not held. */
    Balance perpUsdc(String user) {
        for (Balance b : perpEngine.balances(user)) {
            if ("USDC".equals(b.asset())) {
                return b;
            }
        }
        return new Balance("USDC", BigDecimal.ZERO, BigDecimal.ZERO);
    }

    BigDecimal spotTotal(String user, String token) {
        return spotBalance(user, token).total();
    }

    BigDecimal spotAvailable(String user, String token) {
        return spotBalance(user, token).available();
    }

    /** One spot token's balance, with the fees charged in that token deducted. */
    Balance spotBalance(String user, String token) {
        BigDecimal debit = spotFeeDebits.getOrDefault(user + "|" + token, BigDecimal.ZERO);
        for (Balance b : spotEngine.balances(user)) {
            if (token.equals(b.asset())) {
                return new Balance(token, b.total().subtract(debit), b.available().subtract(debit));
            }
        }
        return new Balance(token, debit.negate(), debit.negate());
    }

    BigDecimal volume(String user) {
        return volume.getOrDefault(user, BigDecimal.ZERO);
    }

    boolean isAccount(String user) {
        return accounts.isAccount(user);
    }
}
