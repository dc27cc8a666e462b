package io.fixbridge.gateway.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Grafana dashboard JSON ({@code ops/grafana/fixbridge-dashboard.json}): its panels (those
 * nested in collapsed rows included) and the PromQL of their targets and of the template
 * variables.
 *
 * @param json the whole document
 */
record GrafanaDashboard(JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One query of a panel or a template variable. */
    record Query(String where, String expr) {
    }

    static GrafanaDashboard load(Path file) {
        try {
            return new GrafanaDashboard(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every panel that is not a row, in document order. */
    List<JsonNode> panels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : json.path("panels")) {
            if ("row".equals(p.path("type").asText())) {
                p.path("panels").forEach(out::add);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** The rows. */
    List<JsonNode> rows() {
        List<JsonNode> out = new ArrayList<>();
        json.path("panels").forEach(p -> {
            if ("row".equals(p.path("type").asText())) {
                out.add(p);
            }
        });
        return out;
    }

    /** Every panel target's expression and every query variable's query. */
    List<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (JsonNode p : panels()) {
            for (JsonNode t : p.path("targets")) {
                out.add(new Query("panel '" + p.path("title").asText() + "' target " + t.path("refId").asText(),
                        t.path("expr").asText()));
            }
        }
        for (JsonNode v : json.path("templating").path("list")) {
            if ("query".equals(v.path("type").asText())) {
                JsonNode q = v.path("query");
                out.add(new Query("variable $" + v.path("name").asText(), q.isObject() ? q.path("query").asText() : q.asText()));
            }
        }
        return out;
    }

    /**
     * {@code expr} with Grafana's variables replaced so Prometheus can run it: every
     * {@code $variable} selects everything, the rate interval is a minute.
     * A template query {@code label_values(selector, label)} becomes its selector.
     */
    static String runnable(String expr) {
        String e = expr.replace("$__rate_interval", "1m").replace("$__interval", "1m").replace("$__range", "1h")
                .replaceAll("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?", ".*");
        if (e.startsWith("label_values(")) {
            String inner = e.substring("label_values(".length(), e.lastIndexOf(')'));
            int comma = inner.lastIndexOf(',');
            return inner.substring(0, comma).trim();
        }
        return e;
    }
}
