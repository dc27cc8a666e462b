package io.fixbridge.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueSettings;

/**
 * Every secret value a {@link GatewayConfig} holds, each named by its setting
 * ({@code venues[binance].accounts[main].secret}), for the log redaction layer
 * ({@code SecretRegistry}) and for tests that prove no secret is ever logged.
 *
 * <p>What counts as secret:
 * <ul>
 *   <li>in each venue's and each account's settings, at any depth, a setting whose name says
 *       secret: it contains {@code secret}, {@code password}, {@code passwd}, {@code passphrase},
 *       {@code privateKey}, {@code apiKey}, {@code token}, {@code credential}, {@code mnemonic},
 *       {@code seedPhrase}, {@code signingKey}, {@code accessKey} or {@code authKey}, in any case
 *       (so {@code apiKey}, {@code secret}, {@code apiSecret}, {@code privateKey},
 *       {@code privateKeyPassword}, {@code password}, {@code walletPrivateKey}, {@code keystorePassword}
 *       ...), and every value below such a setting when it is a section or list. Where the name
 *       ends in {@code Env} (e.g. {@code passphraseEnv}) the secret is the value of the environment
 *       variable it names; where it ends in {@code File} ({@code passphraseFile},
 *       {@code privateKeyFile}) the secret is the file's text (whole, and its first line); names
 *       ending in {@code Path}, {@code Dir}, {@code Directory}, {@code Url} or {@code Uri} are
 *       places, not secrets;</li>
 *   <li>{@code fix.tls.keyStorePassword} and {@code fix.tls.trustStorePassword};</li>
 *   <li>{@code ops.adminToken};</li>
 *   <li>each session's {@code passwordHash} (a salted hash still allows guessing offline).</li>
 * </ul>
 * A FIX session's plain password is not in the configuration; it arrives in Password(554) at logon.
 *
 * <p>{@link #toString()} and {@link Secret#toString()} show names only, never values.
 *
 * <p><b>Threading:</b> immutable and thread-safe once built. <b>Errors:</b>
 * {@link IllegalStateException} when a secret file exists but cannot be read (the message names the
 * setting and the file, never the content; {@code Gateway.start} reports it as a start failure); a
 * secret file that does not exist is left to the adapter that needs it to report.
 */
public final class Secrets {
    private static final List<String> SECRET_WORDS = List.of("secret", "password", "passwd", "passphrase", "privatekey",
            "apikey", "token", "credential", "mnemonic", "seedphrase", "signingkey", "accesskey", "authkey");
    private static final List<String> PLACE_SUFFIXES = List.of("path", "dir", "directory", "url", "uri");
    private static final long MAX_SECRET_FILE_BYTES = 1 << 20;

    private final List<Secret> secrets;

    private Secrets(List<Secret> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /**
     * One secret.
     *
     * @param name  its setting, e.g. {@code venues[binance].accounts[main].secret}
     * @param value the secret itself; never printed by {@link #toString()}
     */
    public record Secret(String name, String value) {
        public Secret {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Secret[" + name + "]";
        }
    }

    /** The secrets of {@code config}, environment variables read from the process environment. */
    public static Secrets of(GatewayConfig config) {
        return of(config, System::getenv);
    }

    /** The secrets of {@code config}, environment variables read from {@code environment}. */
    public static Secrets of(GatewayConfig config, UnaryOperator<String> environment) {
        Collector c = new Collector(environment);
        for (VenueSettings venue : config.venues()) {
            c.scan(venue.settings(), false);
            for (VenueSettings.Account account : venue.accounts()) {
                c.scan(account.settings(), false);
            }
        }
        config.fixTls().ifPresent(tls -> {
            c.add("fix.tls.keyStorePassword", tls.keyStorePassword());
            tls.trustStorePassword().ifPresent(p -> c.add("fix.tls.trustStorePassword", p));
        });
        config.ops().adminToken().ifPresent(token -> c.add("ops.adminToken", token));
        config.sessions().values().forEach(s -> s.auth().passwordHash()
                .ifPresent(h -> c.add("sessions[" + s.senderCompId() + "].passwordHash", h.encoded())));
        return new Secrets(c.found);
    }

    /** Every secret, in configuration order. */
    public List<Secret> all() {
        return secrets;
    }

    /** The names of the secrets. */
    public List<String> names() {
        return secrets.stream().map(Secret::name).toList();
    }

    /** Calls {@code action} with each secret's name and value, e.g. {@code SecretRegistry.global()::register}. */
    public void forEach(BiConsumer<String, String> action) {
        secrets.forEach(s -> action.accept(s.name(), s.value()));
    }

    /** Whether {@code settingName} (the last part of a path) names a secret. */
    public static boolean isSecretName(String settingName) {
        String lower = settingName.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains) && PLACE_SUFFIXES.stream().noneMatch(lower::endsWith);
    }

