package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.ccxt.CcxtErrors.Call;
import io.fixbridge.venue.ccxt.CcxtErrors.Classified;
import io.fixbridge.venue.ccxt.CcxtErrors.Consequence;
import io.fixbridge.venue.kit.json.VenueJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ccxt error classes mapped by {@link CcxtErrors}: the class chains are ccxt 4.5's real hierarchy
 * (errorHierarchy.js, walked from our fixtures and from the shared reference dump), the answers are whole
 * sidecar lines captured against the simulators.
 */
class CcxtErrorsTest {

    /** ccxt's hierarchy as a chain per class, most specific first, from the shared reference dump. */
    private static Map<String, List<String>> hierarchy() throws Exception {
        File f = new File("/work/shared/venue-reference/ccxt/error_hierarchy_and_exchange_mappings.json");
        JsonNode root = f.isFile() ? VenueJson.mapper().readTree(f).get("errorHierarchy")
                : VenueJson.mapper().readTree(HIERARCHY);
        Map<String, List<String>> out = new java.util.HashMap<>();
        walk(root, new ArrayList<>(), out);
        return out;
    }

    /** The same hierarchy, for machines without the shared reference directory. */
    private static final String HIERARCHY = """
            {"BaseError": {"ExchangeError": {"AuthenticationError": {"PermissionDenied": {"AccountNotEnabled": {}},
             "AccountSuspended": {}}, "ArgumentsRequired": {}, "BadRequest": {"BadSymbol": {}},
             "OperationRejected": {"NoChange": {"MarginModeAlreadySet": {}}, "MarketClosed": {},
             "ManualInteractionNeeded": {}, "RestrictedLocation": {}}, "InsufficientFunds": {},
             "InvalidAddress": {"AddressPending": {}}, "InvalidOrder": {"OrderNotFound": {}, "OrderNotCached": {},
             "OrderImmediatelyFillable": {}, "OrderNotFillable": {}, "DuplicateOrderId": {}, "ContractUnavailable": {}},
             "NotSupported": {}, "InvalidProxySettings": {}, "ExchangeClosedByUser": {}},
             "OperationFailed": {"NetworkError": {"DDoSProtection": {}, "RateLimitExceeded": {},
             "ExchangeNotAvailable": {"OnMaintenance": {}}, "InvalidNonce": {"ChecksumError": {}}, "RequestTimeout": {}},
             "BadResponse": {"NullResponse": {}}, "CancelPending": {}}, "UnsubscribeError": {}}}
            """;

