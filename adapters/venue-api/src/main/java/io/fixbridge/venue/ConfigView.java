package io.fixbridge.venue;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A read-only view of one section of a configuration file that knows its own path, so that every
 * error names the setting ({@code venues[paper].market.seed}) and says what would be right.
 * It also knows the directory of the file it came from, against which {@link #file} resolves
 * relative paths. Immutable and thread-safe.
 */
public final class ConfigView {
    private final String path;
    private final Map<String, Object> values;
    private final Path baseDirectory;

    /** A section whose relative file paths resolve against the working directory. */
    public ConfigView(String path, Map<String, ?> values) {
        this(path, values, Path.of(""));
    }

    /** A section of a file in {@code baseDirectory}: relative file paths in it resolve against that. */
    public ConfigView(String path, Map<String, ?> values, Path baseDirectory) {
        this.path = path;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
        this.baseDirectory = baseDirectory;
    }

    /** The directory relative file paths resolve against. */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /**
     * A file or directory path, relative ones resolved against the configuration file's
     * directory; absent: {@code fallback} resolved the same way (null for none).
     */
    public Path file(String key, String fallback) {
        String raw = has(key) ? string(key) : fallback;
        if (raw == null) {
            return null;
        }
        try {
            return baseDirectory.resolve(raw).normalize();
        } catch (InvalidPathException e) {
            throw error(key, "'" + raw + "' is not a valid file path: " + e.getReason());
        }
    }

    /** An empty section at {@code path}. */
    public static ConfigView empty(String path) {
        return new ConfigView(path, Map.of());
    }

    /** This section's path, e.g. {@code venues[paper]}. */
    public String path() {
        return path;
    }

    /** The path of a setting in this section. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** The keys present, in file order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The same section at the same path without the given keys (those another layer consumed). */
    public ConfigView without(String... keys) {
        Map<String, Object> rest = new LinkedHashMap<>(values);
        for (String k : keys) {
            rest.remove(k);
        }
        return new ConfigView(path, rest, baseDirectory);
    }

    /** Refuses keys this section does not know, which are usually typos. */
    public ConfigView requireOnly(Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new VenueConfigException(pathOf(unknown.iterator().next()) + ": unknown setting; "
                    + "the settings allowed in " + (path.isEmpty() ? "this file" : path) + " are " + new TreeSet<>(known));
        }
        return this;
    }

    public String string(String key) {
        Object v = values.get(key);
        if (v == null || v.toString().isBlank()) {
            throw missing(key, "a text value");
        }
        if (v instanceof Map || v instanceof List) {
            throw wrong(key, "a text value", v);
        }
        return v.toString().trim();
    }

    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    public BigDecimal decimal(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw missing(key, "a decimal number such as 0.01");
        }
        try {
            // from the text as written in the file, never through a double
            return new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw wrong(key, "a decimal number such as 0.01", v);
        }
    }

    public BigDecimal decimal(String key, BigDecimal fallback) {
        return has(key) ? decimal(key) : fallback;
    }

    /** A decimal that must be greater than zero. */
    public BigDecimal positiveDecimal(String key) {
        BigDecimal d = decimal(key);
        if (d.signum() <= 0) {
            throw wrong(key, "a number greater than zero", d.toPlainString());
        }
        return d;
    }

    public long longValue(String key, long fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = values.get(key);
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw wrong(key, "a whole number", v);
        }
    }

    public int intValue(String key, int fallback) {
        long v = longValue(key, fallback);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw wrong(key, "a whole number below 2^31", v);
        }
        return (int) v;
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        String v = values.get(key).toString().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw wrong(key, "true or false", v);
        };
    }

    /**
     * A base URL of the given scheme ({@code http} or {@code ws}, plain or with TLS), without a
     * trailing slash.
     */
    public String url(String key, String fallback, String scheme) {
        String value = string(key, fallback);
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith(scheme + "://") && !lower.startsWith(scheme + "s://")) {
            throw error(key, "expected a " + scheme + ":// or " + scheme + "s:// URL, got '" + value + "'");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** A whole number of at least one. */
    public int positiveInt(String key, int fallback) {
        int v = intValue(key, fallback);
        if (v < 1) {
            throw error(key, "must be at least 1, got " + v);
        }
        return v;
    }

    /** {@code value}, read from {@code key}, checked to be at least {@code min}. */
    public long atLeast(String key, long value, long min) {
        if (value < min) {
            throw error(key, "must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** A nested section; empty when absent. */
    public ConfigView section(String key) {
        Object v = values.get(key);
        if (v == null) {
            return new ConfigView(pathOf(key), Map.of(), baseDirectory);
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw wrong(key, "a section of settings (key: value lines indented below it)", v);
        }
        return new ConfigView(pathOf(key), stringKeys(key, map), baseDirectory);
    }

    /** A list of sections, each named in errors by its index or by its {@code nameKey} value. */
    public List<ConfigView> sections(String key, String nameKey) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw wrong(key, "a list (lines starting with '- ')", v);
        }
        List<ConfigView> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof Map<?, ?> map)) {
                throw new VenueConfigException(pathOf(key) + "[" + i + "]: expected a section of settings, got '" + item + "'");
            }
            Object name = nameKey == null ? null : map.get(nameKey);
            String label = name == null ? String.valueOf(i) : name.toString();
            out.add(new ConfigView(pathOf(key) + "[" + label + "]", stringKeys(key, map), baseDirectory));
        }
        return out;
    }

    /** A list of plain values; empty when absent. */
    public List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw wrong(key, "a list of values", v);
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** A section read as a map of names to decimals, e.g. balances {@code {USDT: 100000}}. */
    public Map<String, BigDecimal> decimals(String key) {
        ConfigView section = section(key);
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (String k : section.keys()) {
            out.put(k, section.decimal(k));
        }
        return Collections.unmodifiableMap(out);
    }

    /** An error naming a setting of this section. */
    public VenueConfigException error(String key, String problem) {
        return new VenueConfigException(pathOf(key) + ": " + problem);
    }

    private Map<String, Object> stringKeys(String key, Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new VenueConfigException(pathOf(key) + ": setting names must be text, got " + e.getKey());
            }
            out.put(k, e.getValue());
        }
        return out;
    }

    private VenueConfigException missing(String key, String expected) {
        return new VenueConfigException(pathOf(key) + ": missing; set it to " + expected);
    }

    private VenueConfigException wrong(String key, String expected, Object got) {
        return new VenueConfigException(pathOf(key) + ": expected " + expected + ", got '" + got + "'");
    }
}
