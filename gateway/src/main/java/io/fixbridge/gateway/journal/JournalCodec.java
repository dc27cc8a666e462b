package io.fixbridge.gateway.journal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * <p>Encoding streams each record straight into a reusable buffer with Jackson's
 * {@link JsonGenerator} (no tree), and the CRC and newline are written around it in place. The
 * bytes are exactly those the earlier tree-model encoder wrote (field order, escaping, decimals as
 * {@link BigDecimal#toString()}, instants as {@link Instant#toString()}, nulls left out except
 * where that encoder wrote {@code null}), so journals of every version replay alike; the format is
 * pinned by {@code JournalCodecFormatTest}.
 *
 * <p>Thread-safe: each thread encodes with its own generator and buffer (the journal's one writer
 * thread, in practice), and every call returns a new array the caller owns. A record that cannot be
 * encoded throws (a {@link NullPointerException} for a required value that is null, an
 * {@link IllegalStateException} if JSON generation fails) and leaves that thread's encoder ready
 * for the next record. Decoding failures throw {@link IllegalArgumentException} with the reason;
 * the caller adds where the line was.
 */
final class JournalCodec {
    /** Length of the CRC prefix and the space after it. */
    static final int PREFIX = 9;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The factory of the mapper the tree encoder wrote with: same features, same escaping. */
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final ThreadLocal<LineWriter> WRITER = ThreadLocal.withInitial(LineWriter::new);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    // field names and constant values, pre-encoded
    private static final SerializedString V = new SerializedString("v");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString AT = new SerializedString("at");
    private static final SerializedString THROUGH = new SerializedString("through");
    private static final SerializedString ORDER_ID = new SerializedString("orderId");
    private static final SerializedString SESSION = new SerializedString("session");
    private static final SerializedString CL_ORD_ID = new SerializedString("clOrdId");
    private static final SerializedString VENUE = new SerializedString("venue");
    private static final SerializedString TERMS = new SerializedString("terms");
    private static final SerializedString EXECUTION = new SerializedString("execution");
    private static final SerializedString STATE = new SerializedString("state");
    private static final SerializedString ACCOUNT = new SerializedString("account");
    private static final SerializedString CLIENT_ORDER_ID = new SerializedString("clientOrderId");
    private static final SerializedString SYMBOL = new SerializedString("symbol");
    private static final SerializedString SIDE = new SerializedString("side");
    private static final SerializedString TIME_IN_FORCE = new SerializedString("timeInForce");
    private static final SerializedString QUANTITY = new SerializedString("quantity");
    private static final SerializedString CASH_QUANTITY = new SerializedString("cashQuantity");
    private static final SerializedString PRICE = new SerializedString("price");
    private static final SerializedString STOP_PRICE = new SerializedString("stopPrice");
    private static final SerializedString TRIGGER_DIRECTION = new SerializedString("triggerDirection");
    private static final SerializedString POST_ONLY = new SerializedString("postOnly");
    private static final SerializedString REDUCE_ONLY = new SerializedString("reduceOnly");
    private static final SerializedString DISPLAY_QUANTITY = new SerializedString("displayQuantity");
    private static final SerializedString EXPIRE_TIME = new SerializedString("expireTime");
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString EXEC_ID = new SerializedString("execId");
    private static final SerializedString VIEW = new SerializedString("view");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString ORIG_CL_ORD_ID = new SerializedString("origClOrdId");
    private static final SerializedString VENUE_ORDER_ID = new SerializedString("venueOrderId");
    private static final SerializedString CUM_QTY = new SerializedString("cumQty");
    private static final SerializedString LEAVES_QTY = new SerializedString("leavesQty");
    private static final SerializedString AVG_PX = new SerializedString("avgPx");
    private static final SerializedString FILL = new SerializedString("fill");
    private static final SerializedString TRADE_ID = new SerializedString("tradeId");
    private static final SerializedString LAST_QTY = new SerializedString("lastQty");
    private static final SerializedString LAST_PX = new SerializedString("lastPx");
    private static final SerializedString COMMISSION = new SerializedString("commission");
    private static final SerializedString COMMISSION_ASSET = new SerializedString("commissionAsset");
    private static final SerializedString LIQUIDITY = new SerializedString("liquidity");
    private static final SerializedString REJECT_REASON = new SerializedString("rejectReason");
    private static final SerializedString VENUE_CODE = new SerializedString("venueCode");
    private static final SerializedString TEXT = new SerializedString("text");
    private static final SerializedString CANCEL_REJECT = new SerializedString("cancelReject");
    private static final SerializedString REQUEST_CL_ORD_ID = new SerializedString("requestClOrdId");
    private static final SerializedString RESPONSE_TO = new SerializedString("responseTo");
    private static final SerializedString LIFECYCLE = new SerializedString("lifecycle");
    private static final SerializedString PENDING = new SerializedString("pending");
    private static final SerializedString DOUBTFUL = new SerializedString("doubtful");
    private static final SerializedString CANCEL_REASON = new SerializedString("cancelReason");
    private static final SerializedString REPLACEMENT = new SerializedString("replacement");
    private static final SerializedString COMPACTED = new SerializedString("Compacted");
    private static final SerializedString ORDER_ACCEPTED = new SerializedString("OrderAccepted");
    private static final SerializedString CL_ORD_ID_USED = new SerializedString("ClOrdIdUsed");
    private static final SerializedString STATE_CHANGED = new SerializedString("StateChanged");

    private static final EnumNames<Side> SIDES = new EnumNames<>(Side.class);
    private static final EnumNames<OrderType> ORDER_TYPES = new EnumNames<>(OrderType.class);
    private static final EnumNames<TimeInForce> TIMES_IN_FORCE = new EnumNames<>(TimeInForce.class);
    private static final EnumNames<TriggerDirection> TRIGGER_DIRECTIONS = new EnumNames<>(TriggerDirection.class);
    private static final EnumNames<ExecKind> EXEC_KINDS = new EnumNames<>(ExecKind.class);
    private static final EnumNames<OrdStatus> ORD_STATUSES = new EnumNames<>(OrdStatus.class);
    private static final EnumNames<Liquidity> LIQUIDITIES = new EnumNames<>(Liquidity.class);
    private static final EnumNames<RejectReason> REJECT_REASONS = new EnumNames<>(RejectReason.class);
    private static final EnumNames<PendingChange.Kind> CHANGE_KINDS = new EnumNames<>(PendingChange.Kind.class);

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
        LineWriter w = WRITER.get();
        try {
            JsonGenerator g = w.begin();
            g.writeStartObject();
            g.writeFieldName(V);
            g.writeNumber(JournalRecord.FORMAT_VERSION);
            g.writeFieldName(TYPE);
            g.writeString(COMPACTED);
            g.writeFieldName(AT);
            w.writeInstant(header.at());
            g.writeFieldName(THROUGH);
            g.writeNumber(header.through());
            g.writeEndObject();
            return w.finish();
        } catch (IOException | RuntimeException e) {
            throw w.abandon(e);
        }
    }

    /** The whole line, newline included. */
    static byte[] encode(JournalRecord record) {
        LineWriter w = WRITER.get();
        try {
            JsonGenerator g = w.begin();
            g.writeStartObject();
            g.writeFieldName(V);
            g.writeNumber(JournalRecord.FORMAT_VERSION);
            if (record instanceof OrderAccepted r) {
                g.writeFieldName(TYPE);
                g.writeString(ORDER_ACCEPTED);
                g.writeFieldName(AT);
                w.writeInstant(r.at());
                stringField(w, ORDER_ID, r.orderId());
                stringField(w, SESSION, r.session());
                stringField(w, CL_ORD_ID, r.clOrdId());
                stringField(w, VENUE, r.venue());
                g.writeFieldName(TERMS);
                terms(w, r.terms());
            } else if (record instanceof ClOrdIdUsed r) {
                g.writeFieldName(TYPE);
                g.writeString(CL_ORD_ID_USED);
                g.writeFieldName(AT);
                w.writeInstant(r.at());
                stringField(w, SESSION, r.session());
                stringField(w, CL_ORD_ID, r.clOrdId());
                optional(w, ORDER_ID, r.orderId());
            } else if (record instanceof StateChanged r) {
                g.writeFieldName(TYPE);
                g.writeString(STATE_CHANGED);
                g.writeFieldName(AT);
                w.writeInstant(r.at());
                stringField(w, ORDER_ID, r.orderId());
                g.writeFieldName(EXECUTION);
                execution(w, r.execution(), r.state().terms());
                g.writeFieldName(STATE);
                state(w, r.state());
            } else {
                throw new IllegalArgumentException("unknown journal record " + record.getClass().getName());
            }
            g.writeEndObject();
            return w.finish();
        } catch (IOException | RuntimeException e) {
            throw w.abandon(e);
        }
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

    private static void terms(LineWriter w, OrderRequest t) throws IOException {
        JsonGenerator g = w.generator;
        g.writeStartObject();
        stringField(w, ACCOUNT, t.account());
        stringField(w, CLIENT_ORDER_ID, t.clientOrderId());
        stringField(w, SYMBOL, t.symbol());
        g.writeFieldName(SIDE);
        g.writeString(SIDES.of(t.side()));
        g.writeFieldName(TYPE);
        g.writeString(ORDER_TYPES.of(t.type()));
        g.writeFieldName(TIME_IN_FORCE);
        g.writeString(TIMES_IN_FORCE.of(t.timeInForce()));
        optional(w, QUANTITY, t.quantity());
        optional(w, CASH_QUANTITY, t.cashQuantity());
        optional(w, PRICE, t.price());
        optional(w, STOP_PRICE, t.stopPrice());
        optional(w, TRIGGER_DIRECTION, TRIGGER_DIRECTIONS, t.triggerDirection());
        g.writeFieldName(POST_ONLY);
        g.writeBoolean(t.postOnly());
        g.writeFieldName(REDUCE_ONLY);
        g.writeBoolean(t.reduceOnly());
        optional(w, DISPLAY_QUANTITY, t.displayQuantity());
        if (t.expireTime() != null) {
            g.writeFieldName(EXPIRE_TIME);
            w.writeInstant(t.expireTime());
        }
        g.writeEndObject();
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

    private static void execution(LineWriter w, Execution e, OrderRequest stateTerms) throws IOException {
        JsonGenerator g = w.generator;
        g.writeStartObject();
        optional(w, KIND, EXEC_KINDS, e.kind());
        optional(w, EXEC_ID, e.execId());
        OrderView v = e.view();
        g.writeFieldName(VIEW);
        g.writeStartObject();
        optional(w, STATUS, ORD_STATUSES, v.status());
        optional(w, CL_ORD_ID, v.clOrdId());
        optional(w, ORIG_CL_ORD_ID, v.origClOrdId());
        if (v.terms() != null && !v.terms().equals(stateTerms)) {
            // the usual case, terms as the order has them, is not written twice
            g.writeFieldName(TERMS);
            terms(w, v.terms());
        }
        optional(w, VENUE_ORDER_ID, v.venueOrderId());
        optional(w, CUM_QTY, v.cumQty());
        optional(w, LEAVES_QTY, v.leavesQty());
        optional(w, AVG_PX, v.avgPx());
        g.writeEndObject();
        if (e.fill() != null) {
            Execution.FillDetail f = e.fill();
            g.writeFieldName(FILL);
            g.writeStartObject();
            optional(w, TRADE_ID, f.tradeId());
            optional(w, LAST_QTY, f.lastQty());
            optional(w, LAST_PX, f.lastPx());
            optional(w, COMMISSION, f.commission());
            optional(w, COMMISSION_ASSET, f.commissionAsset());
            optional(w, LIQUIDITY, LIQUIDITIES, f.liquidity());
            g.writeEndObject();
        }
        optional(w, REJECT_REASON, REJECT_REASONS, e.rejectReason());
        optional(w, VENUE_CODE, e.venueCode());
        optional(w, TEXT, e.text());
        if (e.cancelReject() != null) {
            g.writeFieldName(CANCEL_REJECT);
            g.writeStartObject();
            stringField(w, REQUEST_CL_ORD_ID, e.cancelReject().requestClOrdId());
            g.writeFieldName(RESPONSE_TO);
            g.writeString(CHANGE_KINDS.of(e.cancelReject().responseTo()));
            g.writeEndObject();
        }
        g.writeEndObject();
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

    private static void state(LineWriter w, OrderState s) throws IOException {
        JsonGenerator g = w.generator;
        g.writeStartObject();
        g.writeFieldName(LIFECYCLE);
        g.writeString(ORD_STATUSES.of(s.lifecycle()));
        stringField(w, CL_ORD_ID, s.clOrdId());
        optional(w, ORIG_CL_ORD_ID, s.origClOrdId());
        g.writeFieldName(TERMS);
        terms(w, s.terms());
        optional(w, VENUE_ORDER_ID, s.venueOrderId());
        optional(w, CUM_QTY, s.cumQty());
        if (s.pending() != null) {
            g.writeFieldName(PENDING);
            change(w, s.pending());
        }
        if (s.doubtful() != null) {
            g.writeFieldName(DOUBTFUL);
            change(w, s.doubtful());
        }
        optional(w, CANCEL_REASON, s.cancelReason());
        g.writeEndObject();
    }

    private static OrderState state(JsonNode n) {
        return new OrderState(OrdStatus.valueOf(required(n, "lifecycle")), required(n, "clOrdId"), text(n, "origClOrdId"),
                terms(object(n, "terms")), text(n, "venueOrderId"), decimal(n, "cumQty"),
                n.has("pending") ? change(n.get("pending")) : null, n.has("doubtful") ? change(n.get("doubtful")) : null,
                text(n, "cancelReason"));
    }

    private static void change(LineWriter w, PendingChange c) throws IOException {
        JsonGenerator g = w.generator;
        g.writeStartObject();
        g.writeFieldName(KIND);
        g.writeString(CHANGE_KINDS.of(c.kind()));
        stringField(w, CL_ORD_ID, c.clOrdId());
        if (c.replacement() != null) {
            g.writeFieldName(REPLACEMENT);
            terms(w, c.replacement());
        }
        g.writeEndObject();
    }

    private static PendingChange change(JsonNode n) {
        return new PendingChange(PendingChange.Kind.valueOf(required(n, "kind")), required(n, "clOrdId"),
                n.has("replacement") ? terms(n.get("replacement")) : null);
    }

    // ---------------------------------------------------------------- values

    /** A field that is always written: {@code null} as JSON null, as the tree encoder did. */
    private static void stringField(LineWriter w, SerializedString field, String value) throws IOException {
        w.generator.writeFieldName(field);
        w.writeString(value);
    }

    /** A field left out when null. */
    private static void optional(LineWriter w, SerializedString field, String value) throws IOException {
        if (value != null) {
            w.generator.writeFieldName(field);
            w.writeString(value);
        }
    }

    /** A decimal as its exact {@link BigDecimal#toString()} string, left out when null. */
    private static void optional(LineWriter w, SerializedString field, BigDecimal value) throws IOException {
        if (value != null) {
            w.generator.writeFieldName(field);
            w.writeString(value.toString());
        }
    }

    /** An enum as its name, left out when null. */
    private static <E extends Enum<E>> void optional(LineWriter w, SerializedString field, EnumNames<E> names, E value)
            throws IOException {
        if (value != null) {
            w.generator.writeFieldName(field);
            w.generator.writeString(names.of(value));
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
        byte[] hex = new byte[8];
        writeHex(crc.getValue(), hex, 0);
        return hex;
    }

    /** {@code value}'s low 32 bits as 8 lower-case hex digits, as {@code String.format("%08x")} writes a CRC. */
    private static void writeHex(long value, byte[] to, int at) {
        for (int i = 7; i >= 0; i--) {
            to[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /** An enum's constant names, pre-encoded, by ordinal. Immutable. */
    private static final class EnumNames<E extends Enum<E>> {
        private final SerializedString[] names;

        EnumNames(Class<E> type) {
            E[] constants = type.getEnumConstants();
            names = new SerializedString[constants.length];
            for (E c : constants) {
                names[c.ordinal()] = new SerializedString(c.name());
            }
        }

        /** {@code value}'s name; a null value throws {@link NullPointerException}, as {@code name()} would. */
        SerializedString of(E value) {
            return names[value.ordinal()];
        }
    }

    /**
     * One thread's encoder: a generator kept open across records (root values written back to
     * back, with no separator) over a growable buffer that starts with room for the CRC prefix.
     * Confined to its thread; {@link #abandon} drops a generator left mid-record.
     */
    private static final class LineWriter extends OutputStream {
        private static final int INITIAL = 2048;
        private static final int INITIAL_CHARS = 256;
        /** A buffer (bytes or chars) grown past this by an unusually large record is not kept. */
        private static final int RETAINED = 64 * 1024;
        /** 9999-12-31T23:59:59Z: up to here {@link #writeInstant} formats, past it {@link Instant#toString()}. */
        private static final long LAST_FOUR_DIGIT_YEAR_SECOND = 253_402_300_799L;

        private final CRC32 crc = new CRC32();
        private final char[] instant = new char[30];
        private char[] chars = new char[INITIAL_CHARS];
        private byte[] buf = new byte[INITIAL];
        private int size;
        JsonGenerator generator;

        /** Starts a line: the buffer holds the room for the prefix and the generator is ready. */
        JsonGenerator begin() throws IOException {
            size = PREFIX;
            if (generator == null) {
                generator = FACTORY.createGenerator(this);
                generator.setRootValueSeparator(null);
            }
            return generator;
        }

        /** Ends the line: flushes the JSON, adds the newline, writes the CRC prefix, returns a copy. */
        byte[] finish() throws IOException {
            generator.flush();
            ensure(1);
            buf[size++] = '\n';
            crc.reset();
            crc.update(buf, PREFIX, size - PREFIX - 1);
            writeHex(crc.getValue(), buf, 0);
            buf[8] = ' ';
            byte[] line = Arrays.copyOf(buf, size);
            reset();
            return line;
        }

        /** Drops the generator (it may be mid-record) and returns the exception to throw. */
        RuntimeException abandon(Exception e) {
            generator = null;
            reset();
            if (e instanceof RuntimeException r) {
                return r;
            }
            return new IllegalStateException("a journal record could not be written as JSON", e);
        }

        private void reset() {
            size = 0;
            if (buf.length > RETAINED) {
                buf = new byte[INITIAL];
            }
            if (chars.length > RETAINED) {
                chars = new char[INITIAL_CHARS];
            }
        }

        /** Writes {@code s} (null as JSON null) through a reused char array. */
        void writeString(String s) throws IOException {
            if (s == null) {
                generator.writeNull();
                return;
            }
            int n = s.length();
            if (n > chars.length) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            s.getChars(0, n, chars, 0);
            generator.writeString(chars, 0, n);
        }

        /** Writes {@code t} as the string {@link Instant#toString()} gives, without building that string. */
        void writeInstant(Instant t) throws IOException {
            long seconds = t.getEpochSecond();
            if (seconds < 0 || seconds > LAST_FOUR_DIGIT_YEAR_SECOND) {
                generator.writeString(t.toString());
                return;
            }
            long days = seconds / 86_400;
            int secondOfDay = (int) (seconds - days * 86_400);
            // days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days)
            long z = days + 719_468;
            long era = z / 146_097;
            long dayOfEra = z - era * 146_097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long mp = (5 * dayOfYear + 2) / 153;
            int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
            int month = (int) (mp < 10 ? mp + 3 : mp - 9);
            int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

            char[] c = instant;
            digits(c, 0, year, 4);
            c[4] = '-';
            digits(c, 5, month, 2);
            c[7] = '-';
            digits(c, 8, day, 2);
            c[10] = 'T';
            digits(c, 11, secondOfDay / 3600, 2);
            c[13] = ':';
            digits(c, 14, secondOfDay / 60 % 60, 2);
            c[16] = ':';
            digits(c, 17, secondOfDay % 60, 2);
            int n = 19;
            int nano = t.getNano();
            if (nano != 0) {
                // as ISO_INSTANT: the fraction in groups of three digits, as many as it needs
                c[n++] = '.';
                if (nano % 1_000_000 == 0) {
                    digits(c, n, nano / 1_000_000, 3);
                    n += 3;
                } else if (nano % 1000 == 0) {
                    digits(c, n, nano / 1000, 6);
                    n += 6;
                } else {
                    digits(c, n, nano, 9);
                    n += 9;
                }
            }
            c[n++] = 'Z';
            generator.writeString(c, 0, n);
        }

        private static void digits(char[] to, int at, int value, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                to[i] = (char) ('0' + value % 10);
                value /= 10;
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }
    }
}
