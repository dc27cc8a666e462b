package io.fixbridge.gateway.journal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fixbridge.gateway.journal.JournalRecord.ClOrdIdUsed;
import io.fixbridge.gateway.journal.JournalRecord.OrderAccepted;
import io.fixbridge.gateway.journal.JournalRecord.OrderState;
import io.fixbridge.gateway.journal.JournalRecord.StateChanged;
import io.fixbridge.gateway.order.ExecKind;
import io.fixbridge.gateway.order.Execution;
import io.fixbridge.gateway.order.OrdStatus;
import io.fixbridge.gateway.order.OrderView;
import io.fixbridge.gateway.order.PendingChange;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TriggerDirection;

/**
 * The journal's line format: {@code <crc32 as 8 hex digits> <json>\n}, the CRC taken over the
 * JSON's UTF-8 bytes. The JSON carries {@code v} and {@code type}; absent fields are null;
 * BigDecimals are their exact {@link BigDecimal#toString()} strings; enums are their names and an
 * unknown name fails, never guessed.
 *
 * <p>Stateless, thread-safe. Decoding failures throw {@link IllegalArgumentException} with the
 * reason; the caller adds where the line was.
 */
final class JournalCodec {
    /** Length of the CRC prefix and the space after it. */
    static final int PREFIX = 9;

    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalCodec() {
    }

    /**
     * The first line of a compacted segment: every segment numbered below {@code through} is
     * covered by it (a leftover of a compaction cut short is deleted, never replayed).
     */
    record Compacted(long through, Instant at) {
    }

