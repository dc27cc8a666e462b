package io.fixbridge.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

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
 * The journal's line format is frozen: every record shape encodes to exactly the bytes the first
 * (Jackson tree model) encoder wrote, so journals written by any gateway version replay, and reads
 * back equal. The golden lines below were produced by that first encoder.
 */
class JournalCodecFormatTest {

    /** A record to encode, and whether decoding its line gives it back (two shapes decode differently by design). */
    record Case(String name, Object record, boolean roundTrips) {
    }

    static final String UNICODE = "d\u00e9sk \u2713 \u20ac \ud83d\ude00 \"q\" back\\slash\ttab\u0001ctl\u007fdel\u2028ls </x>";

    /** What the tree-model encoder wrote for {@link #cases()}, in order. */
    static final List<String> GOLDEN = List.of(
            "b9ff11b0 {\"v\":1,\"type\":\"OrderAccepted\",\"at\":\"2026-11-21T12:00:00.123456789Z\",\"orderId\":\"O-1\",\"session\":\"FIX.4.4:FIXBRIDGE->OMS1\",\"clOrdId\":\"C1\",\"venue\":\"binance\",\"terms\":{\"account\":\"sub-2\",\"clientOrderId\":\"0123456789abcdef0123456789abcdef\",\"symbol\":\"ETH/USDT\",\"side\":\"SELL\",\"type\":\"STOP_LIMIT\",\"timeInForce\":\"GTD\",\"quantity\":\"1E+3\",\"price\":\"3100.500\",\"stopPrice\":\"1E-8\",\"triggerDirection\":\"FALLS_BELOW\",\"postOnly\":false,\"reduceOnly\":true,\"displayQuantity\":\"12.3400\",\"expireTime\":\"2026-12-31T23:59:59Z\"}}\n",
            "fe30e19c {\"v\":1,\"type\":\"OrderAccepted\",\"at\":\"2026-11-21T12:00:00.123456789Z\",\"orderId\":\"O-2\",\"session\":\"FIX.4.4:FIXBRIDGE->OMS1\",\"clOrdId\":\"Q1\",\"venue\":\"hyperliquid\",\"terms\":{\"account\":\"main\",\"clientOrderId\":\"c0ffee\",\"symbol\":\"BTC/USDT\",\"side\":\"BUY\",\"type\":\"MARKET\",\"timeInForce\":\"IOC\",\"cashQuantity\":\"250.00\",\"postOnly\":false,\"reduceOnly\":false}}\n",
            "d7a65966 {\"v\":1,\"type\":\"ClOrdIdUsed\",\"at\":\"2026-11-21T12:00:00.124456789Z\",\"session\":\"FIX.4.4:FIXBRIDGE->OMS1\",\"clOrdId\":\"C2\",\"orderId\":\"O-1\"}\n",
            "8208ecfa {\"v\":1,\"type\":\"ClOrdIdUsed\",\"at\":\"2026-11-21T12:00:00.125456789Z\",\"session\":\"FIX.4.4:FIXBRIDGE->OMS2\",\"clOrdId\":\"X9\"}\n",
            "9842f5e6 {\"v\":1,\"type\":\"StateChanged\",\"at\":\"2026-11-21T12:00:00.126456789Z\",\"orderId\":\"O-1\",\"execution\":{\"kind\":\"PENDING_REPLACE\",\"execId\":\"O-1-2\",\"view\":{\"status\":\"PENDING_REPLACE\",\"clOrdId\":\"C2\",\"origClOrdId\":\"C1\",\"cumQty\":\"0\",\"leavesQty\":\"1E+3\",\"avgPx\":\"0\"}},\"state\":{\"lifecycle\":\"NEW\",\"clOrdId\":\"C1\",\"terms\":{\"account\":\"sub-2\",\"clientOrderId\":\"0123456789abcdef0123456789abcdef\",\"symbol\":\"ETH/USDT\",\"side\":\"SELL\",\"type\":\"STOP_LIMIT\",\"timeInForce\":\"GTD\",\"quantity\":\"1E+3\",\"price\":\"3100.500\",\"stopPrice\":\"1E-8\",\"triggerDirection\":\"FALLS_BELOW\",\"postOnly\":false,\"reduceOnly\":true,\"displayQuantity\":\"12.3400\",\"expireTime\":\"2026-12-31T23:59:59Z\"},\"cumQty\":\"0\",\"pending\":{\"kind\":\"REPLACE\",\"clOrdId\":\"C2\",\"replacement\":{\"account\":\"sub-2\",\"clientOrderId\":\"feedfacefeedfacefeedfacefeedface\",\"symbol\":\"ETH/USDT\",\"side\":\"SELL\",\"type\":\"STOP_LIMIT\",\"timeInForce\":\"GTD\",\"quantity\":\"900.0\",\"price\":\"3099.99\",\"stopPrice\":\"1E-8\",\"triggerDirection\":\"FALLS_BELOW\",\"postOnly\":false,\"reduceOnly\":true,\"displayQuantity\":\"12.3400\",\"expireTime\":\"2026-12-31T23:59:59Z\"}},\"doubtful\":{\"kind\":\"CANCEL\",\"clOrdId\":\"C0\"},\"cancelReason\":\"canceled on disconnect: the FIX session logged out\"}}\n",
            "c00d3971 {\"v\":1,\"type\":\"StateChanged\",\"at\":\"2026-11-21T12:00:00.127456789Z\",\"orderId\":\"O-1\",\"execution\":{\"kind\":\"REPLACED\",\"execId\":\"O-1-3\",\"view\":{\"status\":\"NEW\",\"clOrdId\":\"C2\",\"origClOrdId\":\"C1\",\"venueOrderId\":\"v-9\",\"cumQty\":\"0\",\"leavesQty\":\"900.0\",\"avgPx\":\"0\"}},\"state\":{\"lifecycle\":\"NEW\",\"clOrdId\":\"C2\",\"origClOrdId\":\"C1\",\"terms\":{\"account\":\"sub-2\",\"clientOrderId\":\"feedfacefeedfacefeedfacefeedface\",\"symbol\":\"ETH/USDT\",\"side\":\"SELL\",\"type\":\"STOP_LIMIT\",\"timeInForce\":\"GTD\",\"quantity\":\"900.0\",\"price\":\"3099.99\",\"stopPrice\":\"1E-8\",\"triggerDirection\":\"FALLS_BELOW\",\"postOnly\":false,\"reduceOnly\":true,\"displayQuantity\":\"12.3400\",\"expireTime\":\"2026-12-31T23:59:59Z\"},\"venueOrderId\":\"v-9\",\"cumQty\":\"0\"}}\n",
            "3b67330c {\"v\":1,\"type\":\"StateChanged\",\"at\":\"2026-11-21T12:00:00.128456789Z\",\"orderId\":\"O-1\",\"execution\":{\"view\":{\"status\":\"NEW\",\"clOrdId\":\"C2\",\"origClOrdId\":\"C1\",\"venueOrderId\":\"v-9\",\"cumQty\":\"0\",\"leavesQty\":\"900.0\",\"avgPx\":\"0\"},\"rejectReason\":\"TOO_LATE\",\"venueCode\":\"-2011\",\"text\":\"Unknown order sent.\",\"cancelReject\":{\"requestClOrdId\":\"C3\",\"responseTo\":\"CANCEL\"}},\"state\":{\"lifecycle\":\"NEW\",\"clOrdId\":\"C2\",\"origClOrdId\":\"C1\",\"terms\":{\"account\":\"sub-2\",\"clientOrderId\":\"feedfacefeedfacefeedfacefeedface\",\"symbol\":\"ETH/USDT\",\"side\":\"SELL\",\"type\":\"STOP_LIMIT\",\"timeInForce\":\"GTD\",\"quantity\":\"900.0\",\"price\":\"3099.99\",\"stopPrice\":\"1E-8\",\"triggerDirection\":\"FALLS_BELOW\",\"postOnly\":false,\"reduceOnly\":true,\"displayQuantity\":\"12.3400\",\"expireTime\":\"2026-12-31T23:59:59Z\"},\"venueOrderId\":\"v-9\",\"cumQty\":\"0\"}}\n",
            "0d4745dc {\"v\":1,\"type\":\"StateChanged\",\"at\":\"2026-11-21T12:00:00.129456789Z\",\"orderId\":\"O-2\",\"execution\":{\"kind\":\"REJECTED\",\"execId\":\"O-2-1\",\"view\":{\"status\":\"REJECTED\",\"clOrdId\":\"Q1\",\"cumQty\":\"0\",\"leavesQty\":\"0\",\"avgPx\":\"0\"},\"rejectReason\":\"INSUFFICIENT_FUNDS\",\"venueCode\":\"170131\",\"text\":\"Insufficient balance: \\\"quoted\\\" \u00e9\u2713\\nline\"},\"state\":{\"lifecycle\":\"REJECTED\",\"clOrdId\":\"C1\",\"terms\":{\"account\":\"main\",\"clientOrderId\":\"c0ffee\",\"symbol\":\"BTC/USDT\",\"side\":\"BUY\",\"type\":\"MARKET\",\"timeInForce\":\"IOC\",\"cashQuantity\":\"250.00\",\"postOnly\":false,\"reduceOnly\":false},\"venueOrderId\":\"v-77\",\"cumQty\":\"0\"}}\n",
            "61cc5205 {\"v\":1,\"type\":\"StateChanged\",\"at\":\"2026-11-21T12:00:00.130456789Z\",\"orderId\":\"O-2\",\"execution\":{\"kind\":\"TRADE\",\"execId\":\"O-2-Tt1\",\"view\":{\"status\":\"FILLED\",\"clOrdId\":\"Q1\",\"venueOrderId\":\"v-1\",\"cumQty\":\"0.0039\",\"leavesQty\":\"0\",\"avgPx\":\"64102.564102564102564\"},\"fill\":{\"tradeId\":\"t1\",\"lastQty\":\"0.0039\",\"lastPx\":\"64102.564102564102564\"}},\"state\":{\"lifecycle\":\"FILLED\",\"clOrdId\":\"C1\",\"terms\":{\"account\":\"main\",\"clientOrderId\":\"c0ffee\",\"symbol\":\"BTC/USDT\",\"side\":\"BUY\",\"type\":\"MARKET\",\"timeInForce\":\"IOC\",\"cashQuantity\":\"250.00\",\"postOnly\":false,\"reduceOnly\":false},\"venueOrderId\":\"v-77\",\"cumQty\":\"0.0039\"}}\n",
            "bd6db59b {\"v\":1,\"type\":\"StateChanged\",\"at\":\"2026-11-21T12:00:00.128456789Z\",\"orderId\":\"O-1\",\"execution\":{\"kind\":\"TRADE\",\"execId\":\"O-1-T888\",\"view\":{\"status\":\"PARTIALLY_FILLED\",\"clOrdId\":\"C1\",\"venueOrderId\":\"v-77\",\"cumQty\":\"0.00040000\",\"leavesQty\":\"0.00060000\",\"avgPx\":\"64250.1\"},\"fill\":{\"tradeId\":\"888\",\"lastQty\":\"0.00040000\",\"lastPx\":\"64250.10\",\"commission\":\"-1.20E-8\",\"commissionAsset\":\"USDT\",\"liquidity\":\"MAKER\"}},\"state\":{\"lifecycle\":\"PARTIALLY_FILLED\",\"clOrdId\":\"C1\",\"terms\":{\"account\":\"main\",\"clientOrderId\":\"cid-O-1\",\"symbol\":\"BTC/USDT:USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\"0.00100000\",\"price\":\"64250.10\",\"postOnly\":true,\"reduceOnly\":false},\"venueOrderId\":\"v-77\",\"cumQty\":\"0.00040000\"}}\n",
            "b584f1df {\"v\":1,\"type\":\"OrderAccepted\",\"at\":\"2026-11-21T12:00:00.123456789Z\",\"orderId\":\"O-1\",\"session\":\"FIX.4.4:FIXBRIDGE->OMS1\",\"clOrdId\":\"C1\",\"venue\":\"bybit\",\"terms\":{\"account\":\"main\",\"clientOrderId\":\"cid-C1\",\"symbol\":\"BTC/USDT:USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\"0.00100000\",\"price\":\"64250.10\",\"postOnly\":true,\"reduceOnly\":false}}\n",
            "8f166ad4 {\"v\":1,\"type\":\"OrderAccepted\",\"at\":\"2027-01-01T00:00:00.000120Z\",\"orderId\":\"O-\u00e9\",\"session\":\"FIX.4.4:GW->d\u00e9sk \u2713 \u20ac \\uD83D\\uDE00 \\\"q\\\" back\\\\slash\\ttab\\u0001ctl\u007fdel\u2028ls </x>\",\"clOrdId\":\"C-d\u00e9sk \u2713 \u20ac \\uD83D\\uDE00 \\\"q\\\" back\\\\slash\\ttab\\u0001ctl\u007fdel\u2028ls </x>\",\"venue\":\"paper\",\"terms\":{\"account\":\"\u00fcn\u00ef-d\u00e9sk \u2713 \u20ac \\uD83D\\uDE00 \\\"q\\\" back\\\\slash\\ttab\\u0001ctl\u007fdel\u2028ls </x>\",\"clientOrderId\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\"symbol\":\"BTC/USD:BTC\",\"side\":\"BUY\",\"type\":\"STOP\",\"timeInForce\":\"FOK\",\"quantity\":\"123456789012345678901234567890.000000001\",\"price\":\"1E+3\",\"stopPrice\":\"1E-8\",\"triggerDirection\":\"RISES_ABOVE\",\"postOnly\":true,\"reduceOnly\":true,\"displayQuantity\":\"0E-8\",\"expireTime\":\"2027-01-01T00:00:00.000000001Z\"}}\n",
            "388f96bc {\"v\":1,\"type\":\"ClOrdIdUsed\",\"at\":\"2026-11-21T12:00:01.123456789Z\",\"session\":\"FIX.4.4:FIXBRIDGE->OMS1\",\"clOrdId\":\"C9\",\"orderId\":\"O-1\"}\n",
            "a8d223e8 {\"v\":1,\"type\":\"ClOrdIdUsed\",\"at\":\"1970-01-01T00:00:00Z\",\"session\":\"S\",\"clOrdId\":\"C\"}\n",
            "f3aae4db {\"v\":1,\"type\":\"ClOrdIdUsed\",\"at\":\"1969-12-31T23:59:59.999Z\",\"session\":\"S\",\"clOrdId\":\"C\",\"orderId\":\"O\"}\n",
            "6ae3c79f {\"v\":1,\"type\":\"ClOrdIdUsed\",\"at\":\"+10000-01-01T00:00:00.500Z\",\"session\":\"S\",\"clOrdId\":\"C\",\"orderId\":\"O\"}\n",
            "ae84c856 {\"v\":1,\"type\":\"ClOrdIdUsed\",\"at\":\"-1000000000-01-01T00:00:00Z\",\"session\":\"S\",\"clOrdId\":\"C\",\"orderId\":\"O\"}\n",
            "2f89e257 {\"v\":1,\"type\":\"ClOrdIdUsed\",\"at\":\"+1000000000-12-31T23:59:59.999999999Z\",\"session\":\"S\",\"clOrdId\":\"C\",\"orderId\":\"O\"}\n",
            "45f6f1a1 {\"v\":1,\"type\":\"Compacted\",\"at\":\"2026-11-21T12:00:00.123456789Z\",\"through\":42}\n",
            "1de4eeb5 {\"v\":1,\"type\":\"Compacted\",\"at\":\"2027-01-01T00:00:00Z\",\"through\":9223372036854775807}\n",
            "d057d5b2 {\"v\":1,\"type\":\"Compacted\",\"at\":\"2027-01-01T00:00:00.010Z\",\"through\":-1}\n",
            "5723a8f8 {\"v\":1,\"type\":\"StateChanged\",\"at\":\"2026-11-21T12:00:00.123456789Z\",\"orderId\":\"O-1\",\"execution\":{\"kind\":\"NEW\",\"execId\":\"E-1\",\"view\":{}},\"state\":{\"lifecycle\":\"NEW\",\"clOrdId\":\"C1\",\"terms\":{\"account\":\"main\",\"clientOrderId\":\"cid-1\",\"symbol\":\"BTC/USDT:USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\"0.00100000\",\"price\":\"64250.10\",\"postOnly\":true,\"reduceOnly\":false},\"cumQty\":\"0\"}}\n",
            "77cdd9b8 {\"v\":1,\"type\":\"StateChanged\",\"at\":\"2026-11-21T12:00:00.123456789Z\",\"orderId\":\"O-1\",\"execution\":{\"view\":{\"status\":\"NEW\",\"clOrdId\":\"C1\",\"venueOrderId\":\"v\",\"cumQty\":\"0\",\"leavesQty\":\"1\",\"avgPx\":\"0\"},\"cancelReject\":{\"requestClOrdId\":null,\"responseTo\":\"REPLACE\"}},\"state\":{\"lifecycle\":\"NEW\",\"clOrdId\":\"C1\",\"terms\":{\"account\":\"main\",\"clientOrderId\":\"cid-1\",\"symbol\":\"BTC/USDT:USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\"0.00100000\",\"price\":\"64250.10\",\"postOnly\":true,\"reduceOnly\":false},\"cumQty\":\"0\"}}\n",
            "305c37a0 {\"v\":1,\"type\":\"StateChanged\",\"at\":\"2027-01-01T00:00:00Z\",\"orderId\":\"O-1\",\"execution\":{\"kind\":\"TRADE\",\"execId\":\"E-2\",\"view\":{\"status\":\"FILLED\",\"clOrdId\":\"C1\",\"origClOrdId\":\"C0\",\"terms\":{\"account\":\"\u00fcn\u00ef-d\u00e9sk \u2713 \u20ac \\uD83D\\uDE00 \\\"q\\\" back\\\\slash\\ttab\\u0001ctl\u007fdel\u2028ls </x>\",\"clientOrderId\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\"symbol\":\"BTC/USD:BTC\",\"side\":\"BUY\",\"type\":\"STOP\",\"timeInForce\":\"FOK\",\"quantity\":\"123456789012345678901234567890.000000001\",\"price\":\"1E+3\",\"stopPrice\":\"1E-8\",\"triggerDirection\":\"RISES_ABOVE\",\"postOnly\":true,\"reduceOnly\":true,\"displayQuantity\":\"0E-8\",\"expireTime\":\"2027-01-01T00:00:00.000000001Z\"},\"venueOrderId\":\"v\",\"cumQty\":\"1E+1\",\"leavesQty\":\"0E+2\",\"avgPx\":\"1E-21\"},\"fill\":{}},\"state\":{\"lifecycle\":\"FILLED\",\"clOrdId\":\"C1\",\"origClOrdId\":\"C0\",\"terms\":{\"account\":\"main\",\"clientOrderId\":\"cid-1\",\"symbol\":\"BTC/USDT:USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\"0.00100000\",\"price\":\"64250.10\",\"postOnly\":true,\"reduceOnly\":false},\"venueOrderId\":\"v\",\"cumQty\":\"10.00\"}}\n",
            "1666613b {\"v\":1,\"type\":\"StateChanged\",\"at\":\"2027-01-01T00:00:00.999999999Z\",\"orderId\":\"O-\u2713\",\"execution\":{\"kind\":\"REJECTED\",\"execId\":\"E-d\u00e9sk \u2713 \u20ac \\uD83D\\uDE00 \\\"q\\\" back\\\\slash\\ttab\\u0001ctl\u007fdel\u2028ls </x>\",\"view\":{\"status\":\"REJECTED\",\"clOrdId\":\"C1\",\"cumQty\":\"0\",\"leavesQty\":\"0\",\"avgPx\":\"0\"},\"rejectReason\":\"OTHER\",\"venueCode\":\"\u00e9-42\",\"text\":\"d\u00e9sk \u2713 \u20ac \\uD83D\\uDE00 \\\"q\\\" back\\\\slash\\ttab\\u0001ctl\u007fdel\u2028ls </x>\"},\"state\":{\"lifecycle\":\"PENDING_NEW\",\"clOrdId\":\"C-d\u00e9sk \u2713 \u20ac \\uD83D\\uDE00 \\\"q\\\" back\\\\slash\\ttab\\u0001ctl\u007fdel\u2028ls </x>\",\"origClOrdId\":\"C\u00e9\",\"terms\":{\"account\":\"\u00fcn\u00ef-d\u00e9sk \u2713 \u20ac \\uD83D\\uDE00 \\\"q\\\" back\\\\slash\\ttab\\u0001ctl\u007fdel\u2028ls </x>\",\"clientOrderId\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\"symbol\":\"BTC/USD:BTC\",\"side\":\"BUY\",\"type\":\"STOP\",\"timeInForce\":\"FOK\",\"quantity\":\"123456789012345678901234567890.000000001\",\"price\":\"1E+3\",\"stopPrice\":\"1E-8\",\"triggerDirection\":\"RISES_ABOVE\",\"postOnly\":true,\"reduceOnly\":true,\"displayQuantity\":\"0E-8\",\"expireTime\":\"2027-01-01T00:00:00.000000001Z\"},\"venueOrderId\":\"v-\\uD83D\\uDE00\",\"cumQty\":\"1E-20\",\"pending\":{\"kind\":\"REPLACE\",\"clOrdId\":\"R1\",\"replacement\":{\"account\":\"main\",\"clientOrderId\":\"cid-1\",\"symbol\":\"BTC/USDT:USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\"0.00100000\",\"price\":\"64250.10\",\"postOnly\":true,\"reduceOnly\":false}},\"doubtful\":{\"kind\":\"REPLACE\",\"clOrdId\":\"R0\",\"replacement\":{\"account\":\"\u00fcn\u00ef-d\u00e9sk \u2713 \u20ac \\uD83D\\uDE00 \\\"q\\\" back\\\\slash\\ttab\\u0001ctl\u007fdel\u2028ls </x>\",\"clientOrderId\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\"symbol\":\"BTC/USD:BTC\",\"side\":\"BUY\",\"type\":\"STOP\",\"timeInForce\":\"FOK\",\"quantity\":\"123456789012345678901234567890.000000001\",\"price\":\"1E+3\",\"stopPrice\":\"1E-8\",\"triggerDirection\":\"RISES_ABOVE\",\"postOnly\":true,\"reduceOnly\":true,\"displayQuantity\":\"0E-8\",\"expireTime\":\"2027-01-01T00:00:00.000000001Z\"}},\"cancelReason\":\"d\u00e9sk \u2713 \u20ac \\uD83D\\uDE00 \\\"q\\\" back\\\\slash\\ttab\\u0001ctl\u007fdel\u2028ls </x>\"}}\n",
            "02e8e9b3 {\"v\":1,\"type\":\"StateChanged\",\"at\":\"2026-11-21T12:00:00.123456789Z\",\"orderId\":\"O-1\",\"execution\":{\"view\":{\"status\":\"PENDING_CANCEL\",\"clOrdId\":\"C2\",\"origClOrdId\":\"C1\",\"venueOrderId\":\"v\",\"cumQty\":\"0.5\",\"leavesQty\":\"0.5\",\"avgPx\":\"64250.1\"},\"rejectReason\":\"UNKNOWN_ORDER\",\"cancelReject\":{\"requestClOrdId\":\"C3\",\"responseTo\":\"CANCEL\"}},\"state\":{\"lifecycle\":\"NEW\",\"clOrdId\":\"C1\",\"terms\":{\"account\":\"main\",\"clientOrderId\":\"cid-1\",\"symbol\":\"BTC/USDT:USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\"0.00100000\",\"price\":\"64250.10\",\"postOnly\":true,\"reduceOnly\":false},\"cumQty\":\"0\"}}\n",
            "990dfcf5 {\"v\":1,\"type\":\"ClOrdIdUsed\",\"at\":\"2026-11-21T12:00:00.123456789Z\",\"session\":\"S-\\uD800x\",\"clOrdId\":\"C-\\uDC00y\",\"orderId\":\"O-\\uD83D\"}\n"
    );

