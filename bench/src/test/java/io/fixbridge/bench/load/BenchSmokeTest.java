package io.fixbridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.bench.BenchHome;
import io.fixbridge.bench.report.BenchReport;
import io.fixbridge.bench.report.Row;

/**
 * The bench's smoke mode, as `./fixbridge bench --smoke --no-micro` runs it: every process starts,
 * every run sends its few hundred orders and gets every one of them answered, and the report has
 * a row and a target line for each. Nothing here is timed: the numbers of a smoke run mean nothing.
 */
class BenchSmokeTest {

    @Test
    void everyRunOfTheSmokeBenchAnswersEveryOrderAndTheReportShowsIt(@TempDir Path work) {
        Path home = BenchHome.find();
        BenchOptions options = BenchOptions.smoke(work, BenchHome.gatewayJvmOptions(home),
                home.resolve("bench/ccxt/create-order.mjs"));

        BenchReport report = BenchRunner.run(options, System.out);

        List<String> names = report.rows().stream().map(Row::name).toList();
        assertThat(names).contains("bare QuickFIX/J acceptor", "gateway -> paper", "gateway -> binance", "gateway -> bybit",
                "gateway -> hyperliquid");
        assertThat(names).anyMatch(n -> n.startsWith("ccxt createOrder -> binance simulator"));
        for (Row row : report.rows()) {
            assertThat(row.sent()).as(row.name()).isEqualTo(options.orders());
            assertThat(row.lost()).as(row.name() + " lost").isZero();
            assertThat(row.rejected()).as(row.name() + " rejected: " + row.problems()).isZero();
            assertThat(row.problems()).as(row.name()).isEmpty();
            assertThat(row.acknowledged().count()).as(row.name() + " acknowledgments measured").isEqualTo(options.orders());
            if (row.name().startsWith("gateway")) {
                assertThat(row.pendingNew().count()).as(row.name() + " PendingNews measured").isEqualTo(options.orders());
                assertThat(row.internal()).as(row.name() + " internal latency from the gateway's metrics").isNotNull();
                assertThat(row.internal().count()).as(row.name()).isGreaterThanOrEqualTo(options.orders());
                assertThat(row.rssPeakMb()).as(row.name() + " RSS sampled").isPositive();
            }
        }
        // the first start (which writes the class-data archive when run from the jar) and the measured gateway's
        assertThat(report.startups()).hasSize(2);
        assertThat(report.startups().get(0).gateway()).startsWith("first start after a build");
        assertThat(report.startups()).allMatch(s -> !s.startToLogon().isNegative() && !s.startToLogon().isZero(), "start to logon measured");
        String markdown = report.markdown();
        assertThat(markdown).contains("| gateway -> binance |", "| bare QuickFIX/J acceptor |", "### Targets (issue 9)",
                "start to accepting logons", "gateway FIX send -> New / ccxt createOrder");
        assertThat(report.targets()).noneMatch(t -> t.contains("not measured"));
        assertThat(report.rows()).as("flat-out runs of the bare acceptor and the gateway")
                .anyMatch(r -> r.rate() == 0 && r.name().startsWith("bare"))
                .anyMatch(r -> r.rate() == 0 && r.name().equals("gateway -> paper"));
    }
}