    private static void walk(JsonNode node, List<String> parents, Map<String, List<String>> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> chain = new ArrayList<>();
            chain.add(e.getKey());
            for (int i = parents.size() - 1; i >= 0; i--) {
                chain.add(parents.get(i));
            }
            out.put(e.getKey(), chain);
            List<String> next = new ArrayList<>(parents);
            next.add(e.getKey());
            walk(e.getValue(), next, out);
        }
    }

    private static Classified classify(String cls, Call call) throws Exception {
        List<String> chain = hierarchy().get(cls);
        assertThat(chain).as("ccxt has " + cls).isNotNull();
        return CcxtErrors.classify(new BridgeError(cls, chain, "text of " + cls, "-1"), call);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "InsufficientFunds, INSUFFICIENT_FUNDS, NONE",
            "OrderImmediatelyFillable, WOULD_TAKE_LIQUIDITY, NONE",
            "DuplicateOrderId, DUPLICATE_ORDER, SETTLE_BY_QUERY",
            "OrderNotFound, UNKNOWN_ORDER, NONE",
            "OrderNotCached, UNKNOWN_ORDER, NONE",
            "OrderNotFillable, OTHER, NONE",
            "ContractUnavailable, VENUE_CLOSED, NONE",
            "InvalidOrder, OTHER, NONE",
            "BadSymbol, UNKNOWN_SYMBOL, NONE",
            "BadRequest, OTHER, NONE",
            "MarketClosed, VENUE_CLOSED, NONE",
            "MarginModeAlreadySet, OTHER, NONE",
            "NotSupported, UNSUPPORTED_ORDER_CHARACTERISTIC, NONE",
            "ArgumentsRequired, UNSUPPORTED_ORDER_CHARACTERISTIC, NONE",
            "AuthenticationError, OTHER, ACCOUNT_DOWN",
            "PermissionDenied, OTHER, ACCOUNT_DOWN",
            "AccountNotEnabled, OTHER, ACCOUNT_DOWN",
            "AccountSuspended, OTHER, ACCOUNT_DOWN",
            "AddressPending, OTHER, NONE",
    })
    void definitiveRefusalsAreRejectsWithTheirReason(String cls, RejectReason reason, Consequence consequence)
            throws Exception {
        for (Call call : Call.values()) {
            Classified c = classify(cls, call);
            assertThat(c.error().outcome()).isEqualTo(VenueError.Outcome.REJECTED);
            assertThat(c.error().reason()).isEqualTo(reason);
            assertThat(c.error().code()).isEqualTo("-1");
            assertThat(c.error().message()).contains(cls);
            assertThat(c.consequence()).isEqualTo(consequence);
        }
    }

    @Test
    void aBareExchangeErrorIsOutcomeUnknownForOrderChangesAndStaysARejectForReads() throws Exception {
        // ccxt's catch-all, e.g. Bybit 10016 "System error. Please try again later.": not proof of a refusal
        Classified order = classify("ExchangeError", Call.ORDER_CHANGE);
        assertThat(order.error().outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        assertThat(order.error().code()).isEqualTo("-1");
        assertThat(order.error().message()).contains("ExchangeError");
        assertThat(order.consequence()).isEqualTo(Consequence.NONE);
        Classified read = classify("ExchangeError", Call.READ);
        assertThat(read.error().outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(read.error().reason()).isEqualTo(RejectReason.OTHER);
        // a specific subclass still rejects an order change
        assertThat(classify("InsufficientFunds", Call.ORDER_CHANGE).error().outcome())
                .isEqualTo(VenueError.Outcome.REJECTED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NetworkError, NONE", "RequestTimeout, NONE", "ExchangeNotAvailable, VENUE_DOWN",
            "OnMaintenance, VENUE_DOWN", "BadResponse, NONE", "NullResponse, NONE", "CancelPending, NONE",
            "OperationFailed, NONE", "BaseError, NONE", "UnsubscribeError, NONE"})
    void transientFailuresAreOutcomeUnknownForOrderChangesAndRetryableForReads(String cls, Consequence consequence)
            throws Exception {
        Classified order = classify(cls, Call.ORDER_CHANGE);
        assertThat(order.error().outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        assertThat(order.consequence()).isEqualTo(consequence);
        Classified read = classify(cls, Call.READ);
        assertThat(read.error().outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(read.consequence()).isEqualTo(consequence);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"RateLimitExceeded, BACK_OFF", "DDoSProtection, BACK_OFF", "InvalidNonce, NONE", "ChecksumError, NONE"})
    void refusedBeforeTakingEffectIsRetryableEvenForOrders(String cls, Consequence consequence) throws Exception {
        Classified c = classify(cls, Call.ORDER_CHANGE);
        assertThat(c.error().outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(c.consequence()).isEqualTo(consequence);
        if (consequence == Consequence.BACK_OFF) {
            assertThat(c.error().retryAfter()).isEqualTo(CcxtErrors.BACK_OFF);
        }
    }

    @Test
    void everyClassOfCcxtsHierarchyHasARule() throws Exception {
        for (Map.Entry<String, List<String>> e : hierarchy().entrySet()) {
            Classified c = CcxtErrors.classify(new BridgeError(e.getKey(), e.getValue(), "m", null), Call.ORDER_CHANGE);
            assertThat(c.ccxtClass()).as(e.getKey()).isNotNull();
        }
    }

    @Test
    void theMostSpecificKnownClassOfTheChainDecides() {
        // an exchange-specific subclass ccxt may add later lands on its parent's rule
        Classified c = CcxtErrors.classify(new BridgeError("SomeNewFundsError",
                List.of("SomeNewFundsError", "InsufficientFunds", "ExchangeError", "BaseError"), "m", null),
                Call.ORDER_CHANGE);
        assertThat(c.error().reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(c.ccxtClass()).isEqualTo("InsufficientFunds");
    }

    @Test
    void aJavaScriptErrorIsOutcomeUnknownForOrdersAndRetryableForReads() {
        BridgeError e = new BridgeError("TypeError", List.of("TypeError"), "Cannot read properties of undefined", null);
        assertThat(CcxtErrors.classify(e, Call.ORDER_CHANGE).error().outcome())
                .isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        assertThat(CcxtErrors.classify(e, Call.READ).error().outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
    }

    @Test
    void capturedAnswersFromTheSimulatorsAreClassified() {
        Classified funds = CcxtErrors.classify(Fixtures.error("sidecar_error_binance_insufficientFunds"),
                Call.ORDER_CHANGE);
        assertThat(funds.error().reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        Classified filter = CcxtErrors.classify(Fixtures.error("sidecar_error_binance_notionalFilter"),
                Call.ORDER_CHANGE);
        assertThat(filter.error().reason()).isEqualTo(RejectReason.OTHER);
        assertThat(filter.error().code()).isEqualTo("-1013");
        Classified po = CcxtErrors.classify(Fixtures.error("sidecar_error_binance_postOnly"), Call.ORDER_CHANGE);
        assertThat(po.error().reason()).isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
        Classified notFound = CcxtErrors.classify(Fixtures.error("sidecar_error_binance_orderNotFound"),
                Call.ORDER_CHANGE);
        assertThat(notFound.error().reason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(notFound.error().code()).isEqualTo("-2011");
        Classified bybit = CcxtErrors.classify(Fixtures.error("sidecar_error_bybit_orderNotFound"), Call.ORDER_CHANGE);
        assertThat(bybit.error().reason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(bybit.error().code()).isEqualTo("110001");
        Classified protocol = CcxtErrors.classify(Fixtures.error("sidecar_error_unknownMethod"), Call.READ);
        assertThat(protocol.error().outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(protocol.consequence()).isEqualTo(Consequence.DEFECT);
    }

    @Test
    void noAnswerIsOutcomeUnknownOnlyWhenAnOrderChangeWasWritten() {
        assertThat(CcxtErrors.noAnswer(new BridgeException.NoAnswer("died", true), Call.ORDER_CHANGE).error().outcome())
                .isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        assertThat(CcxtErrors.noAnswer(new BridgeException.NoAnswer("down", false), Call.ORDER_CHANGE).error()
                .outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(CcxtErrors.noAnswer(new BridgeException.NoAnswer("died", true), Call.READ).error().outcome())
                .isEqualTo(VenueError.Outcome.RETRYABLE);
    }
}
