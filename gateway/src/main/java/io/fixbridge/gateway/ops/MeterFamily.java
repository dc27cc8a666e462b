package io.fixbridge.gateway.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;

/**
 * One metric name whose meters differ by the values of fixed label names, each meter registered
 * once and then found in a small map — a registry lookup (building and sorting its tags) on every
 * increment costs more than the increment, and some increments are on the order path or on Netty's
 * event loops.
 *
 * <p><b>Threading:</b> thread-safe. <b>Errors:</b> {@link IllegalArgumentException} when the number
 * of values does not match the label names.
 *
 * @param <M> the kind of meter (Counter, Timer)
 */
final class MeterFamily<M extends Meter> {
    private final String[] labels;
    private final Function<Tags, M> register;
    private final Map<List<String>, M> meters = new ConcurrentHashMap<>();

    /**
     * @param register registers the meter for the given tags (called once per distinct label values)
     * @param labels   the label names, in the order {@link #get} takes their values
     */
    MeterFamily(Function<Tags, M> register, String... labels) {
        this.register = register;
        this.labels = labels.clone();
    }

    /** The meter for these label values. */
    M get(String... values) {
        if (values.length != labels.length) {
            throw new IllegalArgumentException("expected values for " + Arrays.toString(labels) + ", got " + Arrays.toString(values));
        }
        return meters.computeIfAbsent(List.of(values), v -> {
            Tags tags = Tags.empty();
            for (int i = 0; i < labels.length; i++) {
                tags = tags.and(labels[i], v.get(i));
            }
            return register.apply(tags);
        });
    }
}
