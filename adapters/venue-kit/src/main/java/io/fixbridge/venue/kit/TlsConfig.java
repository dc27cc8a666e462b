package io.fixbridge.venue.kit;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * How the kit's clients verify a TLS server: against the JDK's trusted roots (the default, for
 * real venues) or against certificates given explicitly (simulators with self-signed certificates).
 * Host names are always verified (HTTPS endpoint identification). Uses the JDK TLS provider, so no
 * native library is needed. Immutable and thread-safe; the Netty context is built once, lazily.
 */
public final class TlsConfig {
    private static final TlsConfig SYSTEM = new TlsConfig(List.of());

    private final List<X509Certificate> trusted;
    private volatile SslContext context;

    private TlsConfig(List<X509Certificate> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** Trusts the JDK's default certificate authorities. */
    public static TlsConfig systemDefault() {
        return SYSTEM;
    }

    /** Trusts only the given certificates (for a simulator's self-signed certificate). */
    public static TlsConfig trusting(X509Certificate... certificates) {
        if (certificates.length == 0) {
            throw new IllegalArgumentException("at least one certificate to trust");
        }
        for (X509Certificate c : certificates) {
            Objects.requireNonNull(c, "certificate");
        }
        return new TlsConfig(List.of(certificates));
    }

    /**
     * The client context, for the kit's HTTP and WebSocket clients.
     *
     * @throws IllegalStateException when the JDK cannot build a TLS context
     */
    public SslContext sslContext() {
        SslContext c = context;
        if (c == null) {
            synchronized (this) {
                c = context;
                if (c == null) {
                    c = build();
                    context = c;
                }
            }
        }
        return c;
    }

    private SslContext build() {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .endpointIdentificationAlgorithm("HTTPS");
        if (!trusted.isEmpty()) {
            builder.trustManager(trusted);
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return trusted.isEmpty() ? "TlsConfig[system trust]" : "TlsConfig[" + trusted.size() + " trusted certificate(s)]";
    }
}
