package io.fixbridge.bench.load;

import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * What one load run measured. Counts cover warm-up and measured orders; histograms (nanoseconds)
 * only the measured ones: FIX send -> ExecutionReport PendingNew, FIX send -> ExecutionReport New,
 * cancel send -> ExecutionReport Canceled, and how late the sender was against its schedule.
 * Immutable once built (the histograms are copies no one records into).
 *
 * @param unanswered     orders with neither an acknowledgment nor a reject at the end: lost
 * @param cancelsOpen    cancels with neither a Canceled nor a reject at the end
 * @param duplicates     answers that came twice for one order (a second New, a second Canceled...)
 * @param throughput     measured orders per second, from the first measured send to the last answer
 */
public record LoadResult(LoadPhase phase, int sent, int pendingNews, int acknowledged, int rejected, int unanswered,
                         int cancelsSent, int canceled, int cancelRejected, int cancelsOpen, int duplicates,
                         Histogram pendingNewNanos, Histogram newNanos, Histogram canceledNanos, Histogram sendLagNanos,
                         double throughput, int problemCount, List<String> problems) {

    /** Nothing lost, doubled or refused: every order acknowledged once, every cancel done. */
    public boolean clean() {
        return unanswered == 0 && rejected == 0 && duplicates == 0 && cancelsOpen == 0 && cancelRejected == 0
                && problemCount == 0 && acknowledged == sent;
    }
}
