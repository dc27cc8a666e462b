package io.fixbridge.gateway.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: every identifier with a prefix the gateway
 * exports ({@code fixbridge_}, and Micrometer's {@code jvm_}, {@code process_}, {@code system_}).
 * Recording-rule names ({@code fixbridge:...}) and label names are not metric names here.
 */
final class MetricNames {
    private static final Pattern NAME = Pattern.compile("(?<![A-Za-z0-9_:])((?:fixbridge|jvm|process|system)_[A-Za-z0-9_]*)(?![A-Za-z0-9_:])");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

    private MetricNames() {
    }

    /** The exported metric names {@code promql} reads, outside of string literals (label values). */
    static Set<String> in(String promql) {
        String code = STRING.matcher(promql).replaceAll("\"\"");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(code);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The metric name of a series selector as written in a promtool test, e.g. {@code up{job="x"}}. */
    static String ofSeries(String series) {
        int brace = series.indexOf('{');
        return (brace < 0 ? series : series.substring(0, brace)).trim();
    }
}
