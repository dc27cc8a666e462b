package io.fixbridge.sims.bybit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Finds the {@link Endpoint} of a method and path. Built once at start, then read-only and thread-safe. */
final class Router {
    private final Map<String, Endpoint> routes = new LinkedHashMap<>();

    void add(Endpoint e) {
        String key = e.method() + " " + e.path();
        if (routes.putIfAbsent(key, e) != null) {
            throw new IllegalStateException("route " + key + " is defined twice");
        }
    }

    /** The endpoint, or null. */
    Endpoint find(String method, String path) {
        return routes.get(method + " " + path);
    }
}
