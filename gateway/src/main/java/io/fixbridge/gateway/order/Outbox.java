package io.fixbridge.gateway.order;

import java.util.ArrayDeque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the order engine's work sends out — ExecutionReports to sessions, requests to venues, the
 * completion of a caller's future — held back until the journal records that work wrote are
 * durable, then released in the order it was produced (group commit: one force of the journal for
 * every record of a batch of engine tasks, and nothing of the batch is visible before it).
 *
 * <p>An effect may name what to do instead when its batch could not be made durable (a new order
 * whose acceptance is not on disk is refused rather than sent to its venue); the others are carried
 * out anyway, as an append failure always was: the OMS must hear of a fill, and a restart reconciles
 * with the venue.
 *
 * <p><b>Threading:</b> {@link #add} and {@link #drain} on the engine thread only; a drained
 * {@link Batch} is released by the one committer thread. <b>Errors:</b> an effect that throws is
 * logged and the next one still runs.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private record Effect(Runnable action, Runnable ifNotDurable) {
    }

    private ArrayDeque<Effect> effects = new ArrayDeque<>();

    /** The effects of one batch of engine tasks, in the order they were produced. */
    static final class Batch {
        private final ArrayDeque<Effect> effects;

        private Batch(ArrayDeque<Effect> effects) {
            this.effects = effects;
        }

        int size() {
            return effects.size();
        }

        /** Runs every effect, oldest first: each one's action if the batch was made durable, else its fallback. */
        void release(boolean durable) {
            Effect e;
            while ((e = effects.poll()) != null) {
                try {
                    (durable ? e.action() : e.ifNotDurable()).run();
                } catch (RuntimeException failure) {
                    LOG.error("sending an engine effect failed", failure);
                }
            }
        }
    }

    /** Holds {@code action} until its batch is released; it runs whether the batch was made durable or not. */
    void add(Runnable action) {
        effects.add(new Effect(action, action));
    }

    /** Holds {@code action}; if the batch could not be made durable, {@code instead} runs in its place. */
    void add(Runnable action, Runnable instead) {
        effects.add(new Effect(action, instead));
    }

    boolean isEmpty() {
        return effects.isEmpty();
    }

    /** Takes every held effect out, as one batch to commit and release. */
    Batch drain() {
        Batch batch = new Batch(effects);
        effects = new ArrayDeque<>();
        return batch;
    }
}
