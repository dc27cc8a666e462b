package io.fixbridge.venue.hyperliquid.dto;

/**
 * {@code POST /info {"type":"userRateLimit"}}: the address's request budget.
 *
 * @param cumVlm        cumulative volume traded, USDC
 * @param nRequestsUsed requests used
 * @param nRequestsCap  requests allowed so far
 */
public record UserRateLimit(String cumVlm, Long nRequestsUsed, Long nRequestsCap) {

    /** Requests left, never negative. */
    public long remaining() {
        long cap = nRequestsCap == null ? 0 : nRequestsCap;
        long used = nRequestsUsed == null ? 0 : nRequestsUsed;
        return Math.max(0, cap - used);
    }
}
