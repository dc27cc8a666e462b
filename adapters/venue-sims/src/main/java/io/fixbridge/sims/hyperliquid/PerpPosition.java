package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One user's one-way position in one perpetual as Hyperliquid reports it: signed size and
 * average entry price. Applies fills and says what each fill did ({@code dir}, closed PnL).
 *
 * <p><b>Threading:</b> mutable; engine thread only.
 */
final class PerpPosition {
    BigDecimal size = BigDecimal.ZERO;
    BigDecimal entry = BigDecimal.ZERO;

    /** What one fill did to the position. */
    record Change(BigDecimal start, String dir, BigDecimal closedPnl) {
    }

    Change apply(boolean isBuy, BigDecimal qty, BigDecimal px) {
        BigDecimal start = size;
        BigDecimal signed = isBuy ? qty : qty.negate();
        String dir;
        BigDecimal closed = BigDecimal.ZERO;
        if (start.signum() == 0 || start.signum() == signed.signum()) {
            dir = isBuy ? "Open Long" : "Open Short";
            BigDecimal newSize = start.add(signed);
            entry = start.abs().multiply(entry).add(qty.multiply(px)).divide(newSize.abs(), 12, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
            size = newSize;
            return new Change(start, dir, closed);
        }
        BigDecimal closing = qty.min(start.abs());
        closed = px.subtract(entry).multiply(closing).multiply(BigDecimal.valueOf(start.signum()));
        BigDecimal newSize = start.add(signed);
        if (qty.compareTo(start.abs()) <= 0) {
            dir = start.signum() > 0 ? "Close Long" : "Close Short";
            if (newSize.signum() == 0) {
                entry = BigDecimal.ZERO;
            }
        } else {
            dir = start.signum() > 0 ? "Long > Short" : "Short > Long";
            entry = px;
        }
        size = newSize;
        return new Change(start, dir, closed);
    }
}
