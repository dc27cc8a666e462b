package io.fixbridge.venue.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Asking again after a failed gap-fill query: the next attempt's number, the last attempt, a closed adapter. */
class GapFillRetryTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Backoff fast = new Backoff(Duration.ofMillis(10), Duration.ofMillis(20), 2.0, 0.0);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(GapFillRetry.class);

    GapFillRetryTest() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(log);
        scheduler.shutdownNow();
    }

    private List<String> lines() {
        return log.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void aFailedAttemptIsRunAgainWithTheNextNumber() {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        GapFillRetry retry = new GapFillRetry("test venue v", scheduler, fast, 3);

        retry.failed("alice", "abc", 1, "HTTP 502", attempts::add);

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(attempts).containsExactly(2));
        assertThat(lines()).singleElement().satisfies(l -> assertThat(l).startsWith("WARN")
                .contains("account alice").contains("order abc").contains("HTTP 502").contains("attempt 2 of 3"));
    }

    @Test
    void theLastAttemptGivesUpWithAnError() {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        GapFillRetry retry = new GapFillRetry("test venue v", scheduler, fast, 3);

        retry.failed("alice", "abc", 3, "timeout", attempts::add);

        assertThat(attempts).isEmpty();
        assertThat(lines()).singleElement().satisfies(l -> assertThat(l).startsWith("ERROR")
                .contains("failed 3 times").contains("giving up"));
    }

    @Test
    void aClosedSchedulerDropsTheRetryQuietly() {
        scheduler.shutdownNow();
        GapFillRetry retry = new GapFillRetry("test venue v", scheduler, fast, 3);

        retry.failed("alice", "abc", 1, "HTTP 502", n -> {
            throw new AssertionError("must not run");
        });

        assertThat(lines()).anyMatch(l -> l.startsWith("DEBUG") && l.contains("adapter is closed"));
    }
}
