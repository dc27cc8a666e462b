package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.RejectReason;

import java.util.ArrayList;
import java.util.List;

/** Records engine events for assertions. Engine-thread only, like the engine. */
final class RecordingEngineListener implements EngineListener {

    /** One recorded event; fields that do not apply are null. */
    record Event(String kind, OrderView order, Execution execution, String text) {
        String clientOrderId() {
            return order.clientOrderId();
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final List<PublicTrade> trades = new ArrayList<>();
    private final List<String> rejects = new ArrayList<>();

    @Override
    public void onAccepted(OrderView order) {
        events.add(new Event("accepted", order, null, null));
    }

    @Override
    public void onFill(OrderView order, Execution execution) {
        events.add(new Event("fill", order, execution, null));
    }

    @Override
    public void onCanceled(OrderView order, String reason) {
        events.add(new Event("canceled", order, null, reason));
    }

    @Override
    public void onReplaced(OrderView order, String previousClientOrderId) {
        events.add(new Event("replaced", order, null, previousClientOrderId));
    }

    @Override
    public void onExpired(OrderView order) {
        events.add(new Event("expired", order, null, null));
    }

    @Override
    public void onRejected(OrderRequest request, RejectReason reason, String text) {
        rejects.add(request.clientOrderId() + ":" + reason);
    }

    @Override
    public void onTriggered(OrderView order) {
        events.add(new Event("triggered", order, null, null));
    }

    @Override
    public void onTrade(PublicTrade trade) {
        trades.add(trade);
    }

    List<Event> all() {
        return List.copyOf(events);
    }

    /** The kinds of events about the order with venue id {@code venueOrderId}, in order. */
    List<String> kinds(String venueOrderId) {
        return events.stream().filter(e -> e.order().venueOrderId().equals(venueOrderId)).map(Event::kind).toList();
    }

    List<Execution> fills(String venueOrderId) {
        return events.stream().filter(e -> e.kind().equals("fill") && e.order().venueOrderId().equals(venueOrderId))
                .map(Event::execution).toList();
    }

    List<PublicTrade> trades() {
        return List.copyOf(trades);
    }

    List<String> rejects() {
        return List.copyOf(rejects);
    }

    void clear() {
        events.clear();
        trades.clear();
        rejects.clear();
    }
}
