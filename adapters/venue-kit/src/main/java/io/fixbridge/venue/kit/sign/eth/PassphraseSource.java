package io.fixbridge.venue.kit.sign.eth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where a keystore passphrase comes from. {@link #passphrase()} returns a fresh array each time
 * (read again on every call, so a changed file or variable is picked up by the next keystore
 * reload); the caller clears it after use. Implementations are thread-safe. A missing source
 * fails with {@link KeyManagementException} ({@code NOT_FOUND}) naming the variable or file and
 * how to set it, never the passphrase. {@link #toString()} describes the source, not the value.
 */
@FunctionalInterface
public interface PassphraseSource {

    /** The passphrase; a fresh array the caller clears. */
    char[] passphrase();

    /** From the environment variable {@code variableName}. */
    static PassphraseSource fromEnv(String variableName) {
        return fromEnv(variableName, System::getenv);
    }

    /** From the variable {@code variableName} looked up by {@code environment} (tests pass a map's get). */
    static PassphraseSource fromEnv(String variableName, UnaryOperator<String> environment) {
        Objects.requireNonNull(variableName, "variableName");
        Objects.requireNonNull(environment, "environment");
        return new PassphraseSource() {
            @Override
            public char[] passphrase() {
                String value = environment.apply(variableName);
                if (value == null || value.isEmpty()) {
                    throw new KeyManagementException(KeyManagementException.Reason.NOT_FOUND,
                            "the environment variable " + variableName + " with the keystore passphrase is "
                                    + (value == null ? "not set" : "empty") + "; export " + variableName
                                    + "=<passphrase> before starting, or use a passphrase file");
                }
                return value.toCharArray();
            }

            @Override
            public String toString() {
                return "PassphraseSource[env " + variableName + "]";
            }
        };
    }

    /** From the first line-terminated text of {@code file} (UTF-8; trailing CR/LF stripped). */
    static PassphraseSource fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        return new PassphraseSource() {
            @Override
            public char[] passphrase() {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (NoSuchFileException e) {
                    throw new KeyManagementException(KeyManagementException.Reason.NOT_FOUND,
                            "passphrase file " + file + " does not exist; write the passphrase into it (chmod 600)"
                                    + " or take it from an environment variable instead", e);
                } catch (IOException e) {
                    throw new KeyManagementException(KeyManagementException.Reason.IO,
                            "cannot read passphrase file " + file + ": " + e.getClass().getSimpleName(), e);
                }
                try {
                    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
                    int end = chars.limit();
                    while (end > 0 && (chars.get(end - 1) == '\n' || chars.get(end - 1) == '\r')) {
                        end--;
                    }
                    char[] out = new char[end];
                    chars.get(out, 0, end);
                    Arrays.fill(chars.array(), '\0');
                    if (out.length == 0) {
                        throw new KeyManagementException(KeyManagementException.Reason.INVALID,
                                "passphrase file " + file + " is empty; write the passphrase into it");
                    }
                    return out;
                } finally {
                    Arrays.fill(bytes, (byte) 0);
                }
            }

            @Override
            public String toString() {
                return "PassphraseSource[file " + file + "]";
            }
        };
    }

    /** A fixed passphrase held in memory (a copy of {@code passphrase}); for tests and prompts. */
    static PassphraseSource of(char[] passphrase) {
        char[] copy = passphrase.clone();
        return new PassphraseSource() {
            @Override
            public char[] passphrase() {
                return copy.clone();
            }

            @Override
            public String toString() {
                return "PassphraseSource[in memory]";
            }
        };
    }
}
