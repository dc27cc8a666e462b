package io.fixbridge.gateway.ops.logging;

import java.util.Locale;
import java.util.function.UnaryOperator;

import ch.qos.logback.core.PropertyDefinerBase;

/**
 * Chooses the log format for logback.xml ({@code <define name="LOG_FORMAT" class="...LogFormat"/>},
 * then {@code <include resource="logback-${LOG_FORMAT}.xml"/>}): {@code json} (one JSON object
 * per line, the default) or {@code text} (for a person at a terminal), from the system property or
 * else the environment variable {@value #VARIABLE}. An unknown value falls back to {@code json}
 * with a logback WARN status (printed at start), so a typo never leaves the gateway without logs.
 *
 * <p><b>Threading:</b> called once by logback while it configures itself. <b>Errors:</b> none thrown.
 */
public final class LogFormat extends PropertyDefinerBase {
    /** The system property or environment variable that chooses the format. */
    public static final String VARIABLE = "FIXBRIDGE_LOG_FORMAT";
    /** One JSON object per line (logstash-logback-encoder). */
    public static final String JSON = "json";
    /** Human-readable lines. */
    public static final String TEXT = "text";

    private final UnaryOperator<String> environment;

    /** Reads the system properties, then the process environment. */
    public LogFormat() {
        this(System::getenv);
    }

    /** Reads the system properties, then {@code environment} (tests). */
    public LogFormat(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String getPropertyValue() {
        String raw = System.getProperty(VARIABLE);
        if (raw == null || raw.isBlank()) {
            raw = environment.apply(VARIABLE);
        }
        if (raw == null || raw.isBlank()) {
            return JSON;
        }
        String format = raw.strip().toLowerCase(Locale.ROOT);
        if (format.equals(JSON) || format.equals(TEXT)) {
            return format;
        }
        addWarn(VARIABLE + "='" + raw + "' is not a log format; use " + JSON + " or " + TEXT + ". Logging " + JSON);
        return JSON;
    }
}
