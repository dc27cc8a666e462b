package io.fixbridge.gateway.config;

/**
 * The configuration is wrong. The message names the file and the setting and says how to fix
 * it; the gateway refuses to start.
 */
public final class GatewayConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GatewayConfigException(String message) {
        super(message);
    }

    public GatewayConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
