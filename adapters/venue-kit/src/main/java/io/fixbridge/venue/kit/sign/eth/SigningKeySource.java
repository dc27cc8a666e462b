package io.fixbridge.venue.kit.sign.eth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing key in use, rotatable without a restart. {@link #fixed} never changes;
 * {@link #keystore} decrypts a V3 keystore at construction and then polls the file on a daemon
 * thread ({@code keystore-watch}) it owns: when the file changes (modification time, size or
 * content hash) it is decrypted again with a freshly read passphrase and the key is swapped
 * atomically, logging {@code keystore <file>: signer is now 0x<address>} at INFO. A reload that
 * fails (file missing, half written, wrong passphrase) keeps the old key, logs a WARN and is
 * retried on the next poll.
 *
 * <p>Thread-safe: {@link #current()} may be called from any thread at any time and returns the
 * key of the latest successful load. Rotation listeners run on the watch thread (or the thread
 * calling {@link #refresh()}); an exception from a listener is logged and does not stop the
 * others. {@link #close()} stops polling, is idempotent and keeps {@link #current()} working. No
 * log line, message or {@code toString()} contains a key or a passphrase.
 */
public final class SigningKeySource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeySource.class);

    private final AtomicReference<EthSigningKey> current;
    private final Path file;
    private final PassphraseSource passphrase;
    private final ScheduledExecutorService watcher;
    private final List<Consumer<EthAddress>> listeners = new CopyOnWriteArrayList<>();
    private Fingerprint loaded;

    private SigningKeySource(EthSigningKey key, Path file, PassphraseSource passphrase, Fingerprint loaded,
            ScheduledExecutorService watcher) {
        this.current = new AtomicReference<>(key);
        this.file = file;
        this.passphrase = passphrase;
        this.loaded = loaded;
        this.watcher = watcher;
    }

    /** A source that always signs with {@code key}. */
    public static SigningKeySource fixed(EthSigningKey key) {
        return new SigningKeySource(Objects.requireNonNull(key, "key"), null, null, null, null);
    }

    /**
     * Loads {@code file} now (failing with {@link KeyManagementException} naming the file and the
     * fix) and watches it every {@code pollInterval} for a rotated key.
     */
    public static SigningKeySource keystore(Path file, PassphraseSource passphrase, Duration pollInterval) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, got " + pollInterval);
        }
        Fingerprint fingerprint = Fingerprint.of(file);
        EthSigningKey key = decrypt(file, passphrase);
        LOG.info("keystore {}: signer is now {}", file, key.address().hex());
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keystore-watch-" + file.getFileName());
            t.setDaemon(true);
            return t;
        });
        SigningKeySource source = new SigningKeySource(key, file, passphrase, fingerprint, watcher);
        long millis = pollInterval.toMillis();
        watcher.scheduleWithFixedDelay(source::poll, millis, millis, TimeUnit.MILLISECONDS);
        return source;
    }

    /** The key to sign with now. */
    public EthSigningKey current() {
        return current.get();
    }

    /** The address of {@link #current()}. */
    public EthAddress address() {
        return current.get().address();
    }

    /** Calls {@code listener} with the new address after every rotation that changes the address. */
    public void onRotation(Consumer<EthAddress> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Checks the keystore file now (as the next poll would) and reloads it when it changed.
     * Returns true when a new key was loaded; false when nothing changed, the reload failed (logged
     * as a WARN, the old key stays) or this is a {@link #fixed} source.
     */
    public boolean refresh() {
        if (file == null) {
            return false;
        }
        synchronized (this) {
            Fingerprint now;
            try {
                now = Fingerprint.of(file);
            } catch (KeyManagementException e) {
                LOG.warn("keystore {}: cannot read it ({}); still signing as {}; retrying in the next poll",
                        file, e.getMessage(), address().hex());
                return false;
            }
            if (now.equals(loaded)) {
                return false;
            }
            EthSigningKey next;
            try {
                next = decrypt(file, passphrase);
            } catch (KeyManagementException e) {
                LOG.warn("keystore {}: reload failed ({}); still signing as {}; retrying in the next poll",
                        file, e.getMessage(), address().hex());
                return false;
            }
            EthAddress before = current.getAndSet(next).address();
            loaded = now;
            LOG.info("keystore {}: signer is now {}", file, next.address().hex());
            if (!before.equals(next.address())) {
                for (Consumer<EthAddress> listener : listeners) {
                    try {
                        listener.accept(next.address());
                    } catch (RuntimeException e) {
                        LOG.warn("keystore {}: a rotation listener failed: {}", file, e.toString(), e);
                    }
                }
            }
            return true;
        }
    }

    private void poll() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("keystore {}: unexpected error while checking for a rotated key: {}", file, e.toString(), e);
        }
    }

    /** Stops watching the file; {@link #current()} keeps returning the last key. Idempotent. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "SigningKeySource[" + (file == null ? "fixed" : "keystore " + file) + ", address=" + address().hex() + "]";
    }

    private static EthSigningKey decrypt(Path file, PassphraseSource passphrase) {
        char[] secret = passphrase.passphrase();
        try {
            return EthKeystore.load(file, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** What identifies one version of the keystore file. */
    private record Fingerprint(long modifiedMillis, long size, String sha256) {
        static Fingerprint of(Path file) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                long modified = Files.getLastModifiedTime(file).toMillis();
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
                return new Fingerprint(modified, bytes.length, Hex.encode(hash));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new KeyManagementException(KeyManagementException.Reason.NOT_FOUND,
                        "keystore " + file + " does not exist; create it with `fixbridge keystore create --file " + file + "`", e);
            } catch (IOException e) {
                throw new KeyManagementException(KeyManagementException.Reason.IO, "cannot read keystore " + file + ": " + e, e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available in this JVM", e);
            }
        }
    }
}
