package io.fixbridge.gateway.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Test helpers: reading back a journal directory, hand-made lines, the journal's log. */
final class JournalFiles {
    private JournalFiles() {
    }

    static List<JournalRecord> replayAll(JournalConfig config) throws JournalUnavailableException {
        List<JournalRecord> out = new ArrayList<>();
        try (FileJournal journal = FileJournal.open(config)) {
            journal.replay(out::add);
        }
        return out;
    }

    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("journal-\\d{6}\\.log")).sorted().toList();
        }
    }

    /** A journal line with a correct CRC over {@code json}. */
    static String line(String json) {
        CRC32 crc = new CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue()) + " " + json + "\n";
    }

    /** Captures what {@link FileJournal} logs; {@link #close} detaches it. */
    static final class Log implements AutoCloseable {
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final Logger logger = (Logger) LoggerFactory.getLogger(FileJournal.class);

        Log() {
            appender.start();
            logger.addAppender(appender);
        }

        List<String> lines(ch.qos.logback.classic.Level level) {
            return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}
