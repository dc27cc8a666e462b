package io.fixbridge.sims.binance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A signed net position with its average entry price and accumulated realised profit, kept per
 * account and symbol to report each fill's realised PnL ({@code rp}) the way Binance does. It
 * follows the same rules as the engine's ledger (average in on increase, realise on reduce, the
 * fill price becomes the entry on a flip), so it always agrees with the engine's position.
 *
 * <p><b>Threading:</b> confined to the engine thread.
 */
final class NetPosition {
    BigDecimal quantity = BigDecimal.ZERO;
    BigDecimal entryPrice = BigDecimal.ZERO;
    BigDecimal realized = BigDecimal.ZERO;

    /** Applies a signed fill; answers the PnL it realises (zero when it only adds). */
    BigDecimal apply(BigDecimal signed, BigDecimal price) {
        if (quantity.signum() == 0 || quantity.signum() == signed.signum()) {
            BigDecimal size = quantity.abs();
            BigDecimal added = signed.abs();
            entryPrice = size.multiply(entryPrice).add(added.multiply(price))
                    .divide(size.add(added), 16, RoundingMode.HALF_EVEN).stripTrailingZeros();
            quantity = quantity.add(signed);
            return BigDecimal.ZERO;
        }
        BigDecimal closing = signed.abs().min(quantity.abs());
        BigDecimal perUnit = quantity.signum() > 0 ? price.subtract(entryPrice) : entryPrice.subtract(price);
        BigDecimal pnl = closing.multiply(perUnit);
        BigDecimal after = quantity.add(signed);
        if (after.signum() == 0) {
            entryPrice = BigDecimal.ZERO;
        } else if (after.signum() != quantity.signum()) {
            entryPrice = price;
        }
        quantity = after;
        realized = realized.add(pnl);
        return pnl;
    }
}
