package io.fixbridge.venue;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One asset's balance in one account.
 *
 * @param asset     asset code
 * @param total     everything held
 * @param available what new orders may use (total less what open orders hold)
 */
public record Balance(String asset, BigDecimal total, BigDecimal available) {
    public Balance {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(available, "available");
    }
}
