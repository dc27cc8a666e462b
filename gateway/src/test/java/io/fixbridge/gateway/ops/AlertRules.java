package io.fixbridge.gateway.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The rules of a Prometheus rule file ({@code ops/prometheus/alerts.yml}), read as YAML.
 *
 * @param rules every rule in file order, alerting and recording
 */
record AlertRules(List<Rule> rules) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * One rule.
     *
     * @param group       its group's name
     * @param alert       the alert name; empty for a recording rule
     * @param record      the recorded series' name; empty for an alerting rule
     * @param expr        the PromQL expression
     * @param labels      its labels
     * @param annotations its annotations
     */
    record Rule(String group, String alert, String record, String expr, Map<String, String> labels,
                Map<String, String> annotations) {
        boolean isAlert() {
            return !alert.isEmpty();
        }
    }

    AlertRules {
        rules = List.copyOf(rules);
    }

    /** Reads {@code file}; fails on anything that is not a rule file's shape. */
    static AlertRules load(Path file) {
        JsonNode root = read(file);
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : root.path("groups")) {
            for (JsonNode r : group.path("rules")) {
                rules.add(new Rule(group.path("name").asText(), r.path("alert").asText(), r.path("record").asText(),
                        r.path("expr").asText(), strings(r.path("labels")), strings(r.path("annotations"))));
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException(file + " has no rules under groups[].rules");
        }
        return new AlertRules(rules);
    }

    /** The alerting rules. */
    List<Rule> alerts() {
        return rules.stream().filter(Rule::isAlert).toList();
    }

    static JsonNode read(Path yamlFile) {
        try {
            return YAML.readTree(yamlFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + yamlFile, e);
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
