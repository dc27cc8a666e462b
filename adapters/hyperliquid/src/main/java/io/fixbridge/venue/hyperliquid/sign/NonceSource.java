package io.fixbridge.venue.hyperliquid.sign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request nonces for one Hyperliquid signer: strictly increasing across threads
 * ({@code max(now millis, last + 1)} by compare-and-set) and, with a high-water file, across
 * restarts.
 *
 * <p>Hyperliquid's rule: a nonce is accepted when it lies in {@code (now - 2 days, now + 1 day)},
 * has not been used, and is larger than the smallest of the 100 highest nonces the signer has
 * used. Millisecond timestamps that never go back satisfy it; this class never hands out the same
 * number twice, keeps increasing when the clock steps backwards, and refuses (with
 * {@link IllegalStateException}) to issue a nonce more than {@link #MAX_AHEAD} ahead of the clock,
 * which would be rejected as "too high".
 *
 * <p>Restarts: with a file, the source reserves a block ahead ({@code last + reservation},
 * default 10 000) and persists the reservation's upper bound atomically (temporary file + move)
 * only when the block is used up, so there is no disk write per order. After a restart it starts
 * above the persisted bound, hence above every nonce the previous process could have used (at most
 * {@code reservation} milliseconds ahead of the clock). The write is not fsynced: an operating
 * system crash may lose the latest bound, in which case the clock (normally far past it) still
 * protects. A persisted bound that is unreadable or more than a day ahead of the clock fails the
 * constructor loudly, naming the file.
 *
 * <p>Thread-safe. Use one instance (and one file) per signer.
 */
public final class NonceSource {
    /** How far ahead of the clock a nonce may be: the venue's 1 day window minus a minute of skew margin. */
    public static final Duration MAX_AHEAD = Duration.ofDays(1).minusMinutes(1);
    /** The default reservation block. */
    public static final long DEFAULT_RESERVATION = 10_000;

    private final Clock clock;
    private final Path file;
    private final long reservation;
    private final AtomicLong last;
    private final Object persistLock = new Object();
    private volatile long reservedUpTo;

    private NonceSource(Clock clock, Path file, long reservation) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.file = file;
        if (reservation < 1) {
            throw new IllegalArgumentException("reservation must be positive, got " + reservation);
        }
        this.reservation = reservation;
        long start = file == null ? 0 : readHighWater(file, clock);
        this.last = new AtomicLong(start);
        this.reservedUpTo = start;
    }

    /** Nonces from {@code clock}, not persisted (tests, or a signer that only ever runs once). */
    public static NonceSource inMemory(Clock clock) {
        return new NonceSource(clock, null, DEFAULT_RESERVATION);
    }

    /** Nonces from {@code clock}, persisted in {@code highWaterFile} (created if missing). */
    public static NonceSource persistent(Path highWaterFile, Clock clock) {
        return new NonceSource(clock, Objects.requireNonNull(highWaterFile, "highWaterFile"), DEFAULT_RESERVATION);
    }

    /** As {@link #persistent(Path, Clock)} with a custom reservation block size. */
    public static NonceSource persistent(Path highWaterFile, Clock clock, long reservation) {
        return new NonceSource(clock, Objects.requireNonNull(highWaterFile, "highWaterFile"), reservation);
    }

    /**
     * The next nonce: larger than every nonce this source (and, with a file, any earlier process)
     * issued, and at least the clock's milliseconds.
     *
     * @throws IllegalStateException when it would be more than {@link #MAX_AHEAD} ahead of the clock
     * @throws UncheckedIOException when the reservation cannot be persisted (no nonce is issued;
     *                              the next call tries again)
     */
    public long next() {
        while (true) {
            long now = clock.millis();
            long prev = last.get();
            long candidate = Math.max(now, prev + 1);
            if (candidate - now > MAX_AHEAD.toMillis()) {
                throw new IllegalStateException("nonce " + candidate + " would be more than " + MAX_AHEAD.toHours()
                        + " h ahead of the clock (" + now + "); Hyperliquid would refuse it as too high");
            }
            if (file != null && candidate > reservedUpTo) {
                reserve(candidate);
            }
            if (last.compareAndSet(prev, candidate)) {
                return candidate;
            }
        }
    }

    /** The last nonce issued (or the restart floor before the first one). */
    public long lastIssued() {
        return last.get();
    }

    /** The high-water file, or null. */
    public Path file() {
        return file;
    }

    private void reserve(long candidate) {
        synchronized (persistLock) {
            if (candidate <= reservedUpTo) {
                return;
            }
            long bound = candidate + reservation;
            Path dir = file.toAbsolutePath().getParent();
            try {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
                try {
                    Files.writeString(tmp, Long.toString(bound) + "\n", StandardCharsets.US_ASCII);
                    try {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot persist the nonce high-water mark to " + file + ": " + e.getMessage(), e);
            }
            reservedUpTo = bound;
        }
    }

    private static long readHighWater(Path file, Clock clock) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the nonce high-water file " + file + ": " + e.getMessage(), e);
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("nonce high-water file " + file + " does not hold a number (\"" + text
                    + "\"); delete it only if no other process signs with this key", e);
        }
        if (value < 0 || value - clock.millis() > MAX_AHEAD.toMillis()) {
            throw new IllegalStateException("nonce high-water file " + file + " holds " + value
                    + ", outside Hyperliquid's window (now - 2 days, now + 1 day) around " + clock.millis()
                    + "; check the system clock, or delete the file if it is wrong");
        }
        return value;
    }

    @Override
    public String toString() {
        return "NonceSource[last=" + last.get() + (file == null ? "" : ", file=" + file) + "]";
    }
}
