package io.fixbridge.gateway.translate;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.TradingStatus;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.ContractMultiplier;
import quickfix.field.Currency;
import quickfix.field.LastFragment;
import quickfix.field.MaturityDate;
import quickfix.field.MinTradeVol;
import quickfix.field.NoRelatedSym;
import quickfix.field.RoundLot;
import quickfix.field.SecurityExchange;
import quickfix.field.SecurityID;
import quickfix.field.SecurityIDSource;
import quickfix.field.SecurityListRequestType;
import quickfix.field.SecurityReqID;
import quickfix.field.SecurityRequestResult;
import quickfix.field.SecurityResponseID;
import quickfix.field.SecuritySubType;
import quickfix.field.SecurityTradingStatus;
import quickfix.field.SecurityType;
import quickfix.field.Symbol;
import quickfix.field.TotNoRelatedSym;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Answers a SecurityListRequest (35=x) with SecurityList messages (35=y): every instrument of a
 * venue, of every venue, or one, each with its venue rules (tick, lot, minimum and maximum
 * quantity, minimum notional, contract details, trading status). Long lists go in fragments of
 * {@link #FRAGMENT} instruments, TotNoRelatedSym(393) on each and LastFragment(893)=Y on the last.
 * Thread-safe.
 */
public final class SecurityLists {
    /** Instruments per SecurityList message. */
    public static final int FRAGMENT = 100;
    /** The Symbol(55) that means "any instrument" when only SecurityExchange(207) matters. */
    public static final String ANY_SYMBOL = "[N/A]";

    private static final AtomicLong RESPONSE_IDS = new AtomicLong(System.currentTimeMillis());

    private SecurityLists() {
    }

    /**
     * @param request      the SecurityListRequest
     * @param venueNames   the gateway's venues, in configuration order
     * @param instruments  a venue's instruments: empty optional for an unknown venue, an empty list
     *                     for a venue not connected yet
     * @param defaultVenue the session's venue for a request without SecurityExchange(207); empty for none
     */
    public static List<Message> answer(Message request, List<String> venueNames,
                                       Function<String, Optional<List<Instrument>>> instruments,
                                       String defaultVenue) throws FieldNotFound {
        String reqId = request.getString(SecurityReqID.FIELD);
        int type = request.getInt(SecurityListRequestType.FIELD);
        if (type != SecurityListRequestType.SYMBOL && type != SecurityListRequestType.ALL_SECURITIES) {
            return List.of(result(reqId, SecurityRequestResult.INVALID_OR_UNSUPPORTED_REQUEST, "SecurityListRequestType(559)="
                    + type + " is not supported; send 0 (one Symbol(55)) or 4 (all instruments)"));
        }
        String symbol = request.isSetField(Symbol.FIELD) ? request.getString(Symbol.FIELD) : ANY_SYMBOL;
        if (type == SecurityListRequestType.SYMBOL && ANY_SYMBOL.equals(symbol)) {
            return List.of(result(reqId, SecurityRequestResult.INVALID_OR_UNSUPPORTED_REQUEST,
                    "SecurityListRequestType(559)=0 needs a Symbol(55); send 4 for all instruments"));
        }
        List<String> venues;
        if (request.isSetField(SecurityExchange.FIELD)) {
            venues = List.of(request.getString(SecurityExchange.FIELD));
        } else if (!defaultVenue.isEmpty()) {
            venues = List.of(defaultVenue);
        } else {
            venues = venueNames;
        }
        List<Listed> found = new ArrayList<>();
        for (String venue : venues) {
            Optional<List<Instrument>> listed = instruments.apply(venue);
            if (listed.isEmpty()) {
                return List.of(result(reqId, SecurityRequestResult.INVALID_OR_UNSUPPORTED_REQUEST, "SecurityExchange(207)="
                        + venue + " is not a venue of this gateway; its venues: " + venueNames));
            }
            if (listed.get().isEmpty()) {
                return List.of(result(reqId, SecurityRequestResult.INSTRUMENT_DATA_TEMPORARILY_UNAVAILABLE,
                        "venue " + venue + " is not connected yet; ask again once it is"));
            }
            for (Instrument i : listed.get()) {
                if (type == SecurityListRequestType.ALL_SECURITIES || i.symbol().equals(symbol)) {
                    found.add(new Listed(venue, i));
                }
            }
        }
        if (found.isEmpty()) {
            return List.of(result(reqId, SecurityRequestResult.NO_INSTRUMENTS_FOUND_THAT_MATCH_SELECTION_CRITERIA,
                    "no instrument " + symbol + " on " + (venues.size() == 1 ? "venue " + venues.get(0) : "venues " + venues)
                            + "; symbols are unified: BTC/USDT spot, BTC/USDT:USDT linear perpetual, BTC/USD:BTC inverse"));
        }
        List<Message> out = new ArrayList<>();
        for (int from = 0; from < found.size(); from += FRAGMENT) {
            Message m = result(reqId, SecurityRequestResult.VALID_REQUEST, null);
            m.setInt(TotNoRelatedSym.FIELD, found.size());
            int to = Math.min(found.size(), from + FRAGMENT);
            m.setBoolean(LastFragment.FIELD, to == found.size());
            for (Listed l : found.subList(from, to)) {
                m.addGroup(entry(l.venue, l.instrument));
            }
            out.add(m);
        }
        return out;
    }

    private static Group entry(String venue, Instrument i) {
        Group g = new quickfix.fix44.SecurityList.NoRelatedSym();
        g.setString(Symbol.FIELD, i.symbol());
        g.setString(SecurityID.FIELD, i.venueSymbol());
        g.setString(SecurityIDSource.FIELD, SecurityIDSource.EXCHANGE_SYMBOL);
        g.setString(SecurityType.FIELD, i.marketType().isDerivative() ? SecurityType.FUTURE : SecurityType.FOREIGN_EXCHANGE_CONTRACT);
        g.setString(SecuritySubType.FIELD, i.marketType().name());
        maturity(i.symbol(), i.marketType()).ifPresent(d -> g.setString(MaturityDate.FIELD, d));
        if (i.marketType().isDerivative()) {
            FixFields.decimal(g, ContractMultiplier.FIELD, i.contractSize());
        }
        g.setString(SecurityExchange.FIELD, venue);
        g.setString(Currency.FIELD, i.quoteAsset());
        FixFields.decimal(g, RoundLot.FIELD, i.lotSize());
        FixFields.decimal(g, MinTradeVol.FIELD, i.minQuantity());
        FixFields.decimal(g, FixTags.MAX_TRADE_VOL, i.maxQuantity());
        FixFields.decimal(g, FixTags.MIN_PRICE_INCREMENT, i.tickSize());
        if (i.minNotional().signum() > 0) {
            FixFields.decimal(g, FixTags.MIN_NOTIONAL, i.minNotional());
        }
        if (i.marketType().isDerivative()) {
            g.setString(FixTags.SETTL_ASSET, i.settleAsset());
        }
        if (i.significantFigures() > 0) {
            g.setInt(FixTags.PRICE_SIGNIFICANT_FIGURES, i.significantFigures());
        }
        g.setInt(SecurityTradingStatus.FIELD, tradingStatus(i.status()));
        return g;
    }

    /** SecurityTradingStatus(326): 17 ready to trade, 2 trading halt, 18 not available for trading. */
    static int tradingStatus(TradingStatus status) {
        return switch (status) {
            case TRADING -> SecurityTradingStatus.READY_TO_TRADE;
            case HALTED -> SecurityTradingStatus.TRADING_HALT;
            case DELISTED -> SecurityTradingStatus.NOT_AVAILABLE_FOR_TRADING;
        };
    }

    /** A dated future's expiry from its unified symbol ({@code BTC/USDT:USDT-261225} -> 20261225). */
    static Optional<String> maturity(String symbol, MarketType type) {
        if (type != MarketType.LINEAR_FUTURE && type != MarketType.INVERSE_FUTURE) {
            return Optional.empty();
        }
        int dash = symbol.lastIndexOf('-');
        String yymmdd = dash < 0 ? "" : symbol.substring(dash + 1);
        return yymmdd.matches("\\d{6}") ? Optional.of("20" + yymmdd) : Optional.empty();
    }

    private static Message result(String reqId, int result, String text) {
        Message m = new quickfix.fix44.SecurityList();
        m.setString(SecurityReqID.FIELD, reqId);
        m.setString(SecurityResponseID.FIELD, Long.toString(RESPONSE_IDS.incrementAndGet()));
        m.setInt(SecurityRequestResult.FIELD, result);
        FixFields.text(m, text);
        return m;
    }

    private record Listed(String venue, Instrument instrument) {
    }
}
