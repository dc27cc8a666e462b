package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Every ccxt error class mapped, in this one place, to what it means for a request: REJECTED with an
 * {@link RejectReason}, RETRYABLE or OUTCOME_UNKNOWN, and what else the adapter must do about it
 * ({@link Consequence}). The error's class chain ({@code classes}, most specific first) is walked and the
 * first class with a rule decides, so an exchange-specific subclass ccxt adds later still lands on its
 * parent's rule. The hierarchy is ccxt 4.5's (js/src/base/errorHierarchy.js):
 *
 * <pre>
 * BaseError
 *   ExchangeError
 *     AuthenticationError (PermissionDenied (AccountNotEnabled), AccountSuspended)
 *     ArgumentsRequired, BadRequest (BadSymbol), InsufficientFunds, InvalidAddress (AddressPending)
 *     OperationRejected (NoChange (MarginModeAlreadySet), MarketClosed, ManualInteractionNeeded, RestrictedLocation)
 *     InvalidOrder (OrderNotFound, OrderNotCached, OrderImmediatelyFillable, OrderNotFillable, DuplicateOrderId,
 *                   ContractUnavailable)
 *     NotSupported, InvalidProxySettings, ExchangeClosedByUser
 *   OperationFailed
 *     NetworkError (DDoSProtection, RateLimitExceeded, ExchangeNotAvailable (OnMaintenance),
 *                   InvalidNonce (ChecksumError), RequestTimeout)
 *     BadResponse (NullResponse), CancelPending
 *   UnsubscribeError
 * </pre>
 *
 * A bare {@code ExchangeError} (no more specific class) is ccxt's catch-all for codes it does not map, some
 * of them ambiguous ("system error, try again"): for an order change it is OUTCOME_UNKNOWN, never a reject
 * (only definitive evidence rejects); for a read it stays a reject (OTHER).
 *
 * <p>Which outcome a transient failure has depends on the call: an order-changing call (create, edit,
 * cancel) that may have reached the exchange is OUTCOME_UNKNOWN (settled by a query by client order id,
 * never by resending); a read is RETRYABLE. Stateless and thread-safe.
 */
public final class CcxtErrors {

    /** How long new requests pause after a rate-limit answer (ccxt's errors carry no Retry-After). */
    public static final Duration BACK_OFF = Duration.ofSeconds(1);

    /** What kind of call failed. */
    public enum Call {
        /** createOrder, editOrder, cancelOrder: may change an order at the exchange. */
        ORDER_CHANGE,
        /** Everything else: nothing changes at the exchange. */
        READ
    }

    /** What the adapter must do besides failing the request. */
    public enum Consequence {
        NONE,
        /** The exchange is down (maintenance, not available): refuse new orders for a while. */
        VENUE_DOWN,
        /** The exchange refused the account's credentials or permissions: ERROR alert, account down. */
        ACCOUNT_DOWN,
        /** Rate limited: pause new requests for {@link #BACK_OFF}. */
        BACK_OFF,
        /** The client order id is taken: settle by a query by client order id (it may be this very order). */
        SETTLE_BY_QUERY,
        /** The sidecar refused the request itself (a defect, not the exchange): ERROR log. */
        DEFECT
    }

    /**
     * A classified error.
     *
     * @param error       what the request's future fails with
     * @param consequence what else to do
     * @param ccxtClass   the class whose rule decided
     */
    public record Classified(VenueError error, Consequence consequence, String ccxtClass) {
        public Classified {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(consequence, "consequence");
        }
    }

    /**
     * REJECT: definitive; RETRY: nothing took effect; TRANSIENT: may have taken effect for an order change;
     * AMBIGUOUS: ccxt's catch-all (a bare ExchangeError: an unmapped or ambiguous exchange code, e.g. Bybit 10016
     * "System error. Please try again later."): a reject for a read, OUTCOME_UNKNOWN for an order change.
     */
    private enum Kind { REJECT, RETRY, TRANSIENT, AMBIGUOUS }

    private record Rule(Kind kind, RejectReason reason, Consequence consequence) {
        static Rule reject(RejectReason reason) {
            return new Rule(Kind.REJECT, reason, Consequence.NONE);
        }

        static Rule reject(RejectReason reason, Consequence c) {
            return new Rule(Kind.REJECT, reason, c);
        }

        static Rule retry(Consequence c) {
            return new Rule(Kind.RETRY, null, c);
        }

