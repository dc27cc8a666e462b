package io.fixbridge.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures every log line of the {@code io.fixbridge} loggers (at DEBUG and above) while open, with
 * the messages and stack traces of their exceptions, so tests can assert what never appears.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger("io.fixbridge");
    private final Level previous;

    public LogCapture() {
        previous = root.getLevel();
        root.setLevel(Level.DEBUG);
        setName("capture");
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder b = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                + event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        threads.add(event.getThreadName() + " | " + b);
        lines.add(b.toString());
    }

    /** Every captured line so far, each prefixed with the name of the thread that logged it and " | ". */
    public List<String> linesWithThreads() {
        return new ArrayList<>(threads);
    }

    /** Every captured line so far. */
    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        root.setLevel(previous);
        stop();
    }
}
