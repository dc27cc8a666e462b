package io.fixbridge.gateway.ops.logging;

import java.util.Objects;

import com.fasterxml.jackson.core.JsonStreamContext;

import net.logstash.logback.mask.ValueMasker;

/**
 * The JSON side of the redaction layer: a logstash-logback-encoder {@link ValueMasker}, set on the
 * {@code MaskingJsonGeneratorDecorator} of the {@code LogstashEncoder} in logback.xml, that masks
 * the registered secrets in every value the encoder writes: the formatted message (arguments
 * included), MDC values, the stack trace (exception messages and causes), the thread name and any
 * structured argument. Values are masked before JSON escaping, so a secret with quotes or
 * backslashes is still found.
 *
 * <p><b>Threading:</b> thread-safe; reads the registry's current snapshot per value.
 * <b>Errors:</b> none.
 */
public final class SecretValueMasker implements ValueMasker {
    private final SecretRegistry registry;

    /** Masks the secrets of {@link SecretRegistry#global()} (what logback.xml instantiates). */
    public SecretValueMasker() {
        this(SecretRegistry.global());
    }

    /** Masks the secrets of {@code registry}. */
    public SecretValueMasker(SecretRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The masked value, or null when it holds no secret (the value is written as it is). */
    @Override
    public Object mask(JsonStreamContext context, Object value) {
        Masker masker = registry.masker();
        if (masker.isEmpty()) {
            return null;
        }
        if (value instanceof CharSequence text) {
            String s = text.toString();
            String masked = masker.mask(s);
            return masked == s ? null : masked;
        }
        if (value instanceof Number number && masker.matches(number.toString())) {
            return masker.mask(number.toString());
        }
        return null;
    }
}
