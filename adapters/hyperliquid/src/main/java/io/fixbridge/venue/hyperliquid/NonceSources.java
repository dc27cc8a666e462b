package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.hyperliquid.sign.NonceSource;
import io.fixbridge.venue.kit.sign.eth.EthAddress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nonce sources of one adapter: exactly one {@link NonceSource} per (nonce directory, signer address),
 * with its high-water file {@code <directory>/<address>.nonce}. Hyperliquid counts nonces per signer, so
 * every account signed by the same key (an account and the vaults or sub-accounts it trades, or several
 * accounts sharing one API wallet) must draw from the same sequence; two sources on one file would hand out
 * the same nonce twice and overwrite each other's high-water mark.
 *
 * <p>Thread-safe. {@link #of} fails with {@link UncheckedIOException} when the directory cannot be created,
 * or as {@link NonceSource#persistent} fails for an unreadable high-water file.
 */
final class NonceSources {
    private record Key(Path directory, EthAddress signer) {
    }

    private final Clock clock;
    private final Map<Key, NonceSource> sources = new ConcurrentHashMap<>();

    NonceSources(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The one nonce source of {@code signer} in {@code directory}, created on first use. */
    NonceSource of(Path directory, EthAddress signer) {
        Path dir = directory.toAbsolutePath().normalize();
        return sources.computeIfAbsent(new Key(dir, signer), k -> {
            try {
                Files.createDirectories(k.directory());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the nonce directory " + k.directory() + ": "
                        + e.getMessage(), e);
            }
            return NonceSource.persistent(k.directory().resolve(k.signer().hex() + ".nonce"), clock);
        });
    }
}