    static OrderRequest oddDecimals() {
        return OrderRequest.builder().account("\u00fcn\u00ef-" + UNICODE).clientOrderId("x".repeat(64)).symbol("BTC/USD:BTC")
                .side(Side.BUY).type(OrderType.STOP).timeInForce(TimeInForce.FOK)
                .quantity(new BigDecimal("123456789012345678901234567890.000000001")).price(new BigDecimal("1E+3"))
                .stopPrice(new BigDecimal("0.00000001")).triggerDirection(TriggerDirection.RISES_ABOVE)
                .postOnly(true).reduceOnly(true).displayQuantity(new BigDecimal("0E-8"))
                .expireTime(Instant.ofEpochSecond(1_798_761_600L, 1)).build();
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        List<JournalRecord> every = Fixtures.everyKind();
        for (int i = 0; i < every.size(); i++) {
            cases.add(new Case("everyKind[" + i + "]", every.get(i), true));
        }
        cases.add(new Case("accepted limit", Fixtures.accepted("O-1", "C1"), true));
        cases.add(new Case("accepted unicode and odd decimals", new OrderAccepted("O-\u00e9", "FIX.4.4:GW->" + UNICODE,
                "C-" + UNICODE, "paper", oddDecimals(), Instant.ofEpochSecond(1_798_761_600L, 120_000)), true));
        cases.add(new Case("used with order", Fixtures.used("O-1", "C9"), true));
        cases.add(new Case("used without order, at the epoch", new ClOrdIdUsed("S", "C", null, Instant.EPOCH), true));
        cases.add(new Case("used before 1970", new ClOrdIdUsed("S", "C", "O", Instant.parse("1969-12-31T23:59:59.999Z")),
                true));
        cases.add(new Case("used in year 10000", new ClOrdIdUsed("S", "C", "O", Instant.parse("+10000-01-01T00:00:00.5Z")),
                true));
        cases.add(new Case("used at Instant.MIN", new ClOrdIdUsed("S", "C", "O", Instant.MIN), true));
        cases.add(new Case("used at Instant.MAX", new ClOrdIdUsed("S", "C", "O", Instant.MAX), true));
        cases.add(new Case("compacted", new JournalCodec.Compacted(42, Fixtures.T0), true));
        cases.add(new Case("compacted, long through", new JournalCodec.Compacted(Long.MAX_VALUE,
                Instant.parse("2027-01-01T00:00:00Z")), true));
        cases.add(new Case("compacted, negative through", new JournalCodec.Compacted(-1, Instant.parse("2027-01-01T00:00:00.010Z")),
                true));

        OrderRequest terms = Fixtures.limit("cid-1");
        OrderRequest odd = oddDecimals();
        OrderState plain = new OrderState(OrdStatus.NEW, "C1", null, terms, null, BigDecimal.ZERO, null, null, null);
        // a view without terms is written without them and read back with the order's: by design
        cases.add(new Case("view with every field null", new StateChanged("O-1", new Execution(ExecKind.NEW, "E-1",
                new OrderView(null, null, null, null, null, null, null, null), null, null, null, null, null), plain,
                Fixtures.T0), false));
        // a cancel reject without the request's ClOrdID is written as null, which the reader refuses
        cases.add(new Case("cancel reject without request id", new StateChanged("O-1", new Execution(null, null,
                new OrderView(OrdStatus.NEW, "C1", null, terms, "v", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO), null,
                null, null, null, new Execution.CancelReject(null, PendingChange.Kind.REPLACE)), plain, Fixtures.T0), false));
        cases.add(new Case("fill with every field null", new StateChanged("O-1", new Execution(ExecKind.TRADE, "E-2",
                new OrderView(OrdStatus.FILLED, "C1", "C0", odd, "v", new BigDecimal("1E+1"), new BigDecimal("-0E+2"),
                        new BigDecimal("0.000000000000000000001")),
                new Execution.FillDetail(null, null, null, null, null, null), null, null, null, null),
                new OrderState(OrdStatus.FILLED, "C1", "C0", terms, "v", new BigDecimal("10.00"), null, null, null),
                Instant.ofEpochSecond(1_798_761_600L)), true));
        cases.add(new Case("unicode reject, pending and doubtful replaces", new StateChanged("O-\u2713", new Execution(
                ExecKind.REJECTED, "E-" + UNICODE, new OrderView(OrdStatus.REJECTED, "C1", null, odd, null, BigDecimal.ZERO,
                        BigDecimal.ZERO, BigDecimal.ZERO), null, RejectReason.OTHER, "\u00e9-42", UNICODE, null),
                new OrderState(OrdStatus.PENDING_NEW, "C-" + UNICODE, "C\u00e9", odd, "v-\ud83d\ude00", new BigDecimal("1E-20"),
                        new PendingChange(PendingChange.Kind.REPLACE, "R1", terms),
                        new PendingChange(PendingChange.Kind.REPLACE, "R0", odd), UNICODE),
                Instant.ofEpochSecond(1_798_761_600L, 999_999_999)), true));
        cases.add(new Case("cancel reject", new StateChanged("O-1", new Execution(null, null, new OrderView(
                OrdStatus.PENDING_CANCEL, "C2", "C1", terms, "v", new BigDecimal("0.5"), new BigDecimal("0.5"),
                new BigDecimal("64250.1")), null, RejectReason.UNKNOWN_ORDER, null, null,
                new Execution.CancelReject("C3", PendingChange.Kind.CANCEL)), plain, Fixtures.T0), true));
        cases.add(new Case("lone surrogates", new ClOrdIdUsed("S-\ud800x", "C-\udc00y", "O-\ud83d", Fixtures.T0), true));
        return cases;
    }

