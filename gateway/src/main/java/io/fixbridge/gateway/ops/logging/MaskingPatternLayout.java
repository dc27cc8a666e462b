package io.fixbridge.gateway.ops.logging;

import java.util.Objects;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The text side of the redaction layer: a logback {@link PatternLayout} whose whole output line
 * (message, MDC, thread, exception messages and stack trace, whatever the pattern holds or
 * logback appends) has the registered secrets replaced by {@link Masker#MASK}. Used by
 * {@code logback-text.xml} ({@code FIXBRIDGE_LOG_FORMAT=text}).
 *
 * <p><b>Threading:</b> as {@link PatternLayout}: thread-safe once started.
 * <b>Errors:</b> as {@link PatternLayout}.
 */
public final class MaskingPatternLayout extends PatternLayout {
    private final SecretRegistry registry;

    /** Masks the secrets of {@link SecretRegistry#global()} (what logback instantiates). */
    public MaskingPatternLayout() {
        this(SecretRegistry.global());
    }

    /** Masks the secrets of {@code registry}. */
    public MaskingPatternLayout(SecretRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return registry.mask(super.doLayout(event));
    }
}
