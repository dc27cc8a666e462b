package io.fixbridge.gateway.ops.logging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every occurrence of a set of secret strings in a text with {@link #MASK}. Where
 * occurrences overlap or touch (one secret's end is another's start), the whole stretch they cover
 * becomes one {@link #MASK}, so no part of any secret is left showing.
 *
 * <p><b>Threading:</b> immutable and thread-safe. <b>Errors:</b> none; {@code null} in, {@code null} out.
 */
public final class Masker {
    /** What a secret is replaced with. */
    public static final String MASK = "****";
    /** A masker that changes nothing. */
    public static final Masker NONE = new Masker(Set.of());

    private final String[] needles;

    /** A masker of these strings (empty strings are ignored). */
    public Masker(Set<String> needles) {
        this.needles = needles.stream().filter(s -> s != null && !s.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toArray(String[]::new);
    }

    /** A masker of these strings and the given ones. */
    Masker with(Set<String> more) {
        Set<String> all = new LinkedHashSet<>(Arrays.asList(needles));
        all.addAll(more);
        return new Masker(all);
    }

    /** Whether it masks nothing. */
    public boolean isEmpty() {
        return needles.length == 0;
    }

    /** How many strings it masks (secrets and their encoded forms). */
    public int size() {
        return needles.length;
    }

    /** Whether {@code text} contains any of the strings. */
    public boolean matches(CharSequence text) {
        if (text == null || needles.length == 0) {
            return false;
        }
        String s = text.toString();
        for (String needle : needles) {
            if (s.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every occurrence of a secret replaced by {@link #MASK}; the same instance when none occurs. */
    public String mask(String text) {
        // a FIX Logon's Password(554) / NewPassword(925) is no configured secret, but QuickFIX/J logs
        // a refused message whole (an unknown CompID's Logon at ERROR): its value goes too
        text = io.fixbridge.gateway.fix.RedactingLogFactory.redact(text);
        if (text == null || needles.length == 0 || text.length() < needles[needles.length - 1].length()) {
            return text;
        }
        List<int[]> spans = null;
        for (String needle : needles) {
            for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
                if (spans == null) {
                    spans = new ArrayList<>();
                }
                spans.add(new int[] {at, at + needle.length()});
            }
        }
        if (spans == null) {
            return text;
        }
        spans.sort(Comparator.comparingInt(s -> s[0]));
        StringBuilder out = new StringBuilder(text.length());
        int written = 0;
        int i = 0;
        while (i < spans.size()) {
            int start = spans.get(i)[0];
            int end = spans.get(i)[1];
            // merge every span that overlaps or touches this stretch
            for (i++; i < spans.size() && spans.get(i)[0] <= end; i++) {
                end = Math.max(end, spans.get(i)[1]);
            }
            out.append(text, written, start).append(MASK);
            written = end;
        }
        return out.append(text, written, text.length()).toString();
    }

    @Override
    public String toString() {
        return "Masker[" + needles.length + " strings]";
    }
}
