package io.fixbridge.gateway.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The samples of a Prometheus text exposition (format 0.0.4): what {@code GET /metrics} answers.
 * Written from the format's rules, independent of the client library that produced the text:
 * {@code # HELP} / {@code # TYPE} and other comments are skipped; each other non-empty line is
 * {@code name{label="value",...} value [timestamp]}, label values escaping {@code \\}, {@code \"}
 * and {@code \n}; values may be {@code NaN}, {@code +Inf}, {@code -Inf}.
 *
 * @param samples every sample in order
 */
record PrometheusText(List<Sample> samples) {
    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
        Sample {
            labels = Map.copyOf(labels);
        }

        boolean has(Map<String, String> wanted) {
            return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    PrometheusText {
        samples = List.copyOf(samples);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException a line breaks the format; the message quotes it
     */
    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parseLine(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + " is not a Prometheus sample (" + e.getMessage() + "): " + line, e);
            }
        }
        return new PrometheusText(samples);
    }

    private static Sample parseLine(String line) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("no metric name");
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                i = skipSpaces(line, i);
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int start = i;
                while (isNameChar(line.charAt(i), i == start) && line.charAt(i) != ':') {
                    i++;
                }
                String label = line.substring(start, i);
                if (label.isEmpty() || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                    throw new IllegalArgumentException("bad label at column " + (i + 1));
                }
                i += 2;
                StringBuilder value = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char n = line.charAt(i++);
                        value.append(switch (n) {
                            case 'n' -> '\n';
                            case '\\' -> '\\';
                            case '"' -> '"';
                            default -> throw new IllegalArgumentException("bad escape \\" + n);
                        });
                    } else {
                        value.append(c);
                    }
                }
                i++;
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("label " + label + " twice");
                }
                i = skipSpaces(line, i);
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
        }
        String[] rest = line.substring(i).trim().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        return new Sample(name, labels, value(rest[0]));
    }

    private static double value(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static boolean isNameChar(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || !first && c >= '0' && c <= '9';
    }

    private static int skipSpaces(String line, int i) {
        while (line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Every sample name (histograms contribute their _bucket, _count and _sum names). */
    Set<String> names() {
        Set<String> out = new TreeSet<>();
        samples.forEach(s -> out.add(s.name()));
        return out;
    }

    /** The samples of {@code name} whose labels include {@code labels} (name, value, name, value...). */
    List<Sample> find(String name, String... labels) {
        Map<String, String> wanted = pairs(labels);
        return samples.stream().filter(s -> s.name().equals(name) && s.has(wanted)).toList();
    }

    /** The sum of the samples {@link #find} returns; 0 when there are none. */
    double sum(String name, String... labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /**
     * The value of the one sample of {@code name} with exactly these labels among others.
     *
     * @throws AssertionError there is no such sample, or more than one
     */
    double value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + pairs(labels) + ", found " + found);
        }
        return found.get(0).value();
    }

    private static Map<String, String> pairs(String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            m.put(labels[i], labels[i + 1]);
        }
        return m;
    }
}
