package io.fixbridge.gateway.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI proof of issue 7: a short seeded round of the fault harness with real processes (a
 * Binance simulator and a gateway, killed with SIGKILL and restarted twice) ends with nothing
 * lost, doubled or mismatched, and every fault asked for happened.
 */
class FaultHarnessTest {
    private static final long SEED = 20261121L;

    /** Kept when the round fails: the summary's last line names it, with every process's log. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aShortSeededRoundLosesNothingDoublesNothingAndMismatchesNothing() {
        Path work = dir.resolve("round");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        HarnessResult result;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            result = FaultHarness.run(new HarnessOptions(40, SEED, 2, 2, 2, 2, work, "BTC/USDT", HarnessOptions.DEMO_ACCOUNT,
                    false), out);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.println(output);

        assertThat(result.failure()).as(output).isNull();
        assertThat(output).contains(result.summary());
        assertThat(result.summary()).matches("harness seed=20261121 orders=40 fills=\\d+ kills=2 ws-drops=2 5xx-bursts=2 "
                + "lost-responses=2 lost=\\d+ doubled=\\d+ mismatched=\\d+");
        assertThat(result.orders()).isEqualTo(40);
        assertThat(result.kills()).isEqualTo(2);
        assertThat(result.wsDrops()).isEqualTo(2);
        assertThat(result.bursts()).isEqualTo(2);
        assertThat(result.lostResponses()).isEqualTo(2);
        assertThat(result.judgement().fills()).as(output).isPositive();
        assertThat(result.judgement().problems()).as(output).isEmpty();
        // no gateway that ended by itself, no order that never ended, no report for a ClOrdID never sent
        assertThat(result.notes()).as(output).isEmpty();
        assertThat(result.judgement().lost()).isZero();
        assertThat(result.judgement().doubled()).isZero();
        assertThat(result.judgement().mismatched()).isZero();
        assertThat(result.exitCode()).isEqualTo(HarnessResult.CLEAN);
    }
}
