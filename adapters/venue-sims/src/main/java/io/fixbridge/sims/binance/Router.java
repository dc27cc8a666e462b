package io.fixbridge.sims.binance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the {@link Endpoint} of a method and path. Built once while the simulator starts, then
 * read-only. Thread-safe after construction.
 */
final class Router {
    private final Map<String, Endpoint> routes = new LinkedHashMap<>();

    void add(Endpoint e) {
        String key = e.method() + " " + e.path();
        if (routes.putIfAbsent(key, e) != null) {
            throw new IllegalStateException("route " + key + " is defined twice");
        }
    }

    /** The endpoint, or null when none serves this method and path. */
    Endpoint find(String method, String path) {
        return routes.get(method + " " + path);
    }

    /** Whether any method serves {@code path} (to tell 405 from 404). */
    boolean knowsPath(String path) {
        for (Endpoint e : routes.values()) {
            if (e.path().equals(path)) {
                return true;
            }
        }
        return false;
    }
}
