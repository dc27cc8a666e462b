package io.fixbridge.gateway.ops.logging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret values that must never reach a log line, and the {@link Masker} the log encoders
 * ({@link SecretValueMasker} for JSON, {@link MaskingPatternLayout} for text) apply to every
 * event. The gateway registers its configured secrets here at start
 * ({@code Secrets.of(config).forEach(SecretRegistry.global()::register)}); a secret learned
 * later (e.g. a rotated key) can be registered at any time and is masked from the next event on.
 * Secrets are never removed: a value once secret stays masked for the life of the process.
 *
 * <p>Each secret is masked as written and in the encodings it travels in: URL-encoded (form and
 * RFC 3986 style), Base64 (standard and URL-safe, without padding), JSON-escaped, and for a PEM
 * key each line of its Base64 body. A secret shorter than {@value #MIN_LENGTH} characters is not
 * masked (it would mask ordinary words and numbers all over the log); a WARN naming the setting,
 * never its value, says so.
 *
 * <p><b>Threading:</b> thread-safe. Registration is copy-on-write: the log pipeline reads an
 * immutable {@link Masker} snapshot with one volatile read, never waiting for a lock.
 * <b>Errors:</b> none thrown; null or blank values are ignored.
 */
public final class SecretRegistry {
    /** The shortest secret that is masked. */
    public static final int MIN_LENGTH = 6;

    private static final Logger LOG = LoggerFactory.getLogger(SecretRegistry.class);
    private static final SecretRegistry GLOBAL = new SecretRegistry();

    private final AtomicReference<Masker> masker = new AtomicReference<>(Masker.NONE);
    private final Set<String> names = new LinkedHashSet<>();
    private final Set<String> tooShort = new LinkedHashSet<>();

    /** A registry of its own (tests); the log pipeline uses {@link #global()}. */
    public SecretRegistry() {
    }

    /** The process-wide registry the log encoders read. */
    public static SecretRegistry global() {
        return GLOBAL;
    }

    /**
     * Masks {@code value} in every log event from now on.
     *
     * @param name  what the secret is, e.g. {@code venues[binance].accounts[main].secret}; logged
     *              when the value is too short to be masked
     * @param value the secret; null or blank: nothing to mask
     */
    public void register(String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (value.length() < MIN_LENGTH) {
            boolean first;
            synchronized (this) {
                first = tooShort.add(name);
            }
            if (first) {
                LOG.warn("secret {} is shorter than {} characters and is NOT masked in logs (too many false hits); "
                        + "use a longer value", name, MIN_LENGTH);
            }
            return;
        }
        Set<String> forms = forms(value);
        synchronized (this) {
            names.add(name);
            masker.set(masker.get().with(forms));
        }
    }

    /** The masker as of now. */
    public Masker masker() {
        return masker.get();
    }

    /** {@code text} with every registered secret replaced by {@link Masker#MASK}. */
    public String mask(String text) {
        return masker.get().mask(text);
    }

    /** The names of the secrets masked (never their values). */
    public synchronized Set<String> names() {
        return Set.copyOf(names);
    }

    /** The names of the secrets too short to be masked. */
    public synchronized Set<String> tooShort() {
        return Set.copyOf(tooShort);
    }

    @Override
    public String toString() {
        return "SecretRegistry[" + names() + "]";
    }

    /** The value and the encodings it is seen in; each at least as long as the value. */
    static Set<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(form);
        forms.add(form.replace("+", "%20").replace("*", "%2A").replace("%7E", "~"));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.add(jsonEscaped(value));
        if (value.contains("-----BEGIN")) {
            StringBuilder body = new StringBuilder();
            for (String line : value.split("\\R|\\\\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("-----")) {
                    body.append(l);
                    if (l.length() >= MIN_LENGTH) {
                        forms.add(l);
                    }
                }
            }
            if (body.length() >= MIN_LENGTH) {
                forms.add(body.toString());
            }
        }
        return forms;
    }

    private static String jsonEscaped(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
