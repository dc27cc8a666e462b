package io.fixbridge.gateway.ops;

import static io.fixbridge.gateway.fix.Orders.cancel;
import static io.fixbridge.gateway.fix.Orders.cancelReject;
import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.market;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.fix.RawFixClient;
import quickfix.Message;

/**
 * The gateway's metrics, checked against what was driven through it over real sockets: orders
 * on the paper venue and on Binance (its simulator), a cancel reject, a ResendRequest, a drop
 * copy, a logon refused for its address, a dropped venue stream, a kill switch that refuses an
 * order. Then {@code GET /metrics} is parsed (the exposition format, {@link PrometheusText}) and
 * each counter compared with what the FIX clients saw; and a real Prometheus server (Debian's,
 * from {@code ops/test/prometheus-binaries.sh}) scrapes the gateway with the project's alert rules
 * loaded: its queries return the same values, the rules evaluate, the kill-switch alert fires,
 * and every query of the Grafana dashboard returns data. Every metric name that ops/ uses must be
 * in the gateway's {@code /metrics}: renaming a metric fails this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusScrapeTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Map<Character, String> STATES = Map.of('A', "pending_new", '0', "new", '1', "partially_filled",
            '2', "filled", '4', "canceled", '8', "rejected", 'C', "expired", '6', "pending_cancel", 'E', "pending_replace");

    private ScrapedGateway gateway;
    private FixTestClient oms1;
    private FixTestClient dc1;
    private PrometheusServer prometheus;
    private final Map<String, String> venueOf = new LinkedHashMap<>();
    private int newOrdersSent;
    private int cancelsSent;

    @BeforeAll
    void drive(@TempDir Path dir) throws Exception {
        gateway = ScrapedGateway.start(dir);
        dc1 = gateway.client("DC1", dir.resolve("dc1-store"));
        oms1 = gateway.client("OMS1", dir.resolve("oms1-store"));

        // market data: a subscription to the paper book of BTC/USDT, which the orders below move and trade
        Message subscribe = new quickfix.fix44.MarketDataRequest();
        subscribe.setString(262, "MD-BTC");
        subscribe.setChar(263, '1');
        subscribe.setInt(264, 5);
        subscribe.setInt(265, 1);
        for (char type : new char[] {'0', '1', '2'}) {
            quickfix.Group entry = new quickfix.fix44.MarketDataRequest.NoMDEntryTypes();
            entry.setChar(269, type);
            subscribe.addGroup(entry);
        }
        quickfix.Group instrument = new quickfix.fix44.MarketDataRequest.NoRelatedSym();
        instrument.setString(55, "BTC/USDT");
        instrument.setString(207, "paper");
        subscribe.addGroup(instrument);
        oms1.send(subscribe);
        await(m -> "W".equals(f(m, 35)) && "MD-BTC".equals(f(m, 262)));

        // paper: three resting limits, a marketable limit that fills in parts, a market order
        for (int i = 0; i < 3; i++) {
            String id = send("paper", limit(id(), "BTC/USDT", '1', "0.01", "50000"));
            await(report(id, '0'));
        }
        String sweep = send("paper", limit(id(), "BTC/USDT", '1', "0.8", "60100"));
        await(m -> report(sweep, 'F').test(m) && "2".equals(f(m, 39)));
        String sell = send("paper", market(id(), "ETH/USDT", '2', "1"));
        await(m -> report(sell, 'F').test(m) && "2".equals(f(m, 39)));

        // a risk limit: at most 5 BTC per order to paper/main
        String overLimit = send("paper", limit(id(), "BTC/USDT", '1', "6", "50000"));
        await(report(overLimit, '8'));

        // a cancel of an order nobody knows: OrderCancelReject
        String unknown = id();
        oms1.send(cancel(unknown, "NO-SUCH-ORDER-" + unknown, "BTC/USDT", '1'));
        cancelsSent++;
        await(cancelReject(unknown));

        // Binance: an order that rests and is canceled, one the venue refuses (insufficient balance)
        String resting = send("binance", toBinance(limit(id(), "BTC/USDT", '1', "0.01", "50000")));
        await(report(resting, '0'));
        String cancelId = id();
        venueOf.put(cancelId, "binance");
        oms1.send(cancel(cancelId, resting, "BTC/USDT", '1'));
        cancelsSent++;
        await(report(cancelId, '4'));
        String tooBig = send("binance", toBinance(limit(id(), "BTC/USDT", '1', "100", "50000")));
        await(report(tooBig, '8'));

        // a ResendRequest for the Logon only: answered with a gap fill, no report sent twice
        Message resend = new quickfix.fix44.ResendRequest();
        resend.setInt(7, 1);
        resend.setInt(16, 1);
        oms1.send(resend);

        // OMS2 may log on only from 192.0.2.0/24
        try (RawFixClient raw = new RawFixClient("127.0.0.1", gateway.fixPort(), "OMS2", "FIXBRIDGE")) {
            raw.send("A", List.of(Map.entry(98, "0"), Map.entry(108, "30")));
            List<Map.Entry<Integer, String>> answer = raw.receive(WAIT);
            assertThat(answer == null || !"A".equals(RawFixClient.get(answer, 35)))
                    .as("OMS2 from 127.0.0.1 is not logged on: " + answer).isTrue();
        }

        // a kill switch on Binance refuses the next order for it, and stays engaged
        HttpResponse<String> engaged = gateway.admin("POST", "/admin/kill-switches",
                "{\"scope\":\"venue\",\"venue\":\"binance\",\"reason\":\"PrometheusScrapeTest\"}");
        assertThat(engaged.statusCode()).as(engaged.body()).isEqualTo(201);
        String blocked = send("binance", toBinance(limit(id(), "BTC/USDT", '1', "0.01", "50000")));
        await(report(blocked, '8'));

        // the venue drops its user-data streams; the adapter reconnects them (the tests wait for it)
        gateway.simulator().faults().dropUserDataStreams();

        // a full collection, so that the JVM's GC meters exist whatever ran before
        System.gc();

        prometheus = PrometheusServer.start(PrometheusBinaries.get().prometheus(), Files.createDirectories(dir.resolve("prometheus")),
                gateway.opsAddress(), OpsPaths.ops("prometheus/alerts.yml"));
    }

    @AfterAll
    void stop() {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            if (oms1 != null) {
                oms1.close();
            }
            if (dc1 != null) {
                dc1.close();
            }
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    @Test
    void theCountersOfMetricsEqualWhatTheFixClientsSaw() {
        Awaitility.await("/metrics agrees with the FIX clients").atMost(WAIT).untilAsserted(() -> {
            PrometheusText m = gateway.metrics();
            assertThat(m.value("fixbridge_ready")).isEqualTo(1);
            assertThat(m.value("fixbridge_journal_up")).isEqualTo(1);
            assertThat(m.value("fixbridge_journal_write_seconds_count")).isPositive();
            assertThat(m.value("fixbridge_venue_up", "venue", "paper")).isEqualTo(1);
            assertThat(m.value("fixbridge_venue_up", "venue", "binance")).isEqualTo(1);

            assertThat(m.value("fixbridge_fix_session_logged_on", "session", "OMS1", "role", "order-entry")).isEqualTo(1);
            assertThat(m.value("fixbridge_fix_session_logged_on", "session", "DC1", "role", "dropcopy")).isEqualTo(1);
            assertThat(m.value("fixbridge_fix_session_logged_on", "session", "OMS2", "role", "order-entry")).isEqualTo(0);
            assertThat(m.value("fixbridge_fix_logons_refused_total", "session", "OMS2", "reason", "address")).isEqualTo(1);

            assertThat(m.value("fixbridge_fix_messages_in_total", "session", "OMS1", "msg_type", "D")).isEqualTo(newOrdersSent);
            assertThat(m.value("fixbridge_fix_messages_in_total", "session", "OMS1", "msg_type", "F")).isEqualTo(cancelsSent);
            assertThat(m.value("fixbridge_fix_messages_in_total", "session", "OMS1", "msg_type", "2")).isEqualTo(1);
            assertThat(m.value("fixbridge_fix_resend_requests_total", "session", "OMS1", "direction", "in")).isEqualTo(1);
            assertThat(m.value("fixbridge_fix_messages_out_total", "session", "OMS1", "msg_type", "8")).isEqualTo(received(oms1, "8"));
            assertThat(m.value("fixbridge_fix_messages_out_total", "session", "OMS1", "msg_type", "9")).isEqualTo(received(oms1, "9"));
            assertThat(m.sum("fixbridge_fix_rejects_total", "session", "OMS1", "kind", "cancel")).isEqualTo(1);
            assertThat(m.value("fixbridge_dropcopy_messages_total", "session", "DC1"))
                    .isEqualTo(received(dc1, "8") + received(dc1, "9"));

            assertThat(m.value("fixbridge_orders_received_total", "venue", "paper", "type", "limit")).isEqualTo(4);
            assertThat(m.value("fixbridge_orders_received_total", "venue", "paper", "type", "market")).isEqualTo(1);
            // the kill switch refused the third Binance order before the engine took it
            assertThat(m.value("fixbridge_orders_received_total", "venue", "binance", "type", "limit")).isEqualTo(2);
            assertThat(m.value("fixbridge_orders_open", "venue", "paper")).isEqualTo(3);
            assertThat(m.value("fixbridge_orders_open", "venue", "binance")).isEqualTo(0);
            assertThat(m.value("fixbridge_fills_total", "venue", "paper")).isEqualTo(reports("paper", r -> "F".equals(f(r, 150))));
            for (Map.Entry<String, Long> state : paperReportsByState().entrySet()) {
                assertThat(m.value("fixbridge_order_reports_total", "venue", "paper", "state", state.getKey()))
                        .as("paper reports in state " + state.getKey()).isEqualTo(state.getValue().doubleValue());
            }
            assertThat(m.sum("fixbridge_order_reports_total", "venue", "paper"))
                    .isEqualTo((double) paperReportsByState().values().stream().mapToLong(Long::longValue).sum());

            assertThat(m.value("fixbridge_order_fix_to_venue_ack_seconds_count", "venue", "paper")).isEqualTo(5);
            assertThat(m.value("fixbridge_order_fix_to_venue_ack_seconds_bucket", "venue", "paper", "le", "+Inf")).isEqualTo(5);
            assertThat(m.value("fixbridge_order_fix_to_venue_ack_seconds_count", "venue", "binance")).isEqualTo(1);
            assertThat(m.value("fixbridge_order_fix_to_venue_sent_seconds_count", "venue", "binance")).isEqualTo(2);
            assertThat(m.value("fixbridge_venue_errors_total", "venue", "binance", "outcome", "rejected", "code", "-2010")).isEqualTo(1);
            assertThat(m.sum("fixbridge_venue_request_seconds_count", "venue", "binance")).isPositive();
            assertThat(m.sum("fixbridge_venue_stream_reconnects_total", "venue", "binance")).isGreaterThanOrEqualTo(1);
            assertThat(m.find("fixbridge_venue_stream_up", "venue", "binance")).isNotEmpty()
                    .allMatch(s -> s.value() == 1, "every stream up again");

            assertThat(m.value("fixbridge_kill_switches_active")).isEqualTo(1);
            assertThat(m.value("fixbridge_marketdata_subscribers", "venue", "paper", "symbol", "BTC/USDT")).isEqualTo(1);
            assertThat(m.value("fixbridge_marketdata_resyncs_total", "venue", "paper", "symbol", "BTC/USDT")).isZero();
            assertThat(m.value("fixbridge_marketdata_latency_seconds_count", "venue", "paper", "kind", "book"))
                    .as("one W and the X of each book change").isEqualTo(received(oms1, "W") + received(oms1, "X") - trades(oms1));
            assertThat(m.value("fixbridge_marketdata_latency_seconds_count", "venue", "paper", "kind", "trade")).isEqualTo(trades(oms1));
            assertThat(m.value("fixbridge_orders_blocked_total", "scope", "venue")).isEqualTo(1);
            assertThat(m.value("fixbridge_risk_breaches_total", "limit", "maxOrderQty", "scope", "account:paper/main")).isEqualTo(1);
            // Binance's price, polled once at connect, is older than maxAgeMs 1 for every Binance order's collar check
            assertThat(m.value("fixbridge_risk_reference_missing_total", "venue", "binance", "action", "skipped")).isEqualTo(2);
        });
    }

    @Test
    void noLabelValueCarriesAClOrdIdOrASecret() {
        String text = gateway.metricsText();
        PrometheusText metrics = PrometheusText.parse(text);
        assertThat(venueOf).hasSizeGreaterThanOrEqualTo(9);
        List<String> leaks = new ArrayList<>();
        for (PrometheusText.Sample s : metrics.samples()) {
            for (Map.Entry<String, String> label : s.labels().entrySet()) {
                venueOf.keySet().stream().filter(id -> label.getValue().contains(id))
                        .forEach(id -> leaks.add(s.name() + "{" + label.getKey() + "=\"" + label.getValue() + "\"} carries ClOrdID " + id));
            }
        }
        assertThat(leaks).isEmpty();
        for (String secret : List.of(ScrapedGateway.ADMIN_TOKEN, ScrapedGateway.BINANCE_KEY, ScrapedGateway.BINANCE_SECRET)) {
            assertThat(text).as("/metrics never shows a secret").doesNotContain(secret);
        }
    }

    @Test
    void everyMetricNameOpsUsesIsExportedByTheGateway() {
        Map<String, Set<String>> usedBy = new HashMap<>();
        for (AlertRules.Rule rule : AlertRules.load(OpsPaths.ops("prometheus/alerts.yml")).rules()) {
            MetricNames.in(rule.expr()).forEach(n -> usedBy.computeIfAbsent(n, k -> new TreeSet<>())
                    .add("alerts.yml " + (rule.isAlert() ? rule.alert() : rule.record())));
        }
        for (JsonNode test : AlertRules.read(OpsPaths.ops("prometheus/alerts.test.yml")).path("tests")) {
            for (JsonNode series : test.path("input_series")) {
                String name = MetricNames.ofSeries(series.path("series").asText());
                if (!"up".equals(name)) {
                    usedBy.computeIfAbsent(name, k -> new TreeSet<>()).add("alerts.test.yml " + test.path("name").asText());
                }
            }
        }
        for (GrafanaDashboard.Query q : GrafanaDashboard.load(OpsPaths.ops("grafana/fixbridge-dashboard.json")).queries()) {
            MetricNames.in(q.expr()).forEach(n -> usedBy.computeIfAbsent(n, k -> new TreeSet<>()).add("dashboard " + q.where()));
        }
        assertThat(usedBy).containsKeys("fixbridge_ready", "fixbridge_orders_received_total", "jvm_memory_used_bytes");
        Set<String> exported = gateway.metrics().names();
        Map<String, Set<String>> missing = new java.util.TreeMap<>(usedBy);
        missing.keySet().removeAll(exported);
        assertThat(missing).as("metric names ops/ uses that the gateway's /metrics does not have (name -> used by)").isEmpty();
    }

    @Test
    void aRealPrometheusScrapesTheGatewayAndSeesWhatWasDriven() {
        Awaitility.await("Prometheus has scraped the gateway").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode targets = prometheus.get("/api/v1/targets").path("activeTargets");
            assertThat(targets).hasSize(1);
            assertThat(targets.get(0).path("health").asText()).as(targets.toString()).isEqualTo("up");
            assertThat(targets.get(0).path("labels").path("job").asText()).isEqualTo("fixbridge");
        });
        Awaitility.await("Prometheus's queries").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(prometheus.scalar("up{job=\"fixbridge\"}")).isEqualTo(1);
            assertThat(prometheus.scalar("fixbridge_ready")).isEqualTo(1);
            assertThat(prometheus.scalar("fixbridge_orders_received_total{venue=\"paper\",type=\"limit\"}")).isEqualTo(4);
            assertThat(prometheus.scalar("sum(fixbridge_orders_received_total)")).isEqualTo(7);
            assertThat(prometheus.scalar("fixbridge_fix_session_logged_on{session=\"OMS1\"}")).isEqualTo(1);
            assertThat(prometheus.scalar("fixbridge_fix_session_logged_on{session=\"OMS2\"}")).isEqualTo(0);
            assertThat(prometheus.scalar("sum(fixbridge_fix_session_logged_on)")).isEqualTo(2);
            assertThat(prometheus.scalar("fixbridge_orders_open{venue=\"paper\"}")).isEqualTo(3);
            assertThat(prometheus.scalar("fixbridge_fills_total{venue=\"paper\"}"))
                    .isEqualTo(reports("paper", r -> "F".equals(f(r, 150))));
            assertThat(prometheus.scalar("fixbridge_kill_switches_active")).isEqualTo(1);
        });
        // for the record (target/surefire-reports/*-output.txt): what Prometheus answered
        System.out.println("Prometheus /api/v1/query?query=fixbridge_orders_received_total -> "
                + prometheus.query("fixbridge_orders_received_total"));
    }

    @Test
    void prometheusEvaluatesTheAlertRulesOnTheGatewaysMetrics() {
        int rules = AlertRules.load(OpsPaths.ops("prometheus/alerts.yml")).rules().size();
        Awaitility.await("every rule evaluated without error").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> health = new ArrayList<>();
            for (JsonNode group : prometheus.get("/api/v1/rules").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    health.add(rule.path("name").asText() + "=" + rule.path("health").asText() + rule.path("lastError").asText(""));
                }
            }
            assertThat(health).hasSize(rules).allMatch(h -> h.endsWith("=ok"));
        });
        Awaitility.await("the gateway's state raises its alerts").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, String> alerts = new HashMap<>();
            for (JsonNode a : prometheus.get("/api/v1/alerts").path("alerts")) {
                alerts.put(a.path("labels").path("alertname").asText() + "/" + a.path("labels").path("session").asText(""),
                        a.path("state").asText());
            }
            // the kill switch fires at once; OMS2, configured but never logged on, is pending its 5 minutes
            assertThat(alerts).containsEntry("FixbridgeKillSwitchEngaged/", "firing")
                    .containsEntry("FixbridgeOrderEntrySessionLoggedOff/OMS2", "pending")
                    .doesNotContainKeys("FixbridgeOrderEntrySessionLoggedOff/OMS1", "FixbridgeDropCopySessionLoggedOff/DC1",
                            "FixbridgeNotReady/", "FixbridgeScrapeDown/");
        });
    }

    @Test
    void everyDashboardQueryReturnsDataFromTheGateway() {
        List<GrafanaDashboard.Query> queries = GrafanaDashboard.load(OpsPaths.ops("grafana/fixbridge-dashboard.json")).queries();
        Awaitility.await("every dashboard query answers with data").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    List<String> empty = new ArrayList<>();
                    for (GrafanaDashboard.Query q : queries) {
                        String promql = GrafanaDashboard.runnable(q.expr());
                        if (prometheus.query(promql).isEmpty()) {
                            empty.add(q.where() + ": " + promql);
                        }
                    }
                    assertThat(empty).as("dashboard queries with no data").isEmpty();
                });
    }

    private String send(String venue, Message order) {
        String id = order.isSetField(11) ? f(order, 11) : null;
        venueOf.put(id, venue);
        oms1.send(order);
        newOrdersSent++;
        return id;
    }

    private static Message toBinance(Message order) {
        order.setString(100, "binance");
        order.setString(1, "main");
        return order;
    }

    private void await(Predicate<Message> matcher) throws InterruptedException {
        oms1.awaitMessage(matcher, WAIT);
    }

    /** Incremental refreshes that carry a trade (the hub sends each trade in an X of its own). */
    private static long trades(FixTestClient client) {
        return client.received().stream().filter(m -> "X".equals(FixTestClient.field(m, 35)))
                .filter(m -> m.toString().contains("\u0001269=2\u0001")).count();
    }

    private static long received(FixTestClient client, String msgType) {
        return client.received().stream().filter(m -> msgType.equals(FixTestClient.field(m, 35))).count();
    }

    private long reports(String venue, Predicate<Message> filter) {
        return oms1.received().stream().filter(m -> "8".equals(f(m, 35)) && venue.equals(venueOf.get(f(m, 11))))
                .filter(filter).count();
    }

    private Map<String, Long> paperReportsByState() {
        Map<String, Long> byState = new HashMap<>();
        oms1.received().stream().filter(m -> "8".equals(f(m, 35)) && "paper".equals(venueOf.get(f(m, 11))))
                .forEach(m -> byState.merge(STATES.get(f(m, 39).charAt(0)), 1L, Long::sum));
        return byState;
    }

    private static String id() {
        return "PS" + IDS.incrementAndGet() + "-" + System.nanoTime();
    }
}
