package io.fixbridge.gateway.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The {@code ops:} section of gateway.yaml: where the operations HTTP endpoint listens
 * ({@code /health/live}, {@code /health/ready}).
 *
 * @param listen address and port; port 0 picks a free one (tests)
 */
public record OpsSettings(InetSocketAddress listen) {
    /** The default address: loopback only, Prometheus's customary exporter port. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:9464";

    public OpsSettings {
        Objects.requireNonNull(listen, "listen");
    }
}
