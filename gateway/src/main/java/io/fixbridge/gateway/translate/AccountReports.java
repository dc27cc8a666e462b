package io.fixbridge.gateway.translate;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Position;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.AccountType;
import quickfix.field.ClearingBusinessDate;
import quickfix.field.CollInquiryID;
import quickfix.field.CollInquiryResult;
import quickfix.field.CollInquiryStatus;
import quickfix.field.CollRptID;
import quickfix.field.CollStatus;
import quickfix.field.Currency;
import quickfix.field.LongQty;
import quickfix.field.NoPartyIDs;
import quickfix.field.NoPosAmt;
import quickfix.field.NoPositions;
import quickfix.field.PartyID;
import quickfix.field.PartyRole;
import quickfix.field.PosAmt;
import quickfix.field.PosAmtType;
import quickfix.field.PosMaintRptID;
import quickfix.field.PosReqID;
import quickfix.field.PosReqResult;
import quickfix.field.PosReqStatus;
import quickfix.field.PosReqType;
import quickfix.field.PosType;
import quickfix.field.PriorSettlPrice;
import quickfix.field.QtyType;
import quickfix.field.Quantity;
import quickfix.field.SecurityExchange;
import quickfix.field.SettlPrice;
import quickfix.field.SettlPriceType;
import quickfix.field.ShortQty;
import quickfix.field.Symbol;
import quickfix.field.TotNumReports;
import quickfix.field.TotalNumPosReports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Account data over FIX: RequestForPositions (35=AN) answered with RequestForPositionsAck (35=AO)
 * and one PositionReport (35=AP) per derivative position; CollateralInquiry (35=BB) answered with
 * CollateralInquiryAck (35=BG) and one CollateralReport (35=BA) per asset balance. The venue is
 * named by a party with PartyRole(452)=22 (exchange) or SecurityExchange(207), else the session's
 * venue. Pure builders and readers; thread-safe.
 */
public final class AccountReports {
    /** PartyRole(452) 22: exchange. */
    public static final int EXCHANGE_ROLE = 22;

    private static final AtomicLong REPORT_IDS = new AtomicLong(System.currentTimeMillis());
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private AccountReports() {
    }

    /**
     * What an account data request names.
     *
     * @param id      PosReqID(710) or CollInquiryID(909)
     * @param venue   the venue, or "" when neither the request nor the session names one
     * @param account Account(1), or "" when absent
     * @param filter  the one Symbol(55) (positions) or Currency(15) (balances) asked about, or "" for all
     */
    public record AccountQuery(String id, String venue, String account, String filter) {
    }

    /** Reads a RequestForPositions; {@code problem} is set when it asks for something not supported. */
    public record PositionsRequest(AccountQuery query, String problem) {
    }

    public static PositionsRequest positionsRequest(Message m, String defaultVenue) throws FieldNotFound {
        AccountQuery q = new AccountQuery(m.getString(PosReqID.FIELD), venue(m, defaultVenue), m.getString(Account.FIELD),
                m.isSetField(Symbol.FIELD) && !SecurityLists.ANY_SYMBOL.equals(m.getString(Symbol.FIELD)) ? m.getString(Symbol.FIELD) : "");
        int type = m.getInt(PosReqType.FIELD);
        if (type != PosReqType.POSITIONS) {
            return new PositionsRequest(q, "PosReqType(724)=" + type + " is not supported; send 0 (positions)");
        }
        if (m.isSetField(quickfix.field.SubscriptionRequestType.FIELD)
                && m.getChar(quickfix.field.SubscriptionRequestType.FIELD) != quickfix.field.SubscriptionRequestType.SNAPSHOT) {
            return new PositionsRequest(q, "SubscriptionRequestType(263)=" + m.getChar(quickfix.field.SubscriptionRequestType.FIELD)
                    + " is not supported: positions are answered once (send 0 or leave it out) and asked again when wanted");
        }
        return new PositionsRequest(q, null);
    }

    /** Reads a CollateralInquiry (a missing CollInquiryID gets one made up, so the ack can refer to it). */
    public static AccountQuery collateralInquiry(Message m, String defaultVenue, String defaultAccount) throws FieldNotFound {
        return new AccountQuery(m.isSetField(CollInquiryID.FIELD) ? m.getString(CollInquiryID.FIELD) : "BB-" + REPORT_IDS.incrementAndGet(),
                venue(m, defaultVenue), m.isSetField(Account.FIELD) ? m.getString(Account.FIELD) : defaultAccount,
                m.isSetField(Currency.FIELD) ? m.getString(Currency.FIELD) : "");
    }

    /** A RequestForPositionsAck: {@code result} PosReqResult(728), rejected unless it is 0 or 2. */
    public static Message positionsAck(AccountQuery q, int reports, int result, String text) {
        Message m = new quickfix.fix44.RequestForPositionsAck();
        m.setString(PosMaintRptID.FIELD, nextId());
        m.setString(PosReqID.FIELD, q.id());
        m.setInt(TotalNumPosReports.FIELD, reports);
        m.setInt(PosReqResult.FIELD, result);
        boolean ok = result == PosReqResult.VALID_REQUEST || result == PosReqResult.NO_POSITIONS_FOUND_THAT_MATCH_CRITERIA;
        m.setInt(PosReqStatus.FIELD, ok ? PosReqStatus.COMPLETED : PosReqStatus.REJECTED);
        account(m, q);
        FixFields.text(m, text);
        return m;
    }

