package io.fixbridge.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The files under {@code ops/} are what their tools accept: promtool checks the alert rules and
 * the scrape configuration and runs the rules' unit tests (Debian's Prometheus, provided by
 * {@code ops/test/prometheus-binaries.sh}); every alert has a severity, its annotations and a
 * runbook section that exists; the Grafana dashboard is well-formed, on the {@code DS_PROMETHEUS}
 * variable, and every one of its queries is valid PromQL; the systemd unit passes
 * {@code systemd-analyze verify}. That the metric names they use are the gateway's is
 * {@link PrometheusScrapeTest}'s job: it needs a running gateway.
 */
class OpsFilesTest {
    private static final Path ALERTS = OpsPaths.ops("prometheus/alerts.yml");
    private static final Path ALERT_TESTS = OpsPaths.ops("prometheus/alerts.test.yml");
    private static final Path CONFIG = OpsPaths.ops("prometheus/prometheus.yml");
    private static final Path DASHBOARD = OpsPaths.ops("grafana/fixbridge-dashboard.json");
    private static final Path RUNBOOK = OpsPaths.ops("runbook.md");
    private static final Path UNIT = OpsPaths.ops("systemd/fixbridge.service");

    @Test
    void promtoolAcceptsTheAlertRules() {
        CommandResult check = PrometheusBinaries.get().promtool("check", "rules", ALERTS.toString());
        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.stdout()).as(check.describe())
                .contains("SUCCESS: " + AlertRules.load(ALERTS).rules().size() + " rules found");
    }

    @Test
    void promtoolAcceptsTheScrapeConfigAndItsRuleFile() {
        CommandResult check = PrometheusBinaries.get().promtool("check", "config", CONFIG.toString());
        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.stdout()).as(check.describe()).contains("SUCCESS: 1 rule files found").contains("is valid prometheus config file");
        JsonNode config = AlertRules.read(CONFIG);
        assertThat(config.path("rule_files").get(0).asText()).isEqualTo("alerts.yml");
        JsonNode job = config.path("scrape_configs").get(0);
        assertThat(job.path("job_name").asText()).as("the alert rules select job=\"fixbridge\"").isEqualTo("fixbridge");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(job.path("static_configs").get(0).path("targets").get(0).asText()).isEqualTo("127.0.0.1:9464");
    }

    @Test
    void theAlertRulesPassTheirUnitTests() {
        CommandResult test = PrometheusBinaries.get().promtool("test", "rules", ALERT_TESTS.toString());
        assertThat(test.exitCode()).as(test.describe()).isZero();
        assertThat(test.stdout()).as(test.describe()).contains("SUCCESS");
    }

    @Test
    void everyAlertIsFiredByAUnitTest() {
        Set<String> fired = new HashSet<>();
        for (JsonNode test : AlertRules.read(ALERT_TESTS).path("tests")) {
            for (JsonNode t : test.path("alert_rule_test")) {
                if (!t.path("exp_alerts").isEmpty()) {
                    fired.add(t.path("alertname").asText());
                }
            }
        }
        assertThat(fired).containsAll(AlertRules.load(ALERTS).alerts().stream().map(AlertRules.Rule::alert).toList());
    }

    @Test
    void everyAlertHasASeverityItsAnnotationsAndARunbookSection() throws IOException {
        Set<String> anchors = anchors(Files.readString(RUNBOOK));
        List<AlertRules.Rule> alerts = AlertRules.load(ALERTS).alerts();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(15);
        Set<String> names = new HashSet<>();
        for (AlertRules.Rule alert : alerts) {
            assertThat(names.add(alert.alert())).as("alert names are unique: " + alert.alert()).isTrue();
            assertThat(alert.labels().get("severity")).as(alert.alert()).isIn("critical", "warning");
            assertThat(alert.annotations().get("summary")).as(alert.alert() + " summary").isNotBlank();
            assertThat(alert.annotations().get("description")).as(alert.alert() + " description").isNotBlank();
            String url = alert.annotations().get("runbook_url");
            assertThat(url).as(alert.alert() + " runbook_url").startsWith("ops/runbook.md#");
            assertThat(anchors).as(alert.alert() + ": runbook.md has a heading for " + url)
                    .contains(url.substring(url.indexOf('#') + 1));
        }
    }

    @Test
    void theRunbooksLinksToItsOwnSectionsResolve() throws IOException {
        String runbook = Files.readString(RUNBOOK);
        Set<String> anchors = anchors(runbook);
        Matcher links = Pattern.compile("]\\(#([^)]+)\\)").matcher(runbook);
        List<String> broken = new ArrayList<>();
        while (links.find()) {
            if (!anchors.contains(links.group(1))) {
                broken.add(links.group(1));
            }
        }
        assertThat(broken).as("links to headings runbook.md does not have").isEmpty();
    }

    @Test
    void theDashboardIsGrafanaJsonOnTheDatasourceVariable() {
        GrafanaDashboard dashboard = GrafanaDashboard.load(DASHBOARD);
        JsonNode json = dashboard.json();
        assertThat(json.path("schemaVersion").asInt()).isBetween(36, 41);
        assertThat(json.path("uid").asText()).isEqualTo("fixbridge-gateway");
        JsonNode dsVariable = null;
        for (JsonNode v : json.path("templating").path("list")) {
            if ("DS_PROMETHEUS".equals(v.path("name").asText())) {
                dsVariable = v;
            }
        }
        assertThat(dsVariable).as("a datasource variable DS_PROMETHEUS").isNotNull();
        assertThat(dsVariable.path("type").asText()).isEqualTo("datasource");
        assertThat(dsVariable.path("query").asText()).isEqualTo("prometheus");

        Set<Integer> ids = new HashSet<>();
        List<int[]> areas = new ArrayList<>();
        for (JsonNode p : json.path("panels")) {
            assertThat(ids.add(p.path("id").asInt())).as("panel ids are unique: " + p.path("id")).isTrue();
            areas.add(area(p));
        }
        for (JsonNode p : dashboard.panels()) {
            String title = p.path("title").asText();
            assertThat(title).isNotBlank();
            assertThat(p.path("datasource").path("uid").asText()).as(title).isEqualTo("${DS_PROMETHEUS}");
            assertThat(p.path("targets")).as(title + " has queries").isNotEmpty();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("datasource").path("uid").asText()).as(title).isEqualTo("${DS_PROMETHEUS}");
                assertThat(t.path("expr").asText()).as(title).isNotBlank();
            }
        }
        for (int i = 0; i < areas.size(); i++) {
            int[] a = areas.get(i);
            assertThat(a[0] + a[2]).as("panel " + i + " fits the 24 columns").isLessThanOrEqualTo(24);
            for (int j = i + 1; j < areas.size(); j++) {
                int[] b = areas.get(j);
                boolean overlap = a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
                assertThat(overlap).as("panels " + json.path("panels").get(i).path("title") + " and "
                        + json.path("panels").get(j).path("title") + " overlap").isFalse();
            }
        }
    }

    @Test
    void theDashboardShowsWhatOperationsNeeds() {
        Set<String> used = new TreeSet<>();
        GrafanaDashboard.load(DASHBOARD).queries().forEach(q -> used.addAll(MetricNames.in(q.expr())));
        assertThat(used).contains("fixbridge_ready", "fixbridge_fix_session_logged_on", "fixbridge_fix_messages_in_total",
                "fixbridge_fix_messages_out_total", "fixbridge_fix_rejects_total", "fixbridge_order_reports_total",
                "fixbridge_orders_received_total", "fixbridge_fills_total", "fixbridge_orders_open",
                "fixbridge_order_fix_to_venue_sent_seconds_bucket", "fixbridge_order_fix_to_venue_ack_seconds_bucket",
                "fixbridge_venue_event_to_report_seconds_bucket", "fixbridge_venue_up", "fixbridge_venue_request_seconds_bucket",
                "fixbridge_venue_errors_total", "fixbridge_venue_stream_reconnects_total", "fixbridge_venue_rate_limit_used_ratio",
                "fixbridge_journal_write_seconds_bucket", "fixbridge_journal_size_bytes", "fixbridge_kill_switches_active",
                "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum", "process_cpu_usage");
    }

    @Test
    void everyDashboardQueryIsValidPromQL(@TempDir Path dir) throws IOException {
        // promtool parses every expression of a rule file: each query becomes a recording rule
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<GrafanaDashboard.Query> queries = GrafanaDashboard.load(DASHBOARD).queries();
        for (int i = 0; i < queries.size(); i++) {
            String expr = GrafanaDashboard.runnable(queries.get(i).expr());
            rules.append("      - record: dashboard:q").append(i).append("\n        expr: '")
                    .append(expr.replace("'", "''")).append("'\n");
        }
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        CommandResult check = PrometheusBinaries.get().promtool("check", "rules", file.toString());
        assertThat(check.exitCode()).as(check.describe() + "\n" + rules).isZero();
        assertThat(check.stdout()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void theSystemdUnitRunsTheShadedJarHardened() throws IOException {
        List<String> lines = Files.readAllLines(UNIT).stream().map(String::strip).toList();
        assertThat(lines).contains("User=fixbridge", "EnvironmentFile=/etc/fixbridge/fixbridge.env", "Restart=on-failure",
                "ProtectSystem=strict", "ReadWritePaths=/var/lib/fixbridge", "NoNewPrivileges=yes", "PrivateTmp=yes",
                "LimitNOFILE=65536", "TimeoutStopSec=30");
        assertThat(lines).anyMatch(l -> l.startsWith("ExecStart=/bin/sh -c 'exec /usr/bin/java @/opt/fixbridge/ops/jvm.options "
                + "$$(/opt/fixbridge/ops/cds-options.sh options /opt/fixbridge/fixbridge.jar /var/lib/fixbridge/fixbridge.jsa)")
                && l.endsWith("-jar /opt/fixbridge/fixbridge.jar run --config /etc/fixbridge/gateway.yaml'"));
        assertThat(lines).contains("ExecStopPost=/bin/sh -c '/opt/fixbridge/ops/cds-options.sh promote "
                + "/var/lib/fixbridge/fixbridge.jsa \"$$EXIT_STATUS\"'");
    }

    /**
     * ops/cds-options.sh, as the launcher and the unit use it: the first start writes the archive
     * beside its final name, a clean stop keeps it, later starts map it, a new jar or an unclean
     * stop means writing it again, and FIXBRIDGE_CDS=off leaves it out.
     */
    @Test
    void theClassDataArchiveIsWrittenOnceKeptOnlyWhenCompleteAndNeverUsedWithAnotherJar(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("fixbridge.jar"), "jar");
        Path archive = dir.resolve("fixbridge.jsa");
        Path written = dir.resolve("fixbridge.jsa.new");

        assertThat(cds(dir, "options", jar, archive)).isEqualTo("-XX:ArchiveClassesAtExit=" + written + " -Xlog:cds=off -Xlog:cds+dynamic=off");
        Files.writeString(written, "archive");
        cds(dir, "promote", archive, "143");
        assertThat(archive).hasContent("archive");
        assertThat(written).doesNotExist();
        assertThat(cds(dir, "options", jar, archive)).isEqualTo("-XX:SharedArchiveFile=" + archive + " -Xlog:cds=off -Xlog:cds+dynamic=off");

        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 5_000));
        assertThat(cds(dir, "options", jar, archive)).as("a rebuilt jar").startsWith("-XX:ArchiveClassesAtExit=" + written);
        Files.writeString(written, "half an archive");
        cds(dir, "promote", archive, "KILL");
        assertThat(written).as("a JVM killed while writing: discarded").doesNotExist();
        assertThat(cds(dir, "options", jar, archive)).startsWith("-XX:ArchiveClassesAtExit=");

        CommandResult off = CommandResult.run(Duration.ofSeconds(30), dir, List.of("env", "FIXBRIDGE_CDS=off", "sh",
                OpsPaths.ops("cds-options.sh").toString(), "options", jar.toString(), archive.toString()));
        assertThat(off.exitCode()).as(off.describe()).isZero();
        assertThat(off.stdout()).isBlank();
    }

    /** {@code cds-options.sh options JAR ARCHIVE} or {@code promote ARCHIVE STATUS}; its standard output. */
    private static String cds(Path dir, String mode, Path file, Object second) {
        List<String> command = List.of("sh", OpsPaths.ops("cds-options.sh").toString(), mode, file.toString(), second.toString());
        CommandResult result = CommandResult.run(Duration.ofSeconds(30), dir, command);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).as(result.describe()).isBlank();
        return result.stdout().strip();
    }

    @Test
    void systemdAnalyzeVerifiesTheUnit() {
        Assumptions.assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/java")),
                "no /usr/bin/java here, which the unit's ExecStart names");
        CommandResult verify = CommandResult.run(Duration.ofMinutes(1), OpsPaths.root(),
                List.of("systemd-analyze", "verify", UNIT.toString()));
        assertThat(verify.exitCode()).as(verify.describe()).isZero();
        // systemd-analyze exits 0 on warnings such as an ignored assignment: none is allowed
        assertThat(verify.stdout() + verify.stderr()).as(verify.describe()).isBlank();
    }

    @Test
    void theBinariesScriptUsesItsCacheTheSecondTime() {
        PrometheusBinaries first = PrometheusBinaries.get();
        PrometheusBinaries second = PrometheusBinaries.provide(OpsPaths.root().resolve("gateway/target/prometheus-deb"));
        assertThat(second.prometheus()).isEqualTo(first.prometheus());
        assertThat(second.promtool()).isEqualTo(first.promtool());
        assertThat(second.script().stderr()).as("nothing downloaded or unpacked again: " + second.script().describe()).isBlank();
        CommandResult version = CommandResult.run(Duration.ofMinutes(1), OpsPaths.root(),
                List.of(second.prometheus().toString(), "--version"));
        assertThat(version.exitCode()).as(version.describe()).isZero();
        assertThat(version.stdout() + version.stderr()).contains("prometheus, version");
    }

    /** The anchors GitHub gives a markdown file's headings. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new HashSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.matches("#{1,6} .*")) {
                String text = line.replaceFirst("#{1,6} ", "").strip().toLowerCase(Locale.ROOT);
                out.add(text.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return out;
    }

    private static int[] area(JsonNode panel) {
        JsonNode g = panel.path("gridPos");
        return new int[] {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
