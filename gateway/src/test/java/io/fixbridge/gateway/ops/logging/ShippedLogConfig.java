package io.fixbridge.gateway.ops.logging;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;

/**
 * A fresh logback {@link LoggerContext} configured from the shipped {@code logback.xml} (the one
 * {@code fixbridge run} uses), its stderr captured: what a test logs through {@link #logger} comes
 * out exactly as the gateway's would. Not thread-safe: {@code System.err} is swapped while open.
 */
final class ShippedLogConfig implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream previousErr = System.err;

    /** Configures it with {@code FIXBRIDGE_LOG_FORMAT} set to {@code format} (null: unset). */
    ShippedLogConfig(String format) throws JoranException {
        String previousFormat = System.getProperty(LogFormat.VARIABLE);
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            if (format == null) {
                System.clearProperty(LogFormat.VARIABLE);
            } else {
                System.setProperty(LogFormat.VARIABLE, format);
            }
            // the MDC the code under test writes through org.slf4j.MDC
            context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            URL shipped = ShippedLogConfig.class.getResource("/logback.xml");
            configurator.doConfigure(shipped);
        } catch (JoranException | RuntimeException e) {
            System.setErr(previousErr);
            throw e;
        } finally {
            if (previousFormat == null) {
                System.clearProperty(LogFormat.VARIABLE);
            } else {
                System.setProperty(LogFormat.VARIABLE, previousFormat);
            }
        }
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    LoggerContext context() {
        return context;
    }

    /** Everything written to stderr so far. */
    String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** The output as JSON objects, one per line; fails when a line is not one. */
    List<JsonNode> jsonLines() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : output().split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** logback's own status messages of configuring it (warnings and errors included). */
    List<Status> statuses() {
        return context.getStatusManager().getCopyOfStatusList();
    }

    @Override
    public void close() {
        context.stop();
        System.setErr(previousErr);
    }
}
