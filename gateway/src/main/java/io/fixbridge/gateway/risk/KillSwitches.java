package io.fixbridge.gateway.risk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The engaged kill switches, kept in a file so that a switch engaged before a restart is still
 * engaged after it (an operator who stopped trading must not find it resumed by a restart).
 *
 * <p>Thread-safe: the admin endpoint engages and releases, the order engine asks
 * {@link #blocking}. Every change is written (to a temporary file, then moved into place) before
 * it returns; a change that cannot be written is not made and fails with {@link UncheckedIOException}.
 */
public final class KillSwitches {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A switch as the file keeps it. */
    private record Stored(String id, String scope, String venue, String account, String session, String reason,
                          String engagedAt) {
        static Stored of(KillSwitch k) {
            return new Stored(k.id(), k.scope().label(), k.venue(), k.account(), k.session(), k.reason(), k.engagedAt().toString());
        }

        KillSwitch toSwitch() {
            return new KillSwitch(id, KillSwitch.Scope.parse(scope), venue, account, session, reason, Instant.parse(engagedAt));
        }
    }

    private final Path file;
    private final Clock clock;
    private final Map<String, KillSwitch> engaged = new LinkedHashMap<>();
    private int lastId;
    private volatile List<KillSwitch> snapshot = List.of();

    private KillSwitches(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * The switches in {@code file}; none when it does not exist yet.
     *
     * @throws UncheckedIOException the file exists and cannot be read; the message names it
     */
    public static KillSwitches load(Path file, Clock clock) {
        KillSwitches switches = new KillSwitches(file, clock);
        if (Files.exists(file)) {
            try {
                List<Stored> stored = JSON.readValue(file.toFile(), new TypeReference<List<Stored>>() { });
                for (KillSwitch k : stored.stream().map(Stored::toSwitch).toList()) {
                    switches.engaged.put(k.id(), k);
                    switches.lastId = Math.max(switches.lastId, number(k.id()));
                }
            } catch (IOException | RuntimeException e) {
                throw new UncheckedIOException("kill switches file " + file + " cannot be read (" + e.getMessage()
                        + "); fix or remove it (removing releases every switch it held)", e instanceof IOException io ? io : new IOException(e));
            }
        }
        switches.snapshot = List.copyOf(switches.engaged.values());
        return switches;
    }

    private static int number(String id) {
        try {
            return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return 0;
        }
    }

    /** Engages a switch and records it; the caller has checked that venue, account or session exist. */
    public synchronized KillSwitch engage(KillSwitch.Scope scope, String venue, String account, String session, String reason) {
        KillSwitch k = new KillSwitch("ks-" + (lastId + 1), scope, venue, account, session, reason, clock.instant());
        engaged.put(k.id(), k);
        try {
            write();
        } catch (UncheckedIOException e) {
            engaged.remove(k.id());
            throw e;
        }
        lastId++;
        snapshot = List.copyOf(engaged.values());
        return k;
    }

    /** Releases switch {@code id}; empty when no such switch is engaged. */
    public synchronized Optional<KillSwitch> release(String id) {
        KillSwitch k = engaged.remove(id);
        if (k == null) {
            return Optional.empty();
        }
        try {
            write();
        } catch (UncheckedIOException e) {
            engaged.put(id, k);
            throw e;
        }
        snapshot = List.copyOf(engaged.values());
        return Optional.of(k);
    }

    /** The first engaged switch covering an order of that session, venue and account; lock-free. */
    public Optional<KillSwitch> blocking(String sessionCompId, String venue, String account) {
        for (KillSwitch k : snapshot) {
            if (k.covers(sessionCompId, venue, account)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Every engaged switch, oldest first. */
    public List<KillSwitch> all() {
        return snapshot;
    }

    private void write() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(engaged.values().stream().map(Stored::of).toList()));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kill switches cannot be written to " + file + ": " + e.getMessage(), e);
        }
    }
}