    /** The line of a compacted segment's header. */
    static byte[] encode(Compacted header) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", JournalRecord.FORMAT_VERSION);
        n.put("type", "Compacted");
        n.put("at", header.at().toString());
        n.put("through", header.through());
        return line(n);
    }

    /** The whole line, newline included. */
    static byte[] encode(JournalRecord record) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", JournalRecord.FORMAT_VERSION);
        if (record instanceof OrderAccepted r) {
            n.put("type", "OrderAccepted");
            n.put("at", r.at().toString());
            n.put("orderId", r.orderId());
            n.put("session", r.session());
            n.put("clOrdId", r.clOrdId());
            n.put("venue", r.venue());
            n.set("terms", terms(r.terms()));
        } else if (record instanceof ClOrdIdUsed r) {
            n.put("type", "ClOrdIdUsed");
            n.put("at", r.at().toString());
            n.put("session", r.session());
            n.put("clOrdId", r.clOrdId());
            put(n, "orderId", r.orderId());
        } else if (record instanceof StateChanged r) {
            n.put("type", "StateChanged");
            n.put("at", r.at().toString());
            n.put("orderId", r.orderId());
            n.set("execution", execution(r.execution(), r.state().terms()));
            n.set("state", state(r.state()));
        } else {
            throw new IllegalArgumentException("unknown journal record " + record.getClass().getName());
        }
        return line(n);
    }

    private static byte[] line(ObjectNode n) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("a journal record could not be written as JSON", e);
        }
        byte[] line = new byte[PREFIX + json.length + 1];
        byte[] crc = crcHex(json, 0, json.length);
        System.arraycopy(crc, 0, line, 0, 8);
        line[8] = ' ';
        System.arraycopy(json, 0, line, PREFIX, json.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /** Whether {@code line} (without its newline) carries a CRC that matches its JSON. */
    static boolean crcMatches(byte[] line, int length) {
        if (length < PREFIX + 2 || line[8] != ' ') {
            return false;
        }
        byte[] expected = crcHex(line, PREFIX, length - PREFIX);
        return Arrays.equals(expected, 0, 8, line, 0, 8);
    }

    /**
     * Decodes a line whose CRC matched (given without its newline): a {@link JournalRecord} or a
     * {@link Compacted} header.
     */
    static Object decode(byte[] line, int length) {
        JsonNode n;
        try {
            n = JSON.readTree(new String(line, PREFIX, length - PREFIX, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        int v = n.path("v").asInt(-1);
        if (v < 1 || v > JournalRecord.FORMAT_VERSION) {
            throw new IllegalArgumentException("format version " + n.path("v") + " is not one this gateway reads (1.."
                    + JournalRecord.FORMAT_VERSION + "); a journal written by a newer gateway needs that gateway");
        }
        String type = required(n, "type");
        Instant at = Instant.parse(required(n, "at"));
        return switch (type) {
            case "OrderAccepted" -> new OrderAccepted(required(n, "orderId"), required(n, "session"), required(n, "clOrdId"),
                    required(n, "venue"), terms(object(n, "terms")), at);
            case "Compacted" -> {
                JsonNode through = n.get("through");
                if (through == null || !through.canConvertToLong()) {
                    throw new IllegalArgumentException("'through' is missing or not a number");
                }
                yield new Compacted(through.longValue(), at);
            }
            case "ClOrdIdUsed" -> new ClOrdIdUsed(required(n, "session"), required(n, "clOrdId"), text(n, "orderId"), at);
            case "StateChanged" -> {
                OrderState state = state(object(n, "state"));
                yield new StateChanged(required(n, "orderId"), execution(object(n, "execution"), state.terms()), state, at);
            }
            default -> throw new IllegalArgumentException("unknown record type '" + type + "'");
        };
    }

    // ---------------------------------------------------------------- parts

    private static ObjectNode terms(OrderRequest t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("account", t.account());
        n.put("clientOrderId", t.clientOrderId());
        n.put("symbol", t.symbol());
        n.put("side", t.side().name());
        n.put("type", t.type().name());
        n.put("timeInForce", t.timeInForce().name());
        put(n, "quantity", t.quantity());
        put(n, "cashQuantity", t.cashQuantity());
        put(n, "price", t.price());
        put(n, "stopPrice", t.stopPrice());
        put(n, "triggerDirection", t.triggerDirection());
        n.put("postOnly", t.postOnly());
        n.put("reduceOnly", t.reduceOnly());
        put(n, "displayQuantity", t.displayQuantity());
        if (t.expireTime() != null) {
            n.put("expireTime", t.expireTime().toString());
        }
        return n;
    }

    private static OrderRequest terms(JsonNode n) {
        String expire = text(n, "expireTime");
        return OrderRequest.builder()
                .account(required(n, "account"))
                .clientOrderId(required(n, "clientOrderId"))
                .symbol(required(n, "symbol"))
                .side(Side.valueOf(required(n, "side")))
                .type(OrderType.valueOf(required(n, "type")))
                .timeInForce(TimeInForce.valueOf(required(n, "timeInForce")))
                .quantity(decimal(n, "quantity"))
                .cashQuantity(decimal(n, "cashQuantity"))
                .price(decimal(n, "price"))
                .stopPrice(decimal(n, "stopPrice"))
                .triggerDirection(enumOf(TriggerDirection.class, n, "triggerDirection"))
                .postOnly(bool(n, "postOnly"))
                .reduceOnly(bool(n, "reduceOnly"))
                .displayQuantity(decimal(n, "displayQuantity"))
                .expireTime(expire == null ? null : Instant.parse(expire))
                .build();
    }

    private static ObjectNode execution(Execution e, OrderRequest stateTerms) {
        ObjectNode n = JSON.createObjectNode();
        put(n, "kind", e.kind());
        put(n, "execId", e.execId());
        OrderView v = e.view();
        ObjectNode view = n.putObject("view");
        put(view, "status", v.status());
        put(view, "clOrdId", v.clOrdId());
        put(view, "origClOrdId", v.origClOrdId());
        if (v.terms() != null && !v.terms().equals(stateTerms)) {
            // the usual case, terms as the order has them, is not written twice
            view.set("terms", terms(v.terms()));
        }
        put(view, "venueOrderId", v.venueOrderId());
        put(view, "cumQty", v.cumQty());
        put(view, "leavesQty", v.leavesQty());
        put(view, "avgPx", v.avgPx());
        if (e.fill() != null) {
            Execution.FillDetail f = e.fill();
            ObjectNode fill = n.putObject("fill");
            put(fill, "tradeId", f.tradeId());
            put(fill, "lastQty", f.lastQty());
            put(fill, "lastPx", f.lastPx());
            put(fill, "commission", f.commission());
            put(fill, "commissionAsset", f.commissionAsset());
            put(fill, "liquidity", f.liquidity());
        }
        put(n, "rejectReason", e.rejectReason());
        put(n, "venueCode", e.venueCode());
        put(n, "text", e.text());
        if (e.cancelReject() != null) {
            ObjectNode cr = n.putObject("cancelReject");
            cr.put("requestClOrdId", e.cancelReject().requestClOrdId());
            cr.put("responseTo", e.cancelReject().responseTo().name());
        }
        return n;
    }

    private static Execution execution(JsonNode n, OrderRequest stateTerms) {
        JsonNode v = object(n, "view");
        OrderView view = new OrderView(enumOf(OrdStatus.class, v, "status"), text(v, "clOrdId"), text(v, "origClOrdId"),
                v.has("terms") ? terms(v.get("terms")) : stateTerms, text(v, "venueOrderId"), decimal(v, "cumQty"),
                decimal(v, "leavesQty"), decimal(v, "avgPx"));
        Execution.FillDetail fill = null;
        if (n.has("fill")) {
            JsonNode f = n.get("fill");
            fill = new Execution.FillDetail(text(f, "tradeId"), decimal(f, "lastQty"), decimal(f, "lastPx"),
                    decimal(f, "commission"), text(f, "commissionAsset"), enumOf(Liquidity.class, f, "liquidity"));
        }
        Execution.CancelReject cancelReject = null;
        if (n.has("cancelReject")) {
            JsonNode cr = n.get("cancelReject");
            cancelReject = new Execution.CancelReject(required(cr, "requestClOrdId"),
                    PendingChange.Kind.valueOf(required(cr, "responseTo")));
        }
        return new Execution(enumOf(ExecKind.class, n, "kind"), text(n, "execId"), view, fill,
                enumOf(RejectReason.class, n, "rejectReason"), text(n, "venueCode"), text(n, "text"), cancelReject);
    }

    private static ObjectNode state(OrderState s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("lifecycle", s.lifecycle().name());
        n.put("clOrdId", s.clOrdId());
        put(n, "origClOrdId", s.origClOrdId());
        n.set("terms", terms(s.terms()));
        put(n, "venueOrderId", s.venueOrderId());
        put(n, "cumQty", s.cumQty());
        if (s.pending() != null) {
            n.set("pending", change(s.pending()));
        }
        if (s.doubtful() != null) {
            n.set("doubtful", change(s.doubtful()));
        }
        put(n, "cancelReason", s.cancelReason());
        return n;
    }

    private static OrderState state(JsonNode n) {
        return new OrderState(OrdStatus.valueOf(required(n, "lifecycle")), required(n, "clOrdId"), text(n, "origClOrdId"),
                terms(object(n, "terms")), text(n, "venueOrderId"), decimal(n, "cumQty"),
                n.has("pending") ? change(n.get("pending")) : null, n.has("doubtful") ? change(n.get("doubtful")) : null,
                text(n, "cancelReason"));
    }

    private static ObjectNode change(PendingChange c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", c.kind().name());
        n.put("clOrdId", c.clOrdId());
        if (c.replacement() != null) {
            n.set("replacement", terms(c.replacement()));
        }
        return n;
    }

    private static PendingChange change(JsonNode n) {
        return new PendingChange(PendingChange.Kind.valueOf(required(n, "kind")), required(n, "clOrdId"),
                n.has("replacement") ? terms(n.get("replacement")) : null);
    }

    // ---------------------------------------------------------------- values

    private static void put(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void put(ObjectNode n, String field, BigDecimal value) {
        if (value != null) {
            n.put(field, value.toString());
        }
    }

    private static void put(ObjectNode n, String field, Enum<?> value) {
        if (value != null) {
            n.put(field, value.name());
        }
    }

    private static JsonNode object(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not an object");
        }
        return v;
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is not a string");
        }
        return v.textValue();
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        String v = text(n, field);
        return v == null ? null : new BigDecimal(v);
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a boolean");
        }
        return v.booleanValue();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n, String field) {
        String v = text(n, field);
        return v == null ? null : Enum.valueOf(type, v);
    }

    private static byte[] crcHex(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return String.format("%08x", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
    }
}
