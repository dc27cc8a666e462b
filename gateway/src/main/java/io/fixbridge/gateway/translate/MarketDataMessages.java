package io.fixbridge.gateway.translate;

import io.fixbridge.gateway.marketdata.BookDiff;
import io.fixbridge.gateway.marketdata.MdReject;
import io.fixbridge.gateway.marketdata.MdRequest;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.PriceLevel;
import io.fixbridge.venue.Side;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.MDEntryDate;
import quickfix.field.MDEntryID;
import quickfix.field.MDEntryPositionNo;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryTime;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateAction;
import quickfix.field.NoMDEntries;
import quickfix.field.SecurityExchange;
import quickfix.field.Symbol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Builds the market data messages: MarketDataSnapshotFullRefresh (35=W), MarketDataIncrementalRefresh
 * (35=X) and MarketDataRequestReject (35=Y). Book entries carry MDEntryPx(270) and MDEntrySize(271)
 * by price level; trades add MDEntryID(278) = the venue's trade id and AggressorSide(2446). Every
 * message names its instrument by Symbol(55) and SecurityExchange(207) = the venue. Pure.
 */
public final class MarketDataMessages {
    private MarketDataMessages() {
    }

    /**
     * A full refresh of one instrument: its bids and offers (each with MDEntryPositionNo(290), 1 =
     * best) and its last trade where trades were asked for and one is known.
     */
    public static Message snapshot(String mdReqId, String venue, String symbol, List<PriceLevel> bids,
                                   List<PriceLevel> asks, MarketTrade lastTrade, Set<MdRequest.EntryType> types) {
        Message m = new quickfix.fix44.MarketDataSnapshotFullRefresh();
        m.setString(MDReqID.FIELD, mdReqId);
        m.setString(Symbol.FIELD, symbol);
        m.setString(SecurityExchange.FIELD, venue);
        if (types.contains(MdRequest.EntryType.BID)) {
            levels(m, MDEntryType.BID, bids);
        }
        if (types.contains(MdRequest.EntryType.OFFER)) {
            levels(m, MDEntryType.OFFER, asks);
        }
        if (types.contains(MdRequest.EntryType.TRADE) && lastTrade != null) {
            Group g = new quickfix.fix44.MarketDataSnapshotFullRefresh.NoMDEntries();
            trade(g, lastTrade);
            m.addGroup(g);
        }
        if (!m.hasGroup(NoMDEntries.FIELD)) {
            m.setInt(NoMDEntries.FIELD, 0);
        }
        return m;
    }

    /** An incremental refresh of one instrument's book levels. */
    public static Message levelChanges(String mdReqId, String venue, String symbol, List<BookDiff.Change> changes) {
        Message m = new quickfix.fix44.MarketDataIncrementalRefresh();
        m.setString(MDReqID.FIELD, mdReqId);
        for (BookDiff.Change c : changes) {
            Group g = new quickfix.fix44.MarketDataIncrementalRefresh.NoMDEntries();
            g.setChar(MDUpdateAction.FIELD, c.action().fix());
            g.setChar(MDEntryType.FIELD, c.type().fix());
            g.setString(Symbol.FIELD, symbol);
            g.setString(SecurityExchange.FIELD, venue);
            FixFields.decimal(g, MDEntryPx.FIELD, c.price());
            FixFields.decimal(g, MDEntrySize.FIELD, c.size());
            m.addGroup(g);
        }
        return m;
    }

    /** An incremental refresh with one new trade. */
    public static Message trade(String mdReqId, String venue, MarketTrade trade) {
        Message m = new quickfix.fix44.MarketDataIncrementalRefresh();
        m.setString(MDReqID.FIELD, mdReqId);
        Group g = new quickfix.fix44.MarketDataIncrementalRefresh.NoMDEntries();
        g.setChar(MDUpdateAction.FIELD, MDUpdateAction.NEW);
        g.setString(Symbol.FIELD, trade.symbol());
        g.setString(SecurityExchange.FIELD, venue);
        trade(g, trade);
        m.addGroup(g);
        return m;
    }

    /** A MarketDataRequestReject. */
    public static Message reject(MdReject reject) {
        Message m = new quickfix.fix44.MarketDataRequestReject();
        m.setString(MDReqID.FIELD, reject.mdReqId());
        if (reject.reason() != MdReject.NONE) {
            m.setChar(MDReqRejReason.FIELD, reject.reason());
        }
        FixFields.text(m, reject.text());
        return m;
    }

    private static void levels(Message m, char type, List<PriceLevel> levels) {
        int position = 1;
        for (PriceLevel level : levels) {
            Group g = new quickfix.fix44.MarketDataSnapshotFullRefresh.NoMDEntries();
            g.setChar(MDEntryType.FIELD, type);
            FixFields.decimal(g, MDEntryPx.FIELD, level.price());
            FixFields.decimal(g, MDEntrySize.FIELD, level.size());
            g.setInt(MDEntryPositionNo.FIELD, position++);
            m.addGroup(g);
        }
    }

    private static void trade(Group g, MarketTrade trade) {
        g.setChar(MDEntryType.FIELD, MDEntryType.TRADE);
        g.setString(MDEntryID.FIELD, trade.tradeId());
        FixFields.decimal(g, MDEntryPx.FIELD, trade.price());
        FixFields.decimal(g, MDEntrySize.FIELD, trade.quantity());
        time(g, trade.time());
        if (trade.aggressor() != null) {
            g.setChar(FixTags.AGGRESSOR_SIDE, trade.aggressor() == Side.BUY ? '1' : '2');
        }
    }

    private static void time(Group g, Instant time) {
        g.setUtcDateOnly(MDEntryDate.FIELD, LocalDate.ofInstant(time, ZoneOffset.UTC));
        g.setUtcTimeOnly(MDEntryTime.FIELD, LocalTime.ofInstant(time, ZoneOffset.UTC), true);
    }
}
