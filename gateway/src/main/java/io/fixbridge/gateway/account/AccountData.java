package io.fixbridge.gateway.account;

import io.fixbridge.gateway.marketdata.MarketDataHub;
import io.fixbridge.gateway.translate.AccountReports;
import io.fixbridge.gateway.translate.AccountReports.AccountQuery;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.SessionID;
import quickfix.field.CollInquiryResult;
import quickfix.field.PosReqResult;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Answers positions and balance requests by asking the venue (never from a cache: what the venue
 * says now is what a desk reconciles against). An unknown venue or account is refused with the
 * FIX result code and a Text; a venue that fails to answer gets result 99 (other) with its reason.
 *
 * <p><b>Threading:</b> the request methods return at once; the answer is sent from the adapter's
 * callback thread when the venue answers. Thread-safe.
 */
public final class AccountData {
    private static final Logger LOG = LoggerFactory.getLogger(AccountData.class);

    /** Where a venue's adapter and accounts are found. */
    public interface Venues {
        /** The adapter of a venue, empty for an unknown venue. */
        Optional<VenueAdapter> adapter(String venue);

        /** The accounts gateway.yaml gives a venue. */
        Set<String> accounts(String venue);

        /** The gateway's venue names. */
        List<String> names();
    }

    private final Venues venues;
    private final MarketDataHub.Sender sender;

    public AccountData(Venues venues, MarketDataHub.Sender sender) {
        this.venues = venues;
        this.sender = sender;
    }

    /** RequestForPositions: AO, then one AP per position. */
    public void positions(SessionID session, AccountReports.PositionsRequest request) {
        AccountQuery q = request.query();
        if (request.problem() != null) {
            sender.send(session, AccountReports.positionsAck(q, 0, PosReqResult.REQUEST_FOR_POSITION_NOT_SUPPORTED, request.problem()));
            return;
        }
        Optional<String> invalid = invalid(q, "Account(1)");
        if (invalid.isPresent()) {
            sender.send(session, AccountReports.positionsAck(q, 0, PosReqResult.INVALID_OR_UNSUPPORTED_REQUEST, invalid.get()));
            return;
        }
        VenueAdapter adapter = venues.adapter(q.venue()).orElseThrow();
        adapter.positions(q.account()).whenComplete((positions, failure) -> {
            if (failure != null) {
                sender.send(session, AccountReports.positionsAck(q, 0, PosReqResult.OTHER, failed(q, "positions", failure)));
                return;
            }
            List<Position> matching = positions.stream()
                    .filter(p -> p.quantity().signum() != 0)
                    .filter(p -> q.filter().isEmpty() || p.symbol().equals(q.filter())).toList();
            if (matching.isEmpty()) {
                sender.send(session, AccountReports.positionsAck(q, 0, PosReqResult.NO_POSITIONS_FOUND_THAT_MATCH_CRITERIA,
                        "account " + q.account() + " on venue " + q.venue() + " holds no position"
                                + (q.filter().isEmpty() ? "" : " in " + q.filter())));
                return;
            }
            sender.send(session, AccountReports.positionsAck(q, matching.size(), PosReqResult.VALID_REQUEST, null));
            LocalDate date = AccountReports.businessDate();
            for (Position p : matching) {
                String settle = adapter.instruments().stream().filter(i -> i.symbol().equals(p.symbol()))
                        .map(Instrument::settleAsset).findFirst().orElse(null);
                sender.send(session, AccountReports.positionReport(q, matching.size(), p, settle,
                        adapter.referencePrice(p.symbol()).map(ReferencePrice::price), date));
            }
        });
    }

    /** CollateralInquiry: BG, then one BA per asset. */
    public void balances(SessionID session, AccountQuery q) {
        Optional<String> invalid = invalid(q, "Account(1)");
        if (invalid.isPresent()) {
            sender.send(session, AccountReports.collateralAck(q, 0, CollInquiryResult.INVALID_PARTIES, invalid.get()));
            return;
        }
        CompletableFuture<List<Balance>> answer = venues.adapter(q.venue()).orElseThrow().balances(q.account());
        answer.whenComplete((balances, failure) -> {
            if (failure != null) {
                sender.send(session, AccountReports.collateralAck(q, 0, CollInquiryResult.OTHER, failed(q, "balances", failure)));
                return;
            }
            List<Balance> matching = balances.stream().filter(b -> q.filter().isEmpty() || b.asset().equals(q.filter())).toList();
            sender.send(session, AccountReports.collateralAck(q, matching.size(), CollInquiryResult.SUCCESSFUL,
                    matching.isEmpty() ? "account " + q.account() + " on venue " + q.venue() + " holds no "
                            + (q.filter().isEmpty() ? "asset" : q.filter()) : null));
            for (Balance b : matching) {
                sender.send(session, AccountReports.collateralReport(q, matching.size(), b));
            }
        });
    }

    private Optional<String> invalid(AccountQuery q, String accountTag) {
        if (q.venue().isEmpty()) {
            return Optional.of("name the venue: a party with PartyRole(452)=22 and PartyID(448)=<venue>, or SecurityExchange(207); venues: "
                    + venues.names());
        }
        if (venues.adapter(q.venue()).isEmpty()) {
            return Optional.of("venue " + q.venue() + " is not a venue of this gateway; its venues: " + venues.names());
        }
        if (!venues.accounts(q.venue()).contains(q.account())) {
            return Optional.of(accountTag + "=" + q.account() + " is not an account of venue " + q.venue() + "; its accounts: "
                    + venues.accounts(q.venue()).stream().sorted().toList());
        }
        return Optional.empty();
    }

    private static String failed(AccountQuery q, String what, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String reason = cause instanceof VenueException ve ? ve.error().message() : cause.toString();
        LOG.warn("account data: venue {} did not give the {} of account {}: {}", q.venue(), what, q.account(), reason);
        return "venue " + q.venue() + " did not give the " + what + " of account " + q.account() + ": " + reason;
    }
}
