package io.fixbridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The bench reads the gateway's latency histograms as Prometheus would: differences of cumulative buckets, interpolated. */
class MetricsScrapeTest {
    private static MetricsScrape scrape(long le1, long le2, long le4, long inf) {
        return MetricsScrape.parse("""
                # HELP x_seconds a histogram
                # TYPE x_seconds histogram
                x_seconds_bucket{le="1.0E-5",venue="binance"} %d
                x_seconds_bucket{le="2.0E-5",venue="binance"} %d
                x_seconds_bucket{le="4.0E-5",venue="binance"} %d
                x_seconds_bucket{le="+Inf",venue="binance"} %d
                x_seconds_count{venue="binance"} %d
                x_seconds_bucket{le="1.0E-5",venue="paper"} 1000
                x_seconds_bucket{le="+Inf",venue="paper"} 1000
                jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 3
                jvm_gc_pause_seconds_count{action="end of major GC",cause="System.gc()",gc="G1 Old Generation"} 1
                """.formatted(le1, le2, le4, inf, inf));
    }

    @Test
    void quantilesComeFromTheRunBetweenTwoScrapesInterpolatedInsideTheirBucket() {
        MetricsScrape before = scrape(100, 100, 100, 100);
        MetricsScrape after = scrape(100, 200, 300, 300); // the run: 100 in (10,20] µs, 100 in (20,40] µs

        assertThat(MetricsScrape.quantile(before, after, "x_seconds", "venue=binance,", 0.5) * 1e6).isCloseTo(20.0, within(1e-9));
        assertThat(MetricsScrape.quantile(before, after, "x_seconds", "venue=binance,", 0.25) * 1e6).isCloseTo(15.0, within(1e-9));
        assertThat(MetricsScrape.quantile(before, after, "x_seconds", "venue=binance,", 0.99) * 1e6).isCloseTo(39.6, within(1e-9));
        assertThat(MetricsScrape.count(before, after, "x_seconds", "venue=binance,")).isEqualTo(200);
    }

    @Test
    void aHistogramThatRecordedNothingHasNoQuantile() {
        MetricsScrape same = scrape(1, 2, 3, 4);
        assertThat(MetricsScrape.quantile(same, same, "x_seconds", "venue=binance,", 0.5)).isNaN();
        assertThat(MetricsScrape.quantile(same, same, "y_seconds", "venue=binance,", 0.5)).isNaN();
    }

    @Test
    void countersAreSummedOverTheirLabels() {
        assertThat(scrape(0, 0, 0, 0).sumAll("jvm_gc_pause_seconds_count")).isEqualTo(4);
    }
}
