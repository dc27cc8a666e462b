package io.fixbridge.gateway.fix;

import quickfix.Group;
import quickfix.Message;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;

/** Reference, market and account data requests as an OMS sends them, for the gateway's tests. */
public final class DataRequests {
    private DataRequests() {
    }

    /**
     * A MarketDataRequest.
     *
     * @param type       263: '0' snapshot, '1' subscribe, '2' unsubscribe
     * @param updateType 265, or null to leave it out
     * @param entryTypes 269 values, e.g. "012"
     * @param venue      207 on every symbol, or null to leave it out
     */
    public static Message marketData(String mdReqId, char type, int depth, Integer updateType, String entryTypes, String venue,
                              String... symbols) {
        Message m = new quickfix.fix44.MarketDataRequest();
        m.setString(262, mdReqId);
        m.setChar(263, type);
        m.setInt(264, depth);
        if (updateType != null) {
            m.setInt(265, updateType);
        }
        for (char t : entryTypes.toCharArray()) {
            Group g = new quickfix.fix44.MarketDataRequest.NoMDEntryTypes();
            g.setChar(269, t);
            m.addGroup(g);
        }
        for (String symbol : symbols) {
            Group g = new quickfix.fix44.MarketDataRequest.NoRelatedSym();
            g.setString(55, symbol);
            if (venue != null) {
                g.setString(207, venue);
            }
            m.addGroup(g);
        }
        return m;
    }

    /** Subscribes to book and trades, incremental updates. */
    public static Message subscribe(String mdReqId, int depth, String venue, String... symbols) {
        return marketData(mdReqId, '1', depth, 1, "012", venue, symbols);
    }

    /** A snapshot of book and trades. */
    public static Message snapshot(String mdReqId, int depth, String venue, String... symbols) {
        return marketData(mdReqId, '0', depth, null, "012", venue, symbols);
    }

    /** Ends a subscription. */
    public static Message unsubscribe(String mdReqId) {
        Message m = marketData(mdReqId, '2', 0, null, "0", null, "BTC/USDT");
        return m;
    }

    /** A SecurityListRequest: type 559 ('0' symbol, '4' all), symbol and venue optional. */
    public static Message securityList(String reqId, int type, String symbol, String venue) {
        Message m = new quickfix.fix44.SecurityListRequest();
        m.setString(320, reqId);
        m.setInt(559, type);
        if (symbol != null || venue != null) {
            m.setString(55, symbol == null ? "[N/A]" : symbol);
        }
        if (venue != null) {
            m.setString(207, venue);
        }
        return m;
    }

    /** A RequestForPositions of an account on a venue (exchange party). */
    public static Message positions(String reqId, String account, String venue) {
        Message m = new quickfix.fix44.RequestForPositions();
        m.setString(710, reqId);
        m.setInt(724, 0);
        m.setString(1, account);
        m.setInt(581, 1);
        m.setString(715, LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE));
        m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
        if (venue != null) {
            Group party = new quickfix.fix44.RequestForPositions.NoPartyIDs();
            party.setString(448, venue);
            party.setChar(447, 'D');
            party.setInt(452, 22);
            m.addGroup(party);
        }
        return m;
    }

    /** A CollateralInquiry of an account on a venue (exchange party). */
    public static Message balances(String inquiryId, String account, String venue) {
        Message m = new quickfix.fix44.CollateralInquiry();
        m.setString(909, inquiryId);
        if (account != null) {
            m.setString(1, account);
        }
        if (venue != null) {
            Group party = new quickfix.fix44.CollateralInquiry.NoPartyIDs();
            party.setString(448, venue);
            party.setChar(447, 'D');
            party.setInt(452, 22);
            m.addGroup(party);
        }
        return m;
    }

    /** A message of type {@code msgType} whose {@code tag} is {@code value}. */
    public static Predicate<Message> with(String msgType, int tag, String value) {
        return m -> {
            try {
                return msgType.equals(m.getHeader().getString(35)) && m.isSetField(tag) && value.equals(m.getString(tag));
            } catch (quickfix.FieldNotFound e) {
                return false;
            }
        };
    }
}
