package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spot OCO order lists: placement ({@code POST /api/v3/orderList/oco}, below leg first), the
 * contingency (when a leg triggers, trades or ends, the other leg expires and {@code listStatus}
 * ALL_DONE follows), and cancellation of the whole list ({@code DELETE /api/v3/orderList}, or a
 * cancel of either leg). Each leg is an ordinary engine order carrying the list's id.
 *
 * <p><b>Threading:</b> confined to the engine thread, inside the {@link SpotVenue}'s transactions.
 */
final class SpotOrderLists {
    private static final Set<String> OCO_TYPES = Set.of("STOP_LOSS_LIMIT", "STOP_LOSS", "LIMIT_MAKER",
            "TAKE_PROFIT", "TAKE_PROFIT_LIMIT");

    private final SpotVenue venue;
    private final Map<Long, SpotOrderList> lists = new HashMap<>();
    private long nextListId = 1;

    SpotOrderLists(SpotVenue venue) {
        this.venue = venue;
    }

    /** The list with this id, or null. */
    SpotOrderList get(long orderListId) {
        return lists.get(orderListId);
    }

    /** Cancels every open leg with {@code cancelId} as the cancel's client order id; the list is done. */
    void cancelList(SpotOrderList list, String cancelId) {
        for (SpotOrder leg : list.legs) {
            if (leg.isOpen()) {
                venue.cancelOne(leg, cancelId);
            }
        }
        if (!list.done) {
            list.done = true;
            venue.emit(list.account, SpotJson.listStatus(list, venue.now()));
        }
    }

    /** POST /api/v3/orderList/oco with validated legs (below first). */
    ObjectNode place(String account, SpotOrderSpec below, SpotOrderSpec above, String listClientOrderId) {
        return venue.transact(() -> {
            SpotListing l = below.listing();
            if (!l.trading()) {
                throw Errors.marketClosed();
            }
            checkPrices(below, above, venue.engine.referencePrice(l.unified()).orElse(null));
            long listId = nextListId++;
            SpotOrder belowLeg = venue.placeInternal(account, below, listId);
            SpotOrder aboveLeg;
            try {
                aboveLeg = venue.placeInternal(account, above, listId);
            } catch (BinanceException e) {
                if (belowLeg.isOpen()) {
                    belowLeg.terminalOverride = "EXPIRED";
                    venue.engine.cancel(account, null, null, belowLeg.engineId);
                }
                throw e;
            }
            SpotOrderList list = new SpotOrderList(listId, listClientOrderId, account, l, List.of(belowLeg, aboveLeg),
                    venue.now());
            lists.put(listId, list);
            venue.emit(account, SpotJson.listStatus(list, venue.now()));
            if (!belowLeg.isOpen() || !aboveLeg.isOpen() || belowLeg.working && belowLeg.isConditional()
                    || aboveLeg.working && aboveLeg.isConditional() || !belowLeg.fills.isEmpty()
                    || !aboveLeg.fills.isEmpty()) {
                venue.followUp(() -> resolve(list));
            }
            return SpotJson.orderList(list, list.transactionTime,
                    List.of(SpotJson.result(belowLeg), SpotJson.result(aboveLeg)));
        });
    }

    private static void checkPrices(SpotOrderSpec below, SpotOrderSpec above, BigDecimal reference) {
        if (reference == null) {
            return;
        }
        BigDecimal abovePrice = "LIMIT_MAKER".equals(above.type()) ? above.price() : above.stopPrice();
        BigDecimal belowPrice = "LIMIT_MAKER".equals(below.type()) ? below.price() : below.stopPrice();
        if (abovePrice.compareTo(reference) <= 0 || belowPrice.compareTo(reference) >= 0) {
            throw Errors.newOrderRejected(Errors.BAD_OCO_PRICES);
        }
    }

    /** Validates the OCO leg types for the side (Binance's -1158, -1165..-1199 rules). */
    static void checkTypes(Side side, String aboveType, String belowType) {
        if (!OCO_TYPES.contains(aboveType) || !OCO_TYPES.contains(belowType)) {
            throw Errors.ocoTypeRejected();
        }
        if ("LIMIT_MAKER".equals(aboveType) && "LIMIT_MAKER".equals(belowType)) {
            throw Errors.of(-1168, "At least one OCO order must be contingent.");
        }
        if (side == Side.SELL) {
            if (aboveType.startsWith("STOP_LOSS")) {
                throw Errors.of(-1197, "A stop loss order in a sell OCO must be below.");
            }
            if ("LIMIT_MAKER".equals(belowType)) {
                throw Errors.of(-1166, "A limit order in a sell OCO must be above.");
            }
            if (belowType.startsWith("TAKE_PROFIT")) {
                throw Errors.of(-1199, "A take profit order in a sell OCO must be above.");
            }
        } else {
            if ("LIMIT_MAKER".equals(aboveType)) {
                throw Errors.of(-1165, "A limit order in a buy OCO must be below.");
            }
            if (aboveType.startsWith("TAKE_PROFIT")) {
                throw Errors.of(-1198, "A take profit order in a buy OCO must be below.");
            }
            if (belowType.startsWith("STOP_LOSS")) {
                throw Errors.of(-1196, "A stop loss order in a buy OCO must be above.");
            }
        }
    }

    /** DELETE /api/v3/orderList. */
    ObjectNode cancel(String account, String symbol, Long orderListId, String listClientOrderId,
                               String newClientOrderId) {
        SpotListing l = venue.listing(symbol);
        return venue.transact(() -> {
            SpotOrderList list = null;
            for (SpotOrderList candidate : lists.values()) {
                boolean idMatch = orderListId != null ? candidate.orderListId == orderListId
                        : candidate.listClientOrderId.equals(listClientOrderId);
                if (idMatch && candidate.account.equals(account) && candidate.listing == l) {
                    list = candidate;
                }
            }
            if (list == null || list.done) {
                throw Errors.cancelRejected("Order list does not exist.");
            }
            cancelList(list, newClientOrderId != null ? newClientOrderId : Ids.clientOrderId());
            List<ObjectNode> reports = new ArrayList<>();
            for (SpotOrder leg : list.legs) {
                reports.add(SpotJson.cancelReport(leg, venue.now()));
            }
            return SpotJson.orderList(list, venue.now(), reports);
        });
    }

    /** After a leg triggered, traded or ended: the other leg expires and the list is done. */
    void resolve(SpotOrderList list) {
        if (list == null || list.done) {
            return;
        }
        for (SpotOrder leg : list.legs) {
            boolean active = !leg.fills.isEmpty() || !leg.isOpen() || leg.working && leg.isConditional();
            if (!active) {
                continue;
            }
            SpotOrder sibling = list.sibling(leg);
            if (sibling.isOpen() && sibling.engineId != null) {
                sibling.terminalOverride = "EXPIRED";
                venue.engine.cancel(sibling.account, null, null, sibling.engineId);
            }
            break;
        }
        list.done = true;
        venue.emit(list.account, SpotJson.listStatus(list, venue.now()));
    }
}
