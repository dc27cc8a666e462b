package io.fixbridge.bench.report;

import java.util.List;

/**
 * One line of the bench's table: a run against the gateway, the bare QuickFIX/J acceptor or ccxt.
 * Latencies in microseconds; any may be null where the run cannot measure it. Immutable.
 *
 * @param name        what ran, e.g. {@code gateway -> binance}
 * @param rate        target orders per second (0: flat out)
 * @param sent        orders measured
 * @param lost        orders that got no answer at all
 * @param rejected    orders refused
 * @param throughput  orders per second achieved
 * @param pendingNew  FIX send -> ExecutionReport PendingNew
 * @param acknowledged FIX send -> ExecutionReport New (venue acknowledged); for ccxt: createOrder's round trip
 * @param internal    the gateway's FIX in -> venue request written, from its own metrics
 * @param cpuCores    CPU the process under test used, in cores (1.0 = one core busy)
 * @param venueCores  CPU the simulators' process used meanwhile (the venue side of a run), in cores
 * @param rssPeakMb   its largest resident set during the run
 * @param gcPauses    its GC pauses during the run
 * @param gcPauseMs   their total
 * @param problems    the first problems seen
 */
public record Row(String name, int rate, int sent, int lost, int rejected, double throughput, Percentiles pendingNew,
                  Percentiles acknowledged, Percentiles internal, double cpuCores, double venueCores, double rssPeakMb, long gcPauses,
                  double gcPauseMs, List<String> problems) {

    public Row {
        problems = List.copyOf(problems);
    }
}
