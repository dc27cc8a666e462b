package io.fixbridge.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of the gateway's {@code /metrics} (Prometheus text format), and what the bench reads
 * from it: counters and gauges by name and labels, and latency histograms whose difference between
 * two scrapes gives the percentiles of just the run between them (as Prometheus's
 * {@code histogram_quantile} would, by linear interpolation inside a bucket).
 *
 * <p><b>Threading:</b> immutable after {@link #of}. <b>Errors:</b> {@link IllegalStateException}
 * when the endpoint does not answer 200.
 */
public final class MetricsScrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> samples;

    private MetricsScrape(Map<String, Double> samples) {
        this.samples = samples;
    }

    /** Scrapes {@code http://<hostPort>/metrics}. */
    public static MetricsScrape of(String hostPort) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + hostPort + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET http://" + hostPort + "/metrics answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET http://" + hostPort + "/metrics failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scraping " + hostPort, e);
        }
    }

    /** Parses a Prometheus text exposition. */
    public static MetricsScrape parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (m.find()) {
                samples.put(key(m.group(1), m.group(3)), Double.parseDouble(m.group(4)));
            }
        }
        return new MetricsScrape(samples);
    }

    /** Labels sorted by name, so a key never depends on the exposition's label order. */
    private static String key(String name, String labels) {
        if (labels == null || labels.isBlank()) {
            return name;
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        Matcher m = LABEL.matcher(labels);
        while (m.find()) {
            sorted.put(m.group(1), m.group(2));
        }
        StringBuilder b = new StringBuilder(name).append('{');
        sorted.forEach((k, v) -> b.append(k).append('=').append(v).append(','));
        return b.append('}').toString();
    }

    /** A counter's or gauge's value for {@code labels} ("k=v,k=v," in name order, or "" for none); 0 if absent. */
    public double value(String name, String labels) {
        return samples.getOrDefault(labels.isEmpty() ? name : name + "{" + labels + "}", 0.0);
    }

    /** The sum of every sample of {@code name} whatever its labels (e.g. GC pauses of every cause). */
    public double sumAll(String name) {
        double sum = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            if (e.getKey().equals(name) || e.getKey().startsWith(name + "{")) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /** The cumulative bucket counts of histogram {@code name} with the other labels {@code labels}, by upper bound. */
    public NavigableMap<Double, Double> buckets(String name, String labels) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        String prefix = name + "_bucket{";
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            String rest = e.getKey().substring(prefix.length(), e.getKey().length() - 1);
            String le = null;
            StringBuilder others = new StringBuilder();
            for (String kv : rest.split(",")) {
                if (kv.startsWith("le=")) {
                    le = kv.substring(3);
                } else if (!kv.isEmpty()) {
                    others.append(kv).append(',');
                }
            }
            if (le != null && others.toString().equals(labels)) {
                buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), e.getValue());
            }
        }
        return buckets;
    }

    /**
     * The {@code q} quantile (0..1) of what histogram {@code name}{labels} recorded between
     * {@code before} and {@code after}, in seconds; NaN when nothing was recorded.
     */
    public static double quantile(MetricsScrape before, MetricsScrape after, String name, String labels, double q) {
        NavigableMap<Double, Double> b = before.buckets(name, labels);
        NavigableMap<Double, Double> a = after.buckets(name, labels);
        NavigableMap<Double, Double> diff = new TreeMap<>();
        a.forEach((le, count) -> diff.put(le, count - b.getOrDefault(le, 0.0)));
        if (diff.isEmpty() || diff.lastEntry().getValue() <= 0) {
            return Double.NaN;
        }
        double total = diff.lastEntry().getValue();
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> e : diff.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = e.getValue() - lowerCount;
                return inBucket <= 0 ? e.getKey() : lowerBound + (e.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = e.getKey();
            lowerCount = e.getValue();
        }
        return lowerBound;
    }

    /** How many observations histogram {@code name}{labels} got between two scrapes. */
    public static double count(MetricsScrape before, MetricsScrape after, String name, String labels) {
        return after.value(name + "_count", labels) - before.value(name + "_count", labels);
    }
}
