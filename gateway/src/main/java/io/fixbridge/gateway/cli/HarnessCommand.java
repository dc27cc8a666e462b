package io.fixbridge.gateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.fixbridge.gateway.harness.FaultHarness;
import io.fixbridge.gateway.harness.HarnessOptions;
import io.fixbridge.gateway.harness.HarnessResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fixbridge harness}: the fault harness of issue 7 (see gateway/HARNESS.md). Starts a
 * Binance simulator and a gateway as processes, sends orders from an OMS while it kills the
 * gateway and injects venue faults, and compares what the OMS was told with the venue's truth.
 * Exit code 0 when nothing was lost, doubled or mismatched, 1 when something was, 2 when the
 * harness itself failed. Runs on the calling thread; never throws for a gateway problem.
 */
@Command(name = "harness", mixinStandardHelpOptions = true,
        description = {"Fault harness (see gateway/HARNESS.md): orders through a gateway process to a",
                "Binance simulator process while the gateway is killed and restarted and the venue",
                "fails; prints orders, fills, lost, doubled, mismatched.",
                "Exit code 0: nothing lost, doubled or mismatched; 1: something was; 2: the harness failed."})
final class HarnessCommand implements Callable<Integer> {

    @Option(names = "--orders", defaultValue = "200", description = "NewOrderSingles to send (default: ${DEFAULT-VALUE})")
    int orders;
    @Option(names = "--seed", description = "seed of everything random (default: the current time, printed)")
    Long seed;
    @Option(names = "--kills", description = "SIGKILLs of the gateway, each followed by a restart (default: orders/40, at least 1)")
    Integer kills;
    @Option(names = "--ws-drops", description = "drops of the venue's user-data WebSockets (default: orders/40, at least 1)")
    Integer wsDrops;
    @Option(names = "--5xx-bursts", description = "bursts of 2 to 5 HTTP 5xx answers from the venue (default: orders/40, at least 1)")
    Integer bursts;
    @Option(names = "--lost-responses", description = "order requests the venue carries out but never answers (default: orders/40, at least 1)")
    Integer lostResponses;
    @Option(names = "--work-dir", description = "new or empty directory for logs, stores and the gateway's data "
            + "(default: a temporary directory, printed, deleted after a clean run)")
    Path workDir;
    @Option(names = "--symbol", defaultValue = "BTC/USDT", description = "spot symbol to trade (default: ${DEFAULT-VALUE})")
    String symbol;
    @Option(names = "--sim-account", defaultValue = HarnessOptions.DEMO_ACCOUNT, hidden = true,
            description = "simulator account whose orders are the truth (default: ${DEFAULT-VALUE})")
    String simAccount;
    @Option(names = "--quiet", description = "print only the summary line and the problems")
    boolean quiet;

    @Override
    public Integer call() {
        int faults = HarnessOptions.defaultFaults(orders);
        HarnessOptions options;
        try {
            options = new HarnessOptions(orders, seed != null ? seed : System.currentTimeMillis(),
                    kills != null ? kills : faults, wsDrops != null ? wsDrops : faults, bursts != null ? bursts : faults,
                    lostResponses != null ? lostResponses : faults, workDir, symbol, simAccount, quiet);
        } catch (IllegalArgumentException e) {
            System.err.println("fixbridge harness: " + e.getMessage());
            return HarnessResult.HARNESS_FAILED;
        }
        return FaultHarness.run(options, System.out).exitCode();
    }
}
