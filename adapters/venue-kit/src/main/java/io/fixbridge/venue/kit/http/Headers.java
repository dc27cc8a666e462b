package io.fixbridge.venue.kit.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Immutable HTTP headers with case-insensitive names ({@code first("x-mbx-used-weight-1m")} finds
 * {@code X-MBX-USED-WEIGHT-1M}). A name may carry several values, kept in order.
 *
 * <p>{@link #toString()} lists the names only, never values, because request headers carry API
 * keys and signatures.
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(new TreeMap<>(String.CASE_INSENSITIVE_ORDER), List.of());

    private final Map<String, List<String>> values;
    private final List<String> names;

    private Headers(TreeMap<String, List<String>> values, List<String> names) {
        this.values = Collections.unmodifiableMap(values);
        this.names = List.copyOf(names);
    }

    /** No headers. */
    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from alternating names and values: {@code of("Accept", "application/json")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** A builder; not thread-safe. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting with these headers. */
    public Builder toBuilder() {
        Builder b = new Builder();
        forEach(b::add);
        return b;
    }

    /** The first value of {@code name}, ignoring case. */
    public Optional<String> first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The first value of {@code name} as a whole number; empty when absent or not a number. */
    public OptionalLong firstLong(String name) {
        Optional<String> v = first(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Every value of {@code name}, ignoring case; empty when absent. */
    public List<String> all(String name) {
        List<String> v = values.get(name);
        return v == null ? List.of() : v;
    }

    /** Whether {@code name} is present, ignoring case. */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The names as first added (one spelling per name), in order. */
    public List<String> names() {
        return names;
    }

    /** Whether there are no headers. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Calls {@code action} for every name and value, in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (String name : names) {
            for (String value : values.get(name)) {
                action.accept(name, value);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && h.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The header names only; values may be secrets. */
    @Override
    public String toString() {
        return "Headers" + names;
    }

    /** Builds {@link Headers}; names are case-insensitive, values are appended. Not thread-safe. */
    public static final class Builder {
        private final TreeMap<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Set<String> names = new LinkedHashSet<>();

        private Builder() {
        }

        /** Adds a value to {@code name}, keeping earlier ones. */
        public Builder add(String name, String value) {
            validate(name, value);
            List<String> list = values.computeIfAbsent(name, k -> {
                names.add(name);
                return new ArrayList<>(1);
            });
            list.add(value);
            return this;
        }

        /** Replaces every value of {@code name}. */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        /** Removes {@code name}, ignoring case. */
        public Builder remove(String name) {
            if (values.remove(name) != null) {
                names.removeIf(n -> n.equalsIgnoreCase(name));
            }
            return this;
        }

        /** Adds every header of {@code other}, replacing same-named ones. */
        public Builder setAll(Headers other) {
            for (String name : other.names()) {
                remove(name);
                for (String v : other.all(name)) {
                    add(name, v);
                }
            }
            return this;
        }

        /** The immutable headers. */
        public Headers build() {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new Headers(copy, new ArrayList<>(names));
        }

        private static void validate(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            if (name.isBlank()) {
                throw new IllegalArgumentException("blank header name");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 127 || c == ':') {
                    throw new IllegalArgumentException("invalid character in header name '" + name + "'");
                }
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                // never echo the value: it may be a key or a signature
                throw new IllegalArgumentException("line break in the value of header " + name);
            }
        }
    }
}
