package io.fixbridge.gateway.cli;

import java.util.Map;

import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.MsgType;

/** Turns the gateway's reports into one readable line each, for a person at a terminal. Pure. */
final class ReportPrinter {
    private static final Map<String, String> EXEC_TYPE = Map.ofEntries(Map.entry("0", "NEW"), Map.entry("4", "CANCELED"),
            Map.entry("5", "REPLACED"), Map.entry("6", "PENDING_CANCEL"), Map.entry("8", "REJECTED"), Map.entry("A", "PENDING_NEW"),
            Map.entry("C", "EXPIRED"), Map.entry("E", "PENDING_REPLACE"), Map.entry("F", "TRADE"), Map.entry("I", "STATUS"));
    private static final Map<String, String> ORD_STATUS = Map.ofEntries(Map.entry("0", "new"), Map.entry("1", "partially filled"),
            Map.entry("2", "filled"), Map.entry("4", "canceled"), Map.entry("6", "pending cancel"), Map.entry("8", "rejected"),
            Map.entry("A", "pending new"), Map.entry("C", "expired"), Map.entry("E", "pending replace"));

    private ReportPrinter() {
    }

    static String format(Message m) {
        String type = get(m.getHeader(), MsgType.FIELD);
        return switch (type == null ? "" : type) {
            case "8" -> executionReport(m);
            case "9" -> "CANCEL_REJECT  " + get(m, 11) + " for " + get(m, 41) + ": reason " + get(m, 102)
                    + " (order " + ORD_STATUS.getOrDefault(get(m, 39), get(m, 39)) + ")" + text(m);
            case "j" -> "BUSINESS_REJECT of 35=" + get(m, 372) + ": reason " + get(m, 380) + text(m);
            case "5" -> "LOGOUT" + text(m);
            case "W" -> book(m);
            case "Y" -> "MARKET_DATA_REJECT " + get(m, 262) + ": reason " + get(m, 281) + text(m);
            case "y" -> securityList(m);
            case "AO" -> "POSITIONS      account " + get(m, 1) + ": " + get(m, 727) + " position(s), result " + get(m, 728) + text(m);
            case "AP" -> position(m);
            case "BG" -> "BALANCES       account " + get(m, 1) + ": " + get(m, 911) + " asset(s), result " + get(m, 946) + text(m);
            case "BA" -> String.format("BALANCE        %-8s total %s available %s", get(m, 15), get(m, 53), get(m, 20005));
            case "3" -> "SESSION_REJECT of seq " + get(m, 45) + " tag " + get(m, 371) + ": reason " + get(m, 373) + text(m);
            default -> m.toString().replace('\u0001', '|');
        };
    }

    private static String executionReport(Message m) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(String.format("%-16s", EXEC_TYPE.getOrDefault(get(m, 150), get(m, 150))));
        sb.append(get(m, 11)).append(' ');
        sb.append("1".equals(get(m, 54)) ? "BUY " : "SELL ");
        sb.append(get(m, 38) != null ? get(m, 38) : get(m, 152) + " (quote)").append(' ').append(get(m, 55));
        if (get(m, 44) != null) {
            sb.append(" @ ").append(get(m, 44));
        }
        if (get(m, 99) != null) {
            sb.append(" stop ").append(get(m, 99));
        }
        sb.append(" | ").append(ORD_STATUS.getOrDefault(get(m, 39), get(m, 39)));
        if ("F".equals(get(m, 150))) {
            sb.append(" | last ").append(get(m, 32)).append(" @ ").append(get(m, 31));
            if (get(m, 12) != null) {
                sb.append(" fee ").append(get(m, 12)).append(' ').append(get(m, 479) == null ? "" : get(m, 479));
            }
            sb.append("1".equals(get(m, 851)) ? " (maker)" : " (taker)");
        }
        sb.append(" | cum ").append(get(m, 14)).append(" leaves ").append(get(m, 151)).append(" avg ").append(get(m, 6));
        sb.append(" | order ").append(get(m, 37));
        if (get(m, 198) != null) {
            sb.append(" venue ").append(get(m, 198));
        }
        if (get(m, 103) != null) {
            sb.append(" | reject reason ").append(get(m, 103));
        }
        if (get(m, 20001) != null) {
            sb.append(" venue code ").append(get(m, 20001));
        }
        return sb.append(text(m)).toString();
    }

    private static String book(Message m) {
        StringBuilder sb = new StringBuilder("BOOK           ").append(get(m, 55)).append(" on ").append(get(m, 207));
        for (quickfix.Group g : m.getGroups(268)) {
            String type = get(g, 269);
            sb.append("\n  ").append("0".equals(type) ? "bid  " : "1".equals(type) ? "ask  " : "last ")
                    .append(String.format("%14s x %s", get(g, 270), get(g, 271)));
        }
        return sb.toString();
    }

    private static String securityList(Message m) {
        StringBuilder sb = new StringBuilder("INSTRUMENTS    ").append(get(m, 393) == null ? "none" : get(m, 393)).append(text(m));
        for (quickfix.Group g : m.getGroups(146)) {
            sb.append(String.format("%n  %-22s %-18s tick %-10s lot %-10s min %-10s %s", get(g, 55), get(g, 762), get(g, 969),
                    get(g, 561), get(g, 562), "17".equals(get(g, 326)) ? "trading" : "not trading"));
        }
        return sb.toString();
    }

    private static String position(Message m) {
        String longQty = null;
        String shortQty = null;
        for (quickfix.Group g : m.getGroups(702)) {
            longQty = get(g, 704);
            shortQty = get(g, 705);
        }
        return "POSITION       " + get(m, 55) + " long " + longQty + " short " + shortQty + " entry " + get(m, 734)
                + " price " + get(m, 730) + " " + get(m, 15);
    }

    private static String text(Message m) {
        String t = get(m, 58);
        return t == null ? "" : " | " + t;
    }

    private static String get(quickfix.FieldMap m, int tag) {
        try {
            return m.isSetField(tag) ? m.getString(tag) : null;
        } catch (FieldNotFound e) {
            return null;
        }
    }
}
