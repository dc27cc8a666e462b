package io.fixbridge.venue.hyperliquid.dto;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code allMids} channel's data, {@code {"mids": {"BTC": "30135.0", "@1": "0.0146", ...}}}; the answer
 * to {@code POST /info {"type":"allMids"}} is the {@code mids} object itself. Keys are coin names as in
 * orders and books (a perpetual's name, {@code PURR/USDC}, {@code @<spot pair index>}); values are decimal
 * strings. Hyperliquid gives no time.
 *
 * @param mids mid price by coin name
 */
public record AllMids(Map<String, String> mids) {
    public AllMids {
        mids = mids == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(mids));
    }
}