    @Test
    void everyShapeEncodesToExactlyTheBytesTheTreeEncoderWrote() {
        List<Case> cases = cases();
        assertThat(cases).hasSameSizeAs(GOLDEN);
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            byte[] line = encode(c.record());
            assertThat(new String(line, StandardCharsets.UTF_8)).as(c.name()).isEqualTo(GOLDEN.get(i));
            assertThat(line).as(c.name()).isEqualTo(GOLDEN.get(i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyLineCarriesAMatchingCrcAndDecodesBackToItsRecord() {
        for (Case c : cases()) {
            byte[] line = encode(c.record());
            int length = line.length - 1;
            assertThat(line[length]).as(c.name()).isEqualTo((byte) '\n');
            assertThat(JournalCodec.crcMatches(line, length)).as(c.name()).isTrue();
            if (c.roundTrips()) {
                assertThat(JournalCodec.decode(line, length)).as(c.name()).isEqualTo(c.record());
            }
        }
    }

    @Test
    void theTwoShapesThatDoNotRoundTripDecodeAsTheyAlwaysHave() {
        Case noViewTerms = cases().stream().filter(c -> c.name().equals("view with every field null")).findFirst().orElseThrow();
        byte[] line = encode(noViewTerms.record());
        StateChanged decoded = (StateChanged) JournalCodec.decode(line, line.length - 1);
        assertThat(decoded.execution().view().terms()).isEqualTo(((StateChanged) noViewTerms.record()).state().terms());

        Case noRequestId = cases().stream().filter(c -> c.name().equals("cancel reject without request id")).findFirst()
                .orElseThrow();
        byte[] refused = encode(noRequestId.record());
        assertThatThrownBy(() -> JournalCodec.decode(refused, refused.length - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestClOrdId");
    }

    @Test
    void instantsAreWrittenExactlyAsInstantToStringWritesThem() {
        Random random = new Random(20261121);
        long lastFourDigitYear = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long seconds = switch (i % 4) {
                case 0 -> Math.floorMod(random.nextLong(), lastFourDigitYear + 1);
                case 1 -> 1_700_000_000L + random.nextInt(400_000_000);
                case 2 -> lastFourDigitYear - random.nextInt(100_000);
                default -> random.nextInt(200_000) - 100_000L;
            };
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            ClOrdIdUsed used = new ClOrdIdUsed("S", "C", null, at);
            String line = new String(JournalCodec.encode(used), StandardCharsets.UTF_8);
            assertThat(line).as("%s", at).contains("\"at\":\"" + at + "\"");
            assertThat(JournalCodec.decode(line.getBytes(StandardCharsets.UTF_8), line.length() - 1)).isEqualTo(used);
        }
    }

    @Test
    void aRecordThatCannotBeEncodedThrowsAndLeavesTheEncoderReady() {
        OrderState plain = new OrderState(OrdStatus.NEW, "C1", null, Fixtures.limit("cid-1"), null, BigDecimal.ZERO, null,
                null, null);
        StateChanged broken = new StateChanged("O-1", new Execution(null, null, new OrderView(OrdStatus.NEW, "C1", null,
                null, null, null, null, null), null, null, null, null, new Execution.CancelReject("C3", null)), plain,
                Fixtures.T0);

        assertThatThrownBy(() -> JournalCodec.encode(broken)).isInstanceOf(NullPointerException.class);

        List<Case> cases = cases();
        for (int i = 0; i < cases.size(); i++) {
            assertThat(new String(encode(cases.get(i).record()), StandardCharsets.UTF_8)).isEqualTo(GOLDEN.get(i));
        }
    }

    @Test
    void aRecordLargerThanEveryBufferIsWrittenWholeAndTheNextOneIsUnaffected() {
        String text = UNICODE.repeat(5_000);
        StateChanged large = new StateChanged("O-1", new Execution(ExecKind.REJECTED, "E-1", new OrderView(OrdStatus.REJECTED,
                "C1", null, Fixtures.limit("cid-1"), null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO), null,
                RejectReason.OTHER, null, text, null), Fixtures.state(Fixtures.limit("cid-1"), OrdStatus.REJECTED,
                BigDecimal.ZERO), Fixtures.T0);

        byte[] line = JournalCodec.encode(large);

        assertThat(line.length).isGreaterThan(200_000);
        assertThat(JournalCodec.crcMatches(line, line.length - 1)).isTrue();
        assertThat(JournalCodec.decode(line, line.length - 1)).isEqualTo(large);
        assertThat(new String(encode(cases().get(0).record()), StandardCharsets.UTF_8)).isEqualTo(GOLDEN.get(0));
    }

    @Test
    void anotherThreadEncodesTheSameBytes() throws Exception {
        List<Case> cases = cases();
        List<String> lines = new ArrayList<>();
        Thread other = new Thread(() -> cases.forEach(c -> lines.add(new String(encode(c.record()), StandardCharsets.UTF_8))));
        other.start();
        other.join();
        assertThat(lines).containsExactlyElementsOf(GOLDEN);
    }

    static byte[] encode(Object record) {
        return record instanceof JournalCodec.Compacted c ? JournalCodec.encode(c) : JournalCodec.encode((JournalRecord) record);
    }
}
