package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;

/**
 * One order as the {@code order}, {@code modify} and {@code batchModify} actions carry it
 * ({@code {"a","b","p","s","r","t",["c"]}}), parsed but not yet checked against the market.
 *
 * @param asset      asset id ({@code "a"})
 * @param isBuy      {@code "b"}
 * @param price      {@code "p"} as sent
 * @param size       {@code "s"} as sent
 * @param reduceOnly {@code "r"}
 * @param tif        Gtc, Ioc or Alo for a limit order; null for a trigger order
 * @param trigger    the trigger of a trigger order, else null
 * @param cloid      lower-case {@code "c"}, or null
 */
record OrderWire(int asset, boolean isBuy, String price, String size, boolean reduceOnly, Tif tif,
                 Trigger trigger, String cloid) {

    /** Time in force of a limit order. */
    enum Tif {
        Gtc, Ioc, Alo;

        static Tif parse(String s) {
            for (Tif t : values()) {
                if (t.name().equals(s)) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * A trigger: {@code {"isMarket","triggerPx","tpsl"}}.
     *
     * @param isMarket  a market order (IOC at {@code p}) once triggered, else a resting limit at {@code p}
     * @param triggerPx the trigger price as sent
     * @param tp        true for {@code "tp"}, false for {@code "sl"}
     */
    record Trigger(boolean isMarket, String triggerPx, boolean tp) {
        BigDecimal px() {
            return Fmt.parse(triggerPx);
        }
    }

    BigDecimal px() {
        return Fmt.parse(price);
    }

    BigDecimal sz() {
        return Fmt.parse(size);
    }
}
