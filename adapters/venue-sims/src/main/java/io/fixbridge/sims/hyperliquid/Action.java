package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed {@code /exchange} action: order, cancel, cancelByCloid, modify, batchModify,
 * updateLeverage or noop. Parsing
 * is strict like the venue's deserializer: a missing field, a wrong JSON type or an unknown enum
 * value throws {@link BadRequest} (HTTP 422). Immutable.
 */
sealed interface Action {
    Pattern CLOID = Pattern.compile("0x[0-9a-fA-F]{32}");

    /** How many orders, cancels or modifies the action carries (the rate-limit batch length). */
    int batchLength();

    record Order(List<OrderWire> orders, String grouping) implements Action {
        public int batchLength() {
            return orders.size();
        }
    }

    record Cancel(List<long[]> cancels) implements Action {
        public int batchLength() {
            return cancels.size();
        }
    }

    record CancelByCloid(List<Integer> assets, List<String> cloids) implements Action {
        public int batchLength() {
            return cloids.size();
        }
    }

    record Modify(JsonNode oid, OrderWire order) implements Action {
        public int batchLength() {
            return 1;
        }
    }

    record BatchModify(List<Modify> modifies) implements Action {
        public int batchLength() {
            return modifies.size();
        }
    }

    /** {@code {"type":"noop"}}: does nothing but use the nonce. */
    record Noop() implements Action {
        public int batchLength() {
            return 0;
        }
    }

    /** {@code {"type":"updateLeverage","asset","isCross","leverage"}}. */
    record UpdateLeverage(int asset, boolean isCross, int leverage) implements Action {
        public int batchLength() {
            return 0;
        }
    }

    static Action parse(JsonNode a) {
        if (a == null || !a.isObject()) {
            throw new BadRequest("action must be an object");
        }
        String type = text(a, "type");
        return switch (type) {
            case "order" -> {
                List<OrderWire> list = new ArrayList<>();
                for (JsonNode o : array(a, "orders")) {
                    list.add(order(o));
                }
                String grouping = text(a, "grouping");
                if (!List.of("na", "normalTpsl", "positionTpsl").contains(grouping)) {
                    throw new BadRequest("unknown grouping " + grouping);
                }
                yield new Order(List.copyOf(list), grouping);
            }
            case "cancel" -> {
                List<long[]> list = new ArrayList<>();
                for (JsonNode c : array(a, "cancels")) {
                    list.add(new long[] {integer(c, "a"), integer(c, "o")});
                }
                yield new Cancel(List.copyOf(list));
            }
            case "cancelByCloid" -> {
                List<Integer> assets = new ArrayList<>();
                List<String> cloids = new ArrayList<>();
                for (JsonNode c : array(a, "cancels")) {
                    assets.add((int) integer(c, "asset"));
                    cloids.add(cloid(text(c, "cloid")));
                }
                yield new CancelByCloid(List.copyOf(assets), List.copyOf(cloids));
            }
            case "modify" -> modify(a);
            case "batchModify" -> {
                List<Modify> list = new ArrayList<>();
                for (JsonNode m : array(a, "modifies")) {
                    list.add(modify(m));
                }
                yield new BatchModify(List.copyOf(list));
            }
            case "noop" -> new Noop();
            case "updateLeverage" -> new UpdateLeverage((int) integer(a, "asset"), bool(a, "isCross"),
                    (int) Math.min(Integer.MAX_VALUE, integer(a, "leverage")));
            default -> throw new BadRequest("unknown action type " + type);
        };
    }

    private static Modify modify(JsonNode m) {
        JsonNode oid = m.get("oid");
        boolean number = oid != null && oid.isIntegralNumber() && oid.bigIntegerValue().signum() >= 0
                && oid.bigIntegerValue().bitLength() < 64;
        boolean cloid = oid != null && oid.isTextual() && CLOID.matcher(oid.asText()).matches();
        if (!number && !cloid) {
            throw new BadRequest("modify oid must be an order id or a cloid");
        }
        return new Modify(oid, order(m.get("order")));
    }

    /** One order wire: {"a","b","p","s","r","t",["c"]}. */
    static OrderWire order(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new BadRequest("order must be an object");
        }
        int asset = (int) integer(o, "a");
        boolean isBuy = bool(o, "b");
        String p = text(o, "p");
        String s = text(o, "s");
        boolean r = bool(o, "r");
        JsonNode t = o.get("t");
        if (t == null || !t.isObject() || t.size() != 1) {
            throw new BadRequest("t must be {limit} or {trigger}");
        }
        OrderWire.Tif tif = null;
        OrderWire.Trigger trigger = null;
        if (t.has("limit")) {
            tif = OrderWire.Tif.parse(text(t.get("limit"), "tif"));
            if (tif == null) {
                throw new BadRequest("unknown tif");
            }
        } else if (t.has("trigger")) {
            JsonNode tr = t.get("trigger");
            String tpsl = text(tr, "tpsl");
            if (!"tp".equals(tpsl) && !"sl".equals(tpsl)) {
                throw new BadRequest("tpsl must be tp or sl");
            }
            trigger = new OrderWire.Trigger(bool(tr, "isMarket"), text(tr, "triggerPx"), "tp".equals(tpsl));
        } else {
            throw new BadRequest("t must be {limit} or {trigger}");
        }
        JsonNode c = o.get("c");
        String cloid = c == null || c.isNull() ? null : cloid(c.isTextual() ? c.asText() : null);
        return new OrderWire(asset, isBuy, p, s, r, tif, trigger, cloid);
    }

    private static String cloid(String c) {
        if (c == null || !CLOID.matcher(c).matches()) {
            throw new BadRequest("a cloid is 0x + 32 hex digits");
        }
        return c.toLowerCase(Locale.ROOT);
    }

    private static Iterable<JsonNode> array(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isArray()) {
            throw new BadRequest(field + " must be an array");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadRequest(field + " must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new BadRequest(field + " must be a boolean");
        }
        return v.booleanValue();
    }

    private static long integer(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isIntegralNumber() || v.bigIntegerValue().signum() < 0
                || v.bigIntegerValue().bitLength() >= 64) {
            throw new BadRequest(field + " must be a non-negative integer");
        }
        return v.longValue();
    }
}
