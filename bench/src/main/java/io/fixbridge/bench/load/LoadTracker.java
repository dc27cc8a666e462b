package io.fixbridge.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * What one load run sent and what came back: per order the send time and its answers, latencies in
 * HdrHistograms (nanoseconds, 3 significant digits), counts of every outcome, and the first problems
 * seen. ClOrdIDs are {@code <tag><i>} for orders and {@code <tag>c<i>} for their cancels, the tag new
 * for every run so no two runs share a ClOrdID.
 *
 * <p><b>Threading:</b> {@link #sending}, {@link #lag} and {@link #allSent} on the sending thread;
 * the answers on the one thread that receives reports; {@link #inFlight} from either;
 * {@link #awaitSettled} then {@link #result} on the sending thread. Latencies are recorded only for
 * orders past the warm-up. <b>Errors:</b> none thrown; what goes wrong is counted and described.
 */
final class LoadTracker {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final int PROBLEMS_KEPT = 5;

    private static final byte PENDING = 1;
    private static final byte ACKED = 2;
    private static final byte REJECTED = 4;
    private static final byte CANCELED = 8;
    private static final byte CANCEL_REJECTED = 16;

    private final LoadPhase phase;
    private final String tag;
    private final int total;
    private final AtomicLongArray sentAt;
    private final AtomicLongArray cancelSentAt;
    private final byte[] state;
    private final Histogram pendingNew = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram acknowledged = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram canceled = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram sendLag = new Histogram(HIGHEST_NANOS, 3);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger resolved = new AtomicInteger();
    private final AtomicInteger cancelsSent = new AtomicInteger();
    private final AtomicInteger cancelsResolved = new AtomicInteger();
    private final AtomicLong lastAnswer = new AtomicLong();
    private final List<String> problems = new ArrayList<>();
    private int pendingNews;
    private int acks;
    private int rejects;
    private int cancels;
    private int cancelRejects;
    private int duplicates;
    private int problemCount;
    private volatile long firstMeasuredSend;
    private volatile long lastSend;

    LoadTracker(LoadPhase phase) {
        this.phase = phase;
        this.tag = "L" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36) + RUNS.incrementAndGet() + ".";
        this.total = phase.warmup() + phase.orders();
        this.sentAt = new AtomicLongArray(total);
        this.cancelSentAt = new AtomicLongArray(total);
        this.state = new byte[total];
    }

    LoadPhase phase() {
        return phase;
    }

    String orderId(int i) {
        return tag + i;
    }

    String cancelId(int i) {
        return tag + "c" + i;
    }

    /** The order index of an order's or its cancel's ClOrdID; -1 for one of another run. */
    int indexOf(String clOrdId) {
        if (!clOrdId.startsWith(tag)) {
            return -1;
        }
        int from = clOrdId.length() > tag.length() && clOrdId.charAt(tag.length()) == 'c' ? tag.length() + 1 : tag.length();
        int i = 0;
        for (int k = from; k < clOrdId.length(); k++) {
            char c = clOrdId.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            i = i * 10 + (c - '0');
        }
        return i < total ? i : -1;
    }

    void sending(int i) {
        long now = System.nanoTime();
        sentAt.set(i, now);
        if (i == phase.warmup()) {
            firstMeasuredSend = now;
        }
        lastSend = now;
        sent.incrementAndGet();
    }

    void lag(int i, long nanos) {
        if (i >= phase.warmup()) {
            sendLag.recordValue(Math.max(0, Math.min(nanos, HIGHEST_NANOS)));
        }
    }

    void allSent() {
        lastSend = System.nanoTime();
    }

    int inFlight() {
        return sent.get() - resolved.get();
    }

    void pendingNew(int i, long now) {
        if ((state[i] & PENDING) != 0) {
            duplicates++;
            return;
        }
        state[i] |= PENDING;
        pendingNews++;
        record(pendingNew, i, now - sentAt.get(i));
    }

    /** Records the venue's acknowledgment (ExecType New); true the first time for this order. */
    boolean acknowledged(int i, long now) {
        if ((state[i] & (ACKED | REJECTED)) != 0) {
            duplicates++;
            return false;
        }
        state[i] |= ACKED;
        acks++;
        record(acknowledged, i, now - sentAt.get(i));
        answered(now);
        return true;
    }

    void rejected(int i, String text) {
        if ((state[i] & (ACKED | REJECTED)) != 0) {
            duplicates++;
            return;
        }
        state[i] |= REJECTED;
        rejects++;
        problem("order " + orderId(i) + " rejected: " + text);
        answered(System.nanoTime());
    }

    void cancelling(int i) {
        cancelSentAt.set(i, System.nanoTime());
        cancelsSent.incrementAndGet();
    }

    void canceled(int i, long now) {
        if ((state[i] & (CANCELED | CANCEL_REJECTED)) != 0) {
            duplicates++;
            return;
        }
        state[i] |= CANCELED;
        cancels++;
        record(canceled, i, now - cancelSentAt.get(i));
        cancelsResolved.incrementAndGet();
    }

    void cancelRejected(int i, String text) {
        if (i < 0 || (state[i] & (CANCELED | CANCEL_REJECTED)) != 0) {
            duplicates++;
            return;
        }
        state[i] |= CANCEL_REJECTED;
        cancelRejects++;
        problem("cancel of " + orderId(i) + " rejected: " + text);
        cancelsResolved.incrementAndGet();
    }

    synchronized void problem(String text) {
        problemCount++;
        if (problems.size() < PROBLEMS_KEPT) {
            problems.add(text);
        }
    }

    private void answered(long now) {
        lastAnswer.set(now);
        resolved.incrementAndGet();
    }

    private void record(Histogram h, int i, long nanos) {
        if (i >= phase.warmup()) {
            h.recordValue(Math.max(0, Math.min(nanos, HIGHEST_NANOS)));
        }
    }

    /** Waits until every order is answered (and canceled, if the run cancels), or {@code drain} after the last send. */
    void awaitSettled(Duration drain) {
        long deadline = lastSend + drain.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ordersDone = resolved.get() >= total;
            boolean cancelsDone = !phase.cancel() || cancelsResolved.get() >= cancelsSent.get();
            if (ordersDone && cancelsDone) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** What the run measured; call after {@link #awaitSettled}. */
    synchronized LoadResult result() {
        int unanswered = total - resolved.get();
        long measuredSpan = Math.max(1, lastAnswer.get() - firstMeasuredSend);
        double throughput = (double) phase.orders() * 1e9 / measuredSpan;
        return new LoadResult(phase, sent.get(), pendingNews, acks, rejects, unanswered,
                cancelsSent.get(), cancels, cancelRejects, cancelsSent.get() - cancelsResolved.get(), duplicates,
                pendingNew.copy(), acknowledged.copy(), canceled.copy(), sendLag.copy(), throughput,
                problemCount, List.copyOf(problems));
    }
}
