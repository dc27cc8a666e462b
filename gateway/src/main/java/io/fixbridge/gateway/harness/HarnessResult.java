package io.fixbridge.gateway.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one harness run. Immutable.
 *
 * @param seed          the seed used
 * @param orders        NewOrderSingles sent
 * @param kills         gateway kills done
 * @param wsDrops       WebSocket drops done
 * @param bursts        5xx bursts set
 * @param lostResponses lost-response faults set
 * @param judgement     the verdict, or null when the harness failed
 * @param notes         what else a person should know (gateway exits, orders that never ended, stray reports)
 * @param failure       why the harness could not finish, or null
 * @param workDir       where the logs are
 */
public record HarnessResult(long seed, int orders, int kills, int wsDrops, int bursts, int lostResponses,
                            Judgement judgement, List<String> notes, String failure, Path workDir) {
    /** Exit code: no problem. */
    public static final int CLEAN = 0;
    /** Exit code: lost, doubled or mismatched orders. */
    public static final int PROBLEMS = 1;
    /** Exit code: the harness itself failed. */
    public static final int HARNESS_FAILED = 2;

    public HarnessResult {
        notes = List.copyOf(notes);
    }

    /** 0 iff lost = doubled = mismatched = 0; 1 otherwise; 2 when the harness failed. */
    public int exitCode() {
        if (failure != null || judgement == null) {
            return HARNESS_FAILED;
        }
        return judgement.clean() ? CLEAN : PROBLEMS;
    }

    /** The one greppable line. */
    public String summary() {
        return "harness seed=" + seed + " orders=" + orders + " fills=" + (judgement == null ? 0 : judgement.fills())
                + " kills=" + kills + " ws-drops=" + wsDrops + " 5xx-bursts=" + bursts + " lost-responses=" + lostResponses
                + " lost=" + (judgement == null ? 0 : judgement.lost())
                + " doubled=" + (judgement == null ? 0 : judgement.doubled())
                + " mismatched=" + (judgement == null ? 0 : judgement.mismatched());
    }
}
