package io.fixbridge.gateway.translate;

import quickfix.FieldMap;
import quickfix.field.Text;

import java.math.BigDecimal;

/** How the gateway writes the values every outgoing message shares. Pure, thread-safe. */
final class FixFields {
    private FixFields() {
    }

    /** Writes a decimal as plain text without the trailing zeros venues pad with (0.50000000 -> 0.5); nothing for null. */
    static void decimal(FieldMap m, int tag, BigDecimal value) {
        if (value != null) {
            m.setString(tag, value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
        }
    }

    /** Writes Text(58) unless there is nothing to say. */
    static void text(FieldMap m, String text) {
        if (text != null && !text.isBlank()) {
            m.setString(Text.FIELD, text);
        }
    }
}
