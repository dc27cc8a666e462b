package io.fixbridge.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code fix.tls:} section of gateway.yaml: TLS on the FIX acceptor (QuickFIX/J
 * {@code SocketUseSSL}). Passwords come from the environment ({@code ${VAR}}), never from the file.
 *
 * @param keyStore           the acceptor's key and certificate
 * @param keyStorePassword   its password
 * @param keyStoreType       {@code PKCS12} (default) or {@code JKS}
 * @param needClientAuth     whether counterparties must present a certificate the trust store accepts
 * @param trustStore         the certificates of accepted clients; required with {@code needClientAuth}
 * @param trustStorePassword its password
 */
public record TlsSettings(Path keyStore, String keyStorePassword, String keyStoreType, boolean needClientAuth,
                          Optional<Path> trustStore, Optional<String> trustStorePassword) {
    public static final String DEFAULT_KEYSTORE_TYPE = "PKCS12";

    public TlsSettings {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(keyStoreType, "keyStoreType");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    }

    @Override
    public String toString() {
        return "TlsSettings[keyStore=" + keyStore + ", keyStoreType=" + keyStoreType + ", needClientAuth=" + needClientAuth
                + ", trustStore=" + trustStore.map(Path::toString).orElse("none") + "]";
    }
}
