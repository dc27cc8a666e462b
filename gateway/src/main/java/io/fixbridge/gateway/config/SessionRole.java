package io.fixbridge.gateway.config;

import java.util.Arrays;

/** What a FIX session may do on the gateway. */
public enum SessionRole {
    /** Sends orders, cancels, replaces and status requests; receives their ExecutionReports. */
    ORDER_ENTRY("order-entry"),
    /**
     * Read-only: receives a copy of every ExecutionReport and OrderCancelReject of the order-entry
     * sessions in its scope; an order message from it is answered with a BusinessMessageReject.
     */
    DROP_COPY("dropcopy"),
    /**
     * Market and reference data only: MarketDataRequest and SecurityListRequest; orders and
     * account data requests are answered with a BusinessMessageReject. Its messages are not
     * stored for resend (PersistMessages=N): a resend request is answered with a gap fill, since a
     * book or trade sent again later would be stale.
     */
    MARKET_DATA("marketdata");

    private final String configName;

    SessionRole(String configName) {
        this.configName = configName;
    }

    /** The name used in gateway.yaml. */
    public String configName() {
        return configName;
    }

    static SessionRole fromConfig(String value, String path) {
        return Arrays.stream(values())
                .filter(r -> r.configName.equals(value))
                .findFirst()
                .orElseThrow(() -> new GatewayConfigException(path + ": unknown role '" + value
                        + "'; allowed: " + Arrays.stream(values()).map(SessionRole::configName).toList()));
    }
}
