package io.fixbridge.gateway.translate;

import io.fixbridge.gateway.marketdata.MdReject;
import io.fixbridge.gateway.marketdata.MdRequest;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.AggregatedBook;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDUpdateType;
import quickfix.field.MarketDepth;
import quickfix.field.NoMDEntryTypes;
import quickfix.field.NoRelatedSym;
import quickfix.field.NoTradingSessions;
import quickfix.field.OpenCloseSettlFlag;
import quickfix.field.Scope;
import quickfix.field.SecurityExchange;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a MarketDataRequest (35=V) into an {@link MdRequest}, or says why it cannot be served as
 * an {@link MdReject}: every value the gateway does not publish is refused with its
 * MDReqRejReason(281), never quietly replaced. Pure: no I/O, thread-safe.
 */
public final class MarketDataRequests {
    private MarketDataRequests() {
    }

    /** A request read, or the reason it is refused; exactly one is set. */
    public record Parsed(MdRequest request, MdReject reject) {
        static Parsed ok(MdRequest request) {
            return new Parsed(request, null);
        }

        static Parsed refused(String mdReqId, char reason, String text) {
            return new Parsed(null, new MdReject(mdReqId, reason, text));
        }
    }

    /**
     * @param message      the MarketDataRequest (the session's dictionary has checked its required fields)
     * @param defaultVenue the session's venue for instruments without SecurityExchange(207); empty for none
     */
    public static Parsed parse(Message message, String defaultVenue) throws FieldNotFound {
        String id = message.getString(MDReqID.FIELD);
        char type = message.getChar(SubscriptionRequestType.FIELD);
        MdRequest.Kind kind = switch (type) {
            case SubscriptionRequestType.SNAPSHOT -> MdRequest.Kind.SNAPSHOT;
            case SubscriptionRequestType.SNAPSHOT_UPDATES -> MdRequest.Kind.SUBSCRIBE;
            case SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST -> MdRequest.Kind.UNSUBSCRIBE;
            default -> null;
        };
        if (kind == null) {
            return Parsed.refused(id, MdReject.UNSUPPORTED_SUBSCRIPTION_REQUEST_TYPE, "SubscriptionRequestType(263)="
                    + type + " is not supported; send 0 (snapshot), 1 (snapshot and updates) or 2 (unsubscribe)");
        }
        if (kind == MdRequest.Kind.UNSUBSCRIBE) {
            return Parsed.ok(new MdRequest(id, kind, 0, false, Set.of(), List.of()));
        }
        int depth = message.getInt(MarketDepth.FIELD);
        if (depth < 0) {
            return Parsed.refused(id, MdReject.UNSUPPORTED_MARKET_DEPTH, "MarketDepth(264)=" + depth
                    + " is not supported; send 0 (every level the venue publishes), 1 (top of book) or N levels");
        }
        boolean fullRefresh = false;
        if (message.isSetField(MDUpdateType.FIELD)) {
            int updateType = message.getInt(MDUpdateType.FIELD);
            if (updateType != MDUpdateType.FULL_REFRESH && updateType != MDUpdateType.INCREMENTAL_REFRESH) {
                return Parsed.refused(id, MdReject.UNSUPPORTED_MD_UPDATE_TYPE, "MDUpdateType(265)=" + updateType
                        + " is not supported; send 0 (full refresh) or 1 (incremental refresh)");
            }
            fullRefresh = updateType == MDUpdateType.FULL_REFRESH;
        } else if (kind == MdRequest.Kind.SUBSCRIBE) {
            return Parsed.refused(id, MdReject.UNSUPPORTED_MD_UPDATE_TYPE,
                    "MDUpdateType(265) is required with SubscriptionRequestType(263)=1; send 0 (full refresh) or 1 (incremental refresh)");
        }
        if (message.isSetField(AggregatedBook.FIELD) && !message.getBoolean(AggregatedBook.FIELD)) {
            return Parsed.refused(id, MdReject.UNSUPPORTED_AGGREGATED_BOOK,
                    "AggregatedBook(266)=N is not supported: the venues publish books by price level only; send Y or leave it out");
        }
        if (message.isSetField(Scope.FIELD)) {
            return Parsed.refused(id, MdReject.UNSUPPORTED_SCOPE, "Scope(546) is not supported: each venue is one market; leave it out");
        }
        if (message.isSetField(OpenCloseSettlFlag.FIELD)) {
            return Parsed.refused(id, MdReject.UNSUPPORTED_OPEN_CLOSE_SETTLE_FLAG,
                    "OpenCloseSettlFlag(286) is not supported: no opening, closing or settlement prices are published; leave it out");
        }
        if (message.hasGroup(NoTradingSessions.FIELD)) {
            return Parsed.refused(id, MdReject.UNSUPPORTED_TRADING_SESSION_ID,
                    "TradingSessionID(336) is not supported: crypto venues trade in one continuous session; leave the NoTradingSessions group out");
        }
        Set<MdRequest.EntryType> types = EnumSet.noneOf(MdRequest.EntryType.class);
        for (Group g : message.getGroups(NoMDEntryTypes.FIELD)) {
            char t = g.getChar(MDEntryType.FIELD);
            MdRequest.EntryType entry = switch (t) {
                case MDEntryType.BID -> MdRequest.EntryType.BID;
                case MDEntryType.OFFER -> MdRequest.EntryType.OFFER;
                case MDEntryType.TRADE -> MdRequest.EntryType.TRADE;
                default -> null;
            };
            if (entry == null) {
                return Parsed.refused(id, MdReject.UNSUPPORTED_MD_ENTRY_TYPE, "MDEntryType(269)=" + t
                        + " is not supported; send 0 (bid), 1 (offer) and/or 2 (trade)");
            }
            types.add(entry);
        }
        if (types.isEmpty()) {
            return Parsed.refused(id, MdReject.UNSUPPORTED_MD_ENTRY_TYPE,
                    "NoMDEntryTypes(267) is empty; ask for 0 (bid), 1 (offer) and/or 2 (trade)");
        }
        List<MdRequest.MdInstrument> instruments = new ArrayList<>();
        for (Group g : message.getGroups(NoRelatedSym.FIELD)) {
            String symbol = g.getString(Symbol.FIELD);
            String venue = g.isSetField(SecurityExchange.FIELD) ? g.getString(SecurityExchange.FIELD) : defaultVenue;
            if (venue.isEmpty()) {
                return Parsed.refused(id, MdReject.UNKNOWN_SYMBOL, "Symbol(55)=" + symbol
                        + " has no SecurityExchange(207) and this session has no default venue; name the venue in SecurityExchange(207)");
            }
            instruments.add(new MdRequest.MdInstrument(venue, symbol));
        }
        if (instruments.isEmpty()) {
            return Parsed.refused(id, MdReject.UNKNOWN_SYMBOL, "NoRelatedSym(146) is empty; name at least one Symbol(55)");
        }
        return Parsed.ok(new MdRequest(id, kind, depth, fullRefresh, types, instruments));
    }
}
