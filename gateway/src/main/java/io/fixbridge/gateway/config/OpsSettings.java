package io.fixbridge.gateway.config;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code ops:} section of gateway.yaml: where the operations HTTP endpoint listens
 * ({@code /metrics}, {@code /health/live}, {@code /health/ready}, {@code /admin/...}) and the
 * token the admin endpoints require.
 *
 * @param listen     address and port; port 0 picks a free one (tests)
 * @param adminToken the bearer token of the admin endpoints; empty disables them
 */
public record OpsSettings(InetSocketAddress listen, Optional<String> adminToken) {
    /** The default address: loopback only, Prometheus's customary exporter port. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:9464";
    /** The shortest admin token accepted. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public OpsSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(adminToken, "adminToken");
    }

    @Override
    public String toString() {
        return "OpsSettings[listen=" + listen + ", adminToken=" + (adminToken.isPresent() ? "(set)" : "(none)") + "]";
    }
}
