package io.fixbridge.gateway.fix;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.config.PasswordHash;
import io.fixbridge.gateway.config.SessionProfile.SessionAuth;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.SessionID;

/**
 * Decides whether a Logon(35=A) may open its session, from the session's {@link SessionAuth}
 * in gateway.yaml: first the remote address against {@code allowedAddresses} (empty: any), then
 * Username(553) and Password(554) against {@code username} and {@code passwordHash} (when
 * configured). The address is checked first so a connection from outside the ranges never costs
 * a password hash.
 *
 * <p>A refusal carries a Text for the Logout that helps a person and gives nothing away: it
 * never says which of username and password was wrong, never echoes either, and names only the
 * counterparty's own address. Each refusal is logged at WARN with the session, the reason and the
 * remote address; the supplied username and password are never logged (a password typed into
 * the username field is a classic leak).
 *
 * <p>Stateless and thread-safe: QuickFIX/J calls it on each session's own thread. Never throws
 * for bad input; an unreadable remote address counts as outside every range.
 */
public final class LogonGuard {
    private static final Logger LOG = LoggerFactory.getLogger(LogonGuard.class);
    /** Username(553). */
    static final int USERNAME = 553;
    /** Password(554). */
    static final int PASSWORD = 554;
    /** A literal IPv4 or IPv6 address, with an optional IPv6 scope; never a host name (no DNS lookup). */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+(%[A-Za-z0-9_.-]+)?");

    /** Why a logon was refused. */
    public enum Reason {
        /** Username(553) or Password(554) missing or not matching the configured ones. */
        CREDENTIALS,
        /** The connection comes from an address outside the session's {@code allowedAddresses}. */
        ADDRESS;

        /** The bounded label value for metrics: {@code credentials} or {@code address}. */
        public String metricReason() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A refused logon.
     *
     * @param reason why
     * @param text   the Text(58) of the Logout: human-readable, holding no secret
     */
    public record Refusal(Reason reason, String text) {
        public Refusal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(text, "text");
        }

        /** The bounded label value for metrics: {@code credentials} or {@code address}. */
        public String metricReason() {
            return reason.metricReason();
        }
    }

    /**
     * Checks one Logon.
     *
     * @param session       the session it would open (for the log line)
     * @param auth          the session's configured credentials and address ranges
     * @param logon         the Logon message as received
     * @param remoteAddress where it comes from, as QuickFIX/J reports it
     *                      ({@code Session#getRemoteAddress()}, e.g. {@code /127.0.0.1:54321});
     *                      null when unknown
     * @return the refusal, or empty when the logon may proceed
     */
    public Optional<Refusal> check(SessionID session, SessionAuth auth, Message logon, String remoteAddress) {
        Optional<Refusal> refusal = decide(auth, logon, remoteAddress);
        refusal.ifPresent(r -> LOG.warn("FIX session {}: logon refused ({}) from {}: {}", session, r.metricReason(),
                remoteAddress == null ? "an unknown address" : remoteAddress, r.text()));
        return refusal;
    }

    private static Optional<Refusal> decide(SessionAuth auth, Message logon, String remoteAddress) {
        if (!auth.allowedAddresses().isEmpty()) {
            Optional<InetAddress> address = address(remoteAddress);
            if (address.isEmpty()) {
                return Optional.of(new Refusal(Reason.ADDRESS,
                        "logon refused: the gateway cannot tell the address you connect from, and this session accepts only listed addresses"));
            }
            if (auth.allowedAddresses().stream().noneMatch(range -> range.contains(address.get()))) {
                return Optional.of(new Refusal(Reason.ADDRESS, "logon refused: connections from "
                        + address.get().getHostAddress() + " are not allowed for this session; ask the gateway operator"));
            }
        }
        if (auth.hasCredentials()) {
            String username = field(logon, USERNAME);
            String password = field(logon, PASSWORD);
            if (username == null || password == null) {
                return Optional.of(new Refusal(Reason.CREDENTIALS,
                        "logon refused: this session requires Username(553) and Password(554) on the Logon"));
            }
            if (!credentialsMatch(auth, username, password)) {
                return Optional.of(new Refusal(Reason.CREDENTIALS,
                        "logon refused: Username(553) or Password(554) is not valid"));
            }
        }
        return Optional.empty();
    }

    /**
     * Compares the username in constant time and always derives the password hash, so neither a
     * wrong username nor a wrong password answers faster than the other.
     */
    private static boolean credentialsMatch(SessionAuth auth, String username, String password) {
        byte[] expected = auth.username().orElseThrow().getBytes(StandardCharsets.UTF_8);
        boolean userOk = MessageDigest.isEqual(expected, username.getBytes(StandardCharsets.UTF_8));
        PasswordHash hash = auth.passwordHash().orElseThrow();
        char[] given = password.toCharArray();
        try {
            boolean passwordOk = hash.matches(given);
            return userOk & passwordOk;
        } finally {
            Arrays.fill(given, '\0');
        }
    }

    private static String field(Message logon, int tag) {
        try {
            return logon.isSetField(tag) ? logon.getString(tag) : null;
        } catch (FieldNotFound e) {
            return null;
        }
    }

    /**
     * The address part of what QuickFIX/J reports: {@code /127.0.0.1:54321},
     * {@code host/10.0.0.1:54321}, {@code /[0:0:0:0:0:0:0:1]:54321} or (older JDKs)
     * {@code /0:0:0:0:0:0:0:1:54321}. Literal addresses only; anything else is empty.
     */
    static Optional<InetAddress> address(String remote) {
        if (remote == null || remote.isBlank()) {
            return Optional.empty();
        }
        String s = remote.strip();
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        String host;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = s.substring(1, close);
        } else {
            int colon = s.lastIndexOf(':');
            // one colon: ipv4:port; several: an unbracketed IPv6 address followed by :port
            host = colon < 0 ? s : s.substring(0, colon);
        }
        if (!LITERAL.matcher(host).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
