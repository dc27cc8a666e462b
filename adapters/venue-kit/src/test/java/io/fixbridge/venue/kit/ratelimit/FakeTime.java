package io.fixbridge.venue.kit.ratelimit;

import io.fixbridge.venue.kit.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A settable clock and a scheduler that runs tasks only when the clock is advanced past them. */
final class FakeTime extends Clock implements Scheduler {
    private record Task(Instant due, long seq, Runnable run) {
    }

    private Instant now;
    private long seq;
    private final List<Task> tasks = new ArrayList<>();

    FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        tasks.add(new Task(now.plus(delay), seq++, task));
    }

    synchronized int pending() {
        return tasks.size();
    }

    /** Moves the clock forward, running every task that falls due, in due order. */
    void advance(Duration d) {
        Instant target;
        synchronized (this) {
            target = now.plus(d);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due().isAfter(target))
                        .min(Comparator.comparing(Task::due).thenComparing(Task::seq)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                if (next.due().isAfter(now)) {
                    now = next.due();
                }
            }
            next.run().run();
        }
    }
}
