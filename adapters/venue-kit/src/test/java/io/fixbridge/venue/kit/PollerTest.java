package io.fixbridge.venue.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** {@link Poller}: one poll after another, failures logged once per streak, nothing after close. */
class PollerTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(PollerTest.class);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
        scheduler.shutdownNow();
    }

    @Test
    void aStreakOfFailuresIsLoggedOnceAndItsEndOnceAndPollsNeverOverlap() {
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlapped = new AtomicInteger();
        Poller poller = new Poller("test prices", scheduler, Duration.ofMillis(5), () -> {
            int n = polls.incrementAndGet();
            if (running.incrementAndGet() > 1) {
                overlapped.incrementAndGet();
            }
            // answered on another thread, later, as a venue's answer is
            return CompletableFuture.runAsync(() -> {
                running.decrementAndGet();
                if (n >= 2 && n <= 5) {
                    throw new IllegalStateException("venue said no " + n);
                }
            }, CompletableFuture.delayedExecutor(3, java.util.concurrent.TimeUnit.MILLISECONDS));
        }, logger);

        poller.start();
        poller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() >= 8);
        poller.close();

        assertThat(overlapped.get()).isZero();
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement().satisfies(e ->
                assertThat(e.getFormattedMessage()).contains("test prices: polling failed").contains("venue said no 2"));
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.INFO).singleElement().satisfies(e ->
                assertThat(e.getFormattedMessage()).isEqualTo("test prices: polled again after 4 failed poll(s)"));
    }

    @Test
    void aThrowingSupplierCountsAsAFailedPollAndCloseStopsThePolling() throws InterruptedException {
        AtomicInteger polls = new AtomicInteger();
        Poller poller = new Poller("throwing", scheduler, Duration.ofMillis(5), () -> {
            polls.incrementAndGet();
            throw new IllegalArgumentException("bad request built");
        }, logger);

        poller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() >= 3);
        poller.close();
        int atClose = polls.get();

        scheduler.shutdown();
        assertThat(scheduler.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(polls.get()).as("at most a poll already started runs after close").isLessThanOrEqualTo(atClose + 1);
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("bad request built"));
    }
}
