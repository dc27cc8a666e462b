package io.fixbridge.gateway.harness;

import java.util.Objects;

/**
 * One disagreement between what the OMS was told and what the venue did. Immutable.
 *
 * @param category lost, doubled or mismatched
 * @param clOrdId  the OMS ClOrdID it concerns (the chain's first), or the venue client order id
 *                 of an order no ClOrdID asked for
 * @param what     what is wrong, in a sentence
 * @param omsHad   what the OMS was told
 * @param venueHad what the venue has
 */
public record Problem(Category category, String clOrdId, String what, String omsHad, String venueHad) {

    /** The three counts the harness prints. */
    public enum Category {
        LOST, DOUBLED, MISMATCHED;

        /** The word in the summary line. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Problem {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(clOrdId, "clOrdId");
        Objects.requireNonNull(what, "what");
    }

    /** The line the harness prints for it. */
    public String line() {
        return category.word() + " " + clOrdId + ": " + what + "; OMS had: " + omsHad + "; venue had: " + venueHad;
    }
}