    @Override
    public String toString() {
        return "Secrets" + names();
    }

    /** Walks configuration sections collecting secrets. */
    private static final class Collector {
        private final UnaryOperator<String> environment;
        private final List<Secret> found = new ArrayList<>();

        Collector(UnaryOperator<String> environment) {
            this.environment = environment;
        }

        void add(String name, String value) {
            if (value != null && !value.isBlank()) {
                found.add(new Secret(name, value));
            }
        }

        /** Collects the secrets of {@code view}; under a secret setting every value is secret. */
        void scan(ConfigView view, boolean secretSection) {
            for (String key : view.keys()) {
                String lower = key.toLowerCase(Locale.ROOT);
                boolean secret = secretSection || isSecretName(key);
                Optional<String> text = Shape.text(view, key);
                if (text.isPresent()) {
                    if (!secret) {
                        continue;
                    }
                    if (lower.endsWith("env") && !secretSection) {
                        String variable = text.get();
                        add(view.pathOf(key) + " ($" + variable + ")", environment.apply(variable));
                    } else if (lower.endsWith("file") && !secretSection) {
                        file(view, key, text.get());
                    } else {
                        add(view.pathOf(key), text.get());
                    }
                    continue;
                }
                Optional<ConfigView> section = Shape.section(view, key);
                if (section.isPresent()) {
                    scan(section.get(), secret);
                    continue;
                }
                List<String> values = Shape.values(view, key);
                if (secret) {
                    for (int i = 0; i < values.size(); i++) {
                        add(view.pathOf(key) + "[" + i + "]", values.get(i));
                    }
                }
                for (ConfigView item : Shape.sections(view, key)) {
                    scan(item, secret);
                }
            }
        }

        private void file(ConfigView view, String key, String raw) {
            Path path;
            try {
                path = view.file(key, null);
            } catch (VenueConfigException notAPath) {
                throw new IllegalStateException(notAPath.getMessage(), notAPath);
            }
            if (!Files.isRegularFile(path)) {
                path = Path.of(raw);
            }
            if (!Files.isRegularFile(path)) {
                return;
            }
            try {
                if (Files.size(path) > MAX_SECRET_FILE_BYTES) {
                    return;
                }
                // decoded leniently: a file that is not UTF-8 text is the adapter's to refuse, not a reason to stop here
                String content = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
                String whole = content.strip();
                add(view.pathOf(key) + " (" + path + ")", whole);
                String first = content.lines().findFirst().orElse("").strip();
                if (!first.equals(whole)) {
                    add(view.pathOf(key) + " (" + path + ", first line)", first);
                }
            } catch (IOException e) {
                throw new IllegalStateException(view.pathOf(key) + ": cannot read " + path + " to keep its secret out of the logs ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        }
    }

    /**
     * What shape a setting has. {@link ConfigView} has no type query: {@code string},
     * {@code section}, {@code strings} and {@code sections} each throw {@link VenueConfigException}
     * for the other shapes, so the exception is the answer "not this shape" (its message is not
     * used: it may quote the value).
     */
    private static final class Shape {
        private Shape() {
        }

        static Optional<String> text(ConfigView view, String key) {
            try {
                return Optional.of(view.string(key));
            } catch (VenueConfigException notText) {
                return Optional.empty();
            }
        }

        static Optional<ConfigView> section(ConfigView view, String key) {
            try {
                return Optional.of(view.section(key));
            } catch (VenueConfigException notASection) {
                return Optional.empty();
            }
        }

        /** The scalar items of a list; empty when it is not a list. */
        static List<String> values(ConfigView view, String key) {
            try {
                List<ConfigView> sections = sections(view, key);
                return sections.isEmpty() ? view.strings(key) : List.of();
            } catch (VenueConfigException notAList) {
                return List.of();
            }
        }

        /** The sections of a list of sections; empty when it is not one. */
        static List<ConfigView> sections(ConfigView view, String key) {
            try {
                return view.sections(key, null);
            } catch (VenueConfigException notSections) {
                return List.of();
            }
        }
    }
}