    /**
     * A PositionReport: LongQty(704) or ShortQty(705) with PosType(703)=TOT, the settle asset in
     * Currency(15), the venue's reference price in SettlPrice(730) (SettlPriceType 2, theoretical:
     * crypto venues have no daily settlement), the average entry price in PriorSettlPrice(734) and
     * the realised PnL as PosAmt(708) with PosAmtType(707)=TVAR.
     */
    public static Message positionReport(AccountQuery q, int total, Position p, String settleAsset,
                                         Optional<BigDecimal> referencePrice, LocalDate businessDate) {
        Message m = new quickfix.fix44.PositionReport();
        m.setString(PosMaintRptID.FIELD, nextId());
        m.setString(PosReqID.FIELD, q.id());
        m.setInt(PosReqType.FIELD, PosReqType.POSITIONS);
        m.setInt(TotalNumPosReports.FIELD, total);
        m.setInt(PosReqResult.FIELD, PosReqResult.VALID_REQUEST);
        m.setString(ClearingBusinessDate.FIELD, DATE.format(businessDate));
        account(m, q);
        m.setString(Symbol.FIELD, p.symbol());
        m.setString(SecurityExchange.FIELD, q.venue());
        if (settleAsset != null) {
            m.setString(Currency.FIELD, settleAsset);
        }
        FixFields.decimal(m, SettlPrice.FIELD, referencePrice.orElse(p.entryPrice()));
        m.setInt(SettlPriceType.FIELD, SettlPriceType.THEORETICAL);
        FixFields.decimal(m, PriorSettlPrice.FIELD, p.entryPrice());
        Group qty = new quickfix.fix44.PositionReport.NoPositions();
        qty.setString(PosType.FIELD, PosType.TOTAL_TRANSACTION_QTY);
        FixFields.decimal(qty, LongQty.FIELD, p.quantity().signum() >= 0 ? p.quantity() : BigDecimal.ZERO);
        FixFields.decimal(qty, ShortQty.FIELD, p.quantity().signum() < 0 ? p.quantity().negate() : BigDecimal.ZERO);
        m.addGroup(qty);
        Group amount = new quickfix.fix44.PositionReport.NoPosAmt();
        amount.setString(PosAmtType.FIELD, PosAmtType.TRADE_VARIATION_AMOUNT);
        FixFields.decimal(amount, PosAmt.FIELD, p.realizedPnl());
        m.addGroup(amount);
        return m;
    }

    /** A CollateralInquiryAck: accepted with the number of reports that follow, or rejected with a result and Text. */
    public static Message collateralAck(AccountQuery q, int reports, int result, String text) {
        Message m = new quickfix.fix44.CollateralInquiryAck();
        m.setString(CollInquiryID.FIELD, q.id());
        m.setInt(CollInquiryStatus.FIELD, result == CollInquiryResult.SUCCESSFUL ? CollInquiryStatus.COMPLETED : CollInquiryStatus.REJECTED);
        m.setInt(CollInquiryResult.FIELD, result);
        m.setInt(TotNumReports.FIELD, reports);
        if (!q.account().isEmpty()) {
            m.setString(Account.FIELD, q.account());
        }
        FixFields.text(m, text);
        return m;
    }

    /**
     * A CollateralReport of one asset: Currency(15) the asset, Quantity(53) everything held
     * (QtyType 0, units), AvailableQty(20005) what new orders may use; CollStatus(910)=3 (assigned:
     * held in the account).
     */
    public static Message collateralReport(AccountQuery q, int total, Balance b) {
        Message m = new quickfix.fix44.CollateralReport();
        m.setString(CollRptID.FIELD, nextId());
        m.setString(CollInquiryID.FIELD, q.id());
        m.setInt(CollStatus.FIELD, CollStatus.ASSIGNED);
        m.setInt(TotNumReports.FIELD, total);
        m.setString(Account.FIELD, q.account());
        m.setString(Currency.FIELD, b.asset());
        FixFields.decimal(m, Quantity.FIELD, b.total());
        m.setInt(QtyType.FIELD, QtyType.UNITS);
        FixFields.decimal(m, FixTags.AVAILABLE_QTY, b.available());
        return m;
    }

    /** The UTC business date of today. */
    public static LocalDate businessDate() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static void account(Message m, AccountQuery q) {
        m.setString(Account.FIELD, q.account());
        m.setInt(AccountType.FIELD, AccountType.ACCOUNT_IS_CARRIED_ON_CUSTOMER_SIDE_OF_THE_BOOKS);
        if (!q.venue().isEmpty()) {
            Group party = new quickfix.fix44.PositionReport.NoPartyIDs();
            party.setString(PartyID.FIELD, q.venue());
            party.setString(quickfix.field.PartyIDSource.FIELD, String.valueOf(quickfix.field.PartyIDSource.PROPRIETARY_CUSTOM_CODE));
            party.setInt(PartyRole.FIELD, EXCHANGE_ROLE);
            m.addGroup(party);
        }
    }

    private static String venue(FieldMap m, String defaultVenue) throws FieldNotFound {
        for (Group g : m.getGroups(NoPartyIDs.FIELD)) {
            if (g.isSetField(PartyRole.FIELD) && g.getInt(PartyRole.FIELD) == EXCHANGE_ROLE) {
                return g.getString(PartyID.FIELD);
            }
        }
        if (m.isSetField(SecurityExchange.FIELD)) {
            return m.getString(SecurityExchange.FIELD);
        }
        return defaultVenue;
    }

    private static String nextId() {
        return Long.toString(REPORT_IDS.incrementAndGet());
    }
}
