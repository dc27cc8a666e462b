package io.fixbridge.sims.bybit;

import io.fixbridge.venue.paper.engine.Contracts;

import java.math.BigDecimal;

/**
 * One account's net position in one derivative, kept beside the engine's to report what Bybit
 * reports and the engine does not: each fill's realised PnL and closed size, the realised PnL
 * since the position opened ({@code curRealisedPnl}) and ever ({@code cumRealisedPnl}, both net
 * of fees), and times. It follows the engine's rules ({@link Contracts}), so size and entry always
 * agree with the engine's position.
 *
 * <p><b>Threading:</b> confined to the engine thread.
 */
final class PositionTracker {
    final Listing listing;
    BigDecimal size = BigDecimal.ZERO;
    BigDecimal entry = BigDecimal.ZERO;
    BigDecimal cumRealised = BigDecimal.ZERO;
    BigDecimal curRealised = BigDecimal.ZERO;
    long createdTime;
    long updatedTime;
    long seq;
    /** The hedge-mode positionIdx last traded (1 long, 2 short); 0 in one-way mode. */
    int lastIdx;

    PositionTracker(Listing listing, long now) {
        this.listing = listing;
        this.createdTime = now;
        this.updatedTime = now;
    }

    /** The result of one fill: realised PnL before fees and the part that closed. */
    record Applied(BigDecimal pnl, BigDecimal closed) {
    }

    /** Applies a fill of {@code signed} contracts at {@code price} with {@code fee}. */
    Applied apply(BigDecimal signed, BigDecimal price, BigDecimal fee, long now, long seqNo) {
        BigDecimal pnl = BigDecimal.ZERO;
        BigDecimal closed = BigDecimal.ZERO;
        boolean wasFlat = size.signum() == 0;
        if (size.signum() == 0 || size.signum() == signed.signum()) {
            entry = Contracts.averageEntry(listing.instrument, size.abs(), entry, signed.abs(), price);
            size = size.add(signed);
        } else {
            closed = signed.abs().min(size.abs());
            pnl = Contracts.pnl(listing.instrument, size.signum() > 0, closed, entry, price);
            BigDecimal after = size.add(signed);
            if (after.signum() == 0) {
                entry = BigDecimal.ZERO;
            } else if (after.signum() != size.signum()) {
                entry = price;
            }
            size = after;
        }
        if (wasFlat) {
            curRealised = BigDecimal.ZERO;
            createdTime = now;
        }
        BigDecimal net = pnl.subtract(fee);
        curRealised = curRealised.add(net);
        cumRealised = cumRealised.add(net);
        updatedTime = now;
        seq = seqNo;
        return new Applied(pnl, closed);
    }
}
