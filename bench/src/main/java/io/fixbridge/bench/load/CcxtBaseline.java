package io.fixbridge.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fixbridge.bench.report.Percentiles;
import io.fixbridge.bench.report.Row;

/**
 * Baseline (b): what a desk would script instead — ccxt in Node calling createOrder against the
 * same Binance simulator, open loop at the same rate (bench/ccxt/create-order.mjs, which prints one
 * JSON line of results). <b>Threading:</b> caller's thread. <b>Errors:</b> {@link IllegalStateException}
 * with the script's output when it fails or prints no result.
 */
final class CcxtBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CcxtBaseline() {
    }

    static Row run(Path script, int binancePort, long simulatorsPid, LoadPhase phase, Path work) {
        List<String> command = new ArrayList<>(List.of("node", script.toString(),
                "--url", "http://127.0.0.1:" + binancePort,
                "--api-key", BenchSimulators.API_KEY, "--secret", BenchSimulators.SECRET,
                "--symbol", phase.symbol(), "--side", "buy", "--qty", phase.quantity().toPlainString(),
                "--price", phase.price().toPlainString(), "--rate", Integer.toString(phase.rate()),
                "--count", Integer.toString(phase.orders()), "--warmup", Integer.toString(phase.warmup())));
        if (phase.cancel()) {
            command.add("--cancel");
        }
        BenchProcess node = BenchProcess.command("ccxt", command, work.resolve("ccxt.log"));
        try (ProcessSampler sampler = new ProcessSampler(node.pid()); ProcessSampler venue = new ProcessSampler(simulatorsPid)) {
            int exit = node.awaitExit(Duration.ofMinutes(10));
            String resultLine = node.lines().stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
            if (exit != 0 || resultLine == null) {
                throw new IllegalStateException("the ccxt baseline ended with exit code " + exit + " and no result line; the end of "
                        + node.log() + ":\n" + node.tail(20));
            }
            JsonNode r = JSON.readTree(resultLine);
            JsonNode l = r.path("latencyMicros");
            Percentiles latency = new Percentiles(r.path("ok").asLong(), l.path("p50").asDouble(), l.path("p90").asDouble(),
                    l.path("p99").asDouble(), l.path("p999").asDouble(), l.path("max").asDouble());
            List<String> problems = r.path("errors").asInt() > 0
                    ? List.of(r.path("errors").asInt() + " createOrder errors, the first: " + r.path("firstError").asText())
                    : List.of();
            return new Row(phase.name() + " (ccxt " + r.path("ccxtVersion").asText() + ", node " + r.path("node").asText() + ")",
                    phase.rate(), r.path("sent").asInt(), 0, r.path("errors").asInt(), r.path("throughput").asDouble(),
                    null, latency, null, sampler.cores(), venue.cores(), sampler.peakMb(), 0, 0, problems);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the ccxt baseline's result line is not JSON: " + e.getMessage(), e);
        } finally {
            node.close();
        }
    }
}
