package io.fixbridge.gateway.harness;

import java.util.List;

/**
 * What {@link Verdict} found: how many distinct fills the OMS was told of, and every problem.
 * Immutable.
 *
 * @param fills    fills the OMS was told of, counted once per ExecID
 * @param problems every disagreement, chain by chain
 */
public record Judgement(int fills, List<Problem> problems) {

    public Judgement {
        problems = List.copyOf(problems);
    }

    public long lost() {
        return count(Problem.Category.LOST);
    }

    public long doubled() {
        return count(Problem.Category.DOUBLED);
    }

    public long mismatched() {
        return count(Problem.Category.MISMATCHED);
    }

    /** No order lost, none doubled, none mismatched. */
    public boolean clean() {
        return problems.isEmpty();
    }

    private long count(Problem.Category c) {
        return problems.stream().filter(p -> p.category() == c).count();
    }
}