        static Rule transientFailure(Consequence c) {
            return new Rule(Kind.TRANSIENT, null, c);
        }
    }

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("InsufficientFunds", Rule.reject(RejectReason.INSUFFICIENT_FUNDS)),
            Map.entry("OrderImmediatelyFillable", Rule.reject(RejectReason.WOULD_TAKE_LIQUIDITY)),
            Map.entry("DuplicateOrderId", Rule.reject(RejectReason.DUPLICATE_ORDER, Consequence.SETTLE_BY_QUERY)),
            Map.entry("OrderNotFound", Rule.reject(RejectReason.UNKNOWN_ORDER)),
            Map.entry("OrderNotCached", Rule.reject(RejectReason.UNKNOWN_ORDER)),
            Map.entry("OrderNotFillable", Rule.reject(RejectReason.OTHER)),
            Map.entry("ContractUnavailable", Rule.reject(RejectReason.VENUE_CLOSED)),
            Map.entry("InvalidOrder", Rule.reject(RejectReason.OTHER)),
            Map.entry("BadSymbol", Rule.reject(RejectReason.UNKNOWN_SYMBOL)),
            Map.entry("MarketClosed", Rule.reject(RejectReason.VENUE_CLOSED)),
            Map.entry("AccountNotEnabled", Rule.reject(RejectReason.OTHER, Consequence.ACCOUNT_DOWN)),
            Map.entry("PermissionDenied", Rule.reject(RejectReason.OTHER, Consequence.ACCOUNT_DOWN)),
            Map.entry("AccountSuspended", Rule.reject(RejectReason.OTHER, Consequence.ACCOUNT_DOWN)),
            Map.entry("AuthenticationError", Rule.reject(RejectReason.OTHER, Consequence.ACCOUNT_DOWN)),
            Map.entry("NotSupported", Rule.reject(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC)),
            Map.entry("ArgumentsRequired", Rule.reject(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC)),
            Map.entry("BadRequest", Rule.reject(RejectReason.OTHER)),
            Map.entry("OperationRejected", Rule.reject(RejectReason.OTHER)),
            Map.entry("InvalidAddress", Rule.reject(RejectReason.OTHER)),
            Map.entry("InvalidProxySettings", Rule.reject(RejectReason.OTHER)),
            Map.entry("ExchangeClosedByUser", Rule.reject(RejectReason.VENUE_CLOSED)),
            Map.entry("ExchangeError", new Rule(Kind.AMBIGUOUS, RejectReason.OTHER, Consequence.NONE)),
            Map.entry("RateLimitExceeded", Rule.retry(Consequence.BACK_OFF)),
            Map.entry("DDoSProtection", Rule.retry(Consequence.BACK_OFF)),
            Map.entry("InvalidNonce", Rule.retry(Consequence.NONE)),
            Map.entry("OnMaintenance", Rule.transientFailure(Consequence.VENUE_DOWN)),
            Map.entry("ExchangeNotAvailable", Rule.transientFailure(Consequence.VENUE_DOWN)),
            Map.entry("RequestTimeout", Rule.transientFailure(Consequence.NONE)),
            Map.entry("NetworkError", Rule.transientFailure(Consequence.NONE)),
            Map.entry("BadResponse", Rule.transientFailure(Consequence.NONE)),
            Map.entry("CancelPending", Rule.transientFailure(Consequence.NONE)),
            Map.entry("OperationFailed", Rule.transientFailure(Consequence.NONE)),
            Map.entry("BaseError", Rule.transientFailure(Consequence.NONE)),
            Map.entry("ProtocolError", Rule.reject(RejectReason.OTHER, Consequence.DEFECT)));

    private CcxtErrors() {
    }

    /** The meaning of an error the sidecar answered a {@code call} with. */
    public static Classified classify(BridgeError e, Call call) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(call, "call");
        for (String cls : e.classes()) {
            Rule r = RULES.get(cls);
            if (r != null) {
                return new Classified(error(r, e, call), r.consequence(), cls);
            }
        }
        // not a ccxt error (TypeError, ...): thrown inside ccxt or the sidecar, maybe after the request left
        return new Classified(error(Rule.transientFailure(Consequence.NONE), e, call), Consequence.NONE, e.className());
    }

    /** The meaning of a request that got no answer from the sidecar. */
    public static Classified noAnswer(BridgeException.NoAnswer e, Call call) {
        VenueError err = e.written() && call == Call.ORDER_CHANGE
                ? VenueError.outcomeUnknown(null, "the CCXT sidecar gave no answer (" + e.getMessage()
                        + "); the order's state is settled by a query")
                : VenueError.retryable(null, "the CCXT sidecar " + (e.written() ? "gave no answer" : "was not reached")
                        + " (" + e.getMessage() + "); nothing was changed", null);
        return new Classified(err, Consequence.NONE, null);
    }

    /** The meaning of any failure of a sidecar request. */
    public static Classified classify(Throwable t, Call call) {
        if (t instanceof BridgeException.Answered a) {
            return classify(a.error(), call);
        }
        if (t instanceof BridgeException.NoAnswer n) {
            return noAnswer(n, call);
        }
        throw new IllegalArgumentException("not a sidecar failure: " + t, t);
    }

    private static VenueError error(Rule r, BridgeError e, String text, Call call) {
        return switch (r.kind()) {
            case REJECT -> VenueError.rejected(r.reason(), e.code(), text);
            case RETRY -> VenueError.retryable(e.code(), text,
                    r.consequence() == Consequence.BACK_OFF ? BACK_OFF : null);
            case TRANSIENT -> call == Call.ORDER_CHANGE ? VenueError.outcomeUnknown(e.code(), text
                    + " (the outcome is settled by a query)") : VenueError.retryable(e.code(), text, null);
            case AMBIGUOUS -> call == Call.ORDER_CHANGE ? VenueError.outcomeUnknown(e.code(), text
                    + " (ccxt's catch-all class: not proof of a refusal; the outcome is settled by a query)")
                    : VenueError.rejected(r.reason(), e.code(), text);
        };
    }

    private static VenueError error(Rule r, BridgeError e, Call call) {
        return error(r, e, e.className() + ": " + e.message(), call);
    }
}
