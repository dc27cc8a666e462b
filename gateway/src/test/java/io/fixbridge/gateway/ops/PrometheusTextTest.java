package io.fixbridge.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The exposition-format parser the Prometheus tests read {@code /metrics} with. */
class PrometheusTextTest {
    @Test
    void readsSamplesLabelsEscapesAndSpecialValues() {
        PrometheusText text = PrometheusText.parse("""
                # HELP fixbridge_fills_total Fills
                # TYPE fixbridge_fills_total counter
                fixbridge_fills_total{venue="paper"} 3.0
                fixbridge_fills_total{venue="binance",} 1
                weird{a="x\\"y",b="back\\\\slash",c="new\\nline"} NaN 1712345678000
                fixbridge_journal_write_seconds_bucket{le="+Inf"} +Inf
                bare -Inf

                """);
        assertThat(text.samples()).hasSize(5);
        assertThat(text.value("fixbridge_fills_total", "venue", "paper")).isEqualTo(3.0);
        assertThat(text.sum("fixbridge_fills_total")).isEqualTo(4.0);
        assertThat(text.find("weird").get(0).labels()).isEqualTo(Map.of("a", "x\"y", "b", "back\\slash", "c", "new\nline"));
        assertThat(text.value("weird")).isNaN();
        assertThat(text.value("fixbridge_journal_write_seconds_bucket", "le", "+Inf")).isInfinite();
        assertThat(text.value("bare")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(text.names()).containsExactly("bare", "fixbridge_fills_total", "fixbridge_journal_write_seconds_bucket", "weird");
    }

    @Test
    void refusesWhatIsNotTheFormat() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbad{venue=paper} 1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("nolabelvalue{a=\"1\"}\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrometheusText.parse("twice{a=\"1\",a=\"2\"} 1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void findsMetricNamesInPromQlButNotInLabelValuesOrRecordingRuleNames() {
        assertThat(MetricNames.in("sum by (venue) (rate(fixbridge_fills_total{job=\"fixbridge_x\"}[5m])) "
                + "/ on() fixbridge:trading_window > jvm_memory_max_bytes{area=\"heap\"}"))
                .containsExactly("fixbridge_fills_total", "jvm_memory_max_bytes");
        assertThat(MetricNames.ofSeries("up{job=\"fixbridge\"}")).isEqualTo("up");
    }
}
