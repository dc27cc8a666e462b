package io.fixbridge.venue.hyperliquid.dto;

import java.util.List;

/**
 * The {@code userFills} channel's data; the first message after subscribing is the snapshot.
 *
 * @param isSnapshot whether this is the snapshot of recent fills
 * @param user       the address
 * @param fills      fills
 */
public record UserFillsMessage(Boolean isSnapshot, String user, List<UserFill> fills) {
    public UserFillsMessage {
        fills = fills == null ? List.of() : List.copyOf(fills);
    }

    public boolean snapshot() {
        return Boolean.TRUE.equals(isSnapshot);
    }
}
