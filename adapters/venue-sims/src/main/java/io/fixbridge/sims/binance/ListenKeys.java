package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Listen keys of the user-data streams: at most one active key per account and API family; a key
 * lives 60 minutes from its creation or last keepalive. Creating a key for an account that has one
 * returns that key and extends it, as Binance does. Expired keys get a {@code listenKeyExpired}
 * event and their streams are closed.
 *
 * <p><b>Threading:</b> thread-safe (synchronized); used from the event loops and the engine
 * thread's expiry timer.
 */
final class ListenKeys {
    static final long VALIDITY_MILLIS = 60 * 60_000L;

    /** One active key. */
    record Key(String value, Market market, String account, long expiresAt) {
    }

    private final Clock clock;
    private final UserDataHub hub;
    private final Map<String, Key> byValue = new HashMap<>();

    ListenKeys(Clock clock, UserDataHub hub) {
        this.clock = clock;
        this.hub = hub;
    }

    /** POST: the account's active key (extended), or a new one. */
    synchronized String create(Market market, String account) {
        for (Key k : byValue.values()) {
            if (k.market() == market && k.account().equals(account)) {
                byValue.put(k.value(), new Key(k.value(), market, account, clock.millis() + VALIDITY_MILLIS));
                return k.value();
            }
        }
        String value = Ids.listenKey();
        byValue.put(value, new Key(value, market, account, clock.millis() + VALIDITY_MILLIS));
        return value;
    }

    /** PUT: extends {@code value} (or, when null, the account's key); -1125 when there is none. */
    synchronized String keepAlive(Market market, String account, String value) {
        Key k = find(market, account, value);
        byValue.put(k.value(), new Key(k.value(), market, account, clock.millis() + VALIDITY_MILLIS));
        return k.value();
    }

    /** DELETE: closes the key and its streams; -1125 when there is none. */
    void close(Market market, String account, String value) {
        Key k;
        synchronized (this) {
            k = find(market, account, value);
            byValue.remove(k.value());
        }
        hub.closeKey(k.value());
    }

    /** The active key with this value, or null. */
    synchronized Key lookup(String value) {
        Key k = byValue.get(value);
        return k == null || k.expiresAt() <= clock.millis() ? null : k;
    }

    /** Expires the keys whose time is up; run periodically. */
    void expire() {
        List<Key> expired = new ArrayList<>();
        synchronized (this) {
            long now = clock.millis();
            byValue.values().removeIf(k -> {
                if (k.expiresAt() <= now) {
                    expired.add(k);
                    return true;
                }
                return false;
            });
        }
        for (Key k : expired) {
            ObjectNode event = Json.object();
            event.put("e", "listenKeyExpired");
            event.put("E", clock.millis());
            event.put("listenKey", k.value());
            hub.publishToKey(k.value(), event);
            hub.closeKey(k.value());
        }
    }

    private Key find(Market market, String account, String value) {
        if (value != null) {
            Key k = byValue.get(value);
            if (k == null || k.market() != market || !k.account().equals(account)) {
                throw Errors.listenKeyUnknown();
            }
            return k;
        }
        for (Key k : byValue.values()) {
            if (k.market() == market && k.account().equals(account)) {
                return k;
            }
        }
        throw Errors.listenKeyUnknown();
    }
}
