package io.fixbridge.gateway.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The seeded script of one run: what to send, in which order, how long to pause, and where the
 * faults fall. Everything random comes from one {@link Random} seeded with the run's seed, so the
 * same seed gives the same script; only the targets of cancels and replaces are picked at run
 * time (by the seeded {@code pick} fraction) among the orders the OMS then believes resting.
 *
 * <p>Immutable and thread-safe once built; {@link #of} throws IllegalArgumentException for
 * negative counts or no orders.
 */
public record Plan(long seed, List<Step> steps, int kills, int wsDrops, int bursts, int lostResponses) {

    /** How an order is priced against the market. */
    public enum OrderKind {
        /** a limit away from the market, {@code bps} behind the touch: rests until crossed, cancelled or replaced */
        RESTING,
        /** a limit a little through the touch: trades at once */
        MARKETABLE,
        /** a limit at the touch for more than its level holds: trades in part, the rest rests */
        LARGE_AT_TOUCH
    }

    /** A fault the harness injects. */
    public enum FaultKind { KILL, WS_DROP, BURST_5XX, LOST_RESPONSES }

    /** One thing to do. */
    public sealed interface Step permits NewOrder, Cancel, Replace, MarketMove, Fault {
    }

    /**
     * A NewOrderSingle.
     *
     * @param index    0-based number of the order
     * @param kind     how it is priced
     * @param buy      side
     * @param qtyUnits quantity in units of 0.0001 (BTC)
     * @param bps      distance from the touch for a resting order, in basis points
     * @param pauseMs  pause after sending
     * @param venueLatencyMs before sending, make the venue delay every request this long (0: leave it); set
     *                 for some orders a kill follows, so the kill lands while the venue request is in flight,
     *                 and turned off again by the kill
     */
    public record NewOrder(int index, OrderKind kind, boolean buy, int qtyUnits, int bps, int pauseMs, int venueLatencyMs)
            implements Step {
    }

    /** Cancel a chain the OMS believes open: the {@code pick} fraction of them, oldest first. */
    public record Cancel(double pick, int pauseMs) implements Step {
    }

    /** Replace a resting, unfilled chain with a new price {@code bps} behind the touch and quantity scaled by {@code qtyFactor}. */
    public record Replace(double pick, int bps, double qtyFactor, int pauseMs) implements Step {
    }

    /** Move the market's mid to {@code bps} from where it started (resting orders it crosses trade). */
    public record MarketMove(int bps, int pauseMs) implements Step {
    }

    /**
     * A fault.
     *
     * @param kind     what
     * @param number   1-based number of this fault among those of its kind
     * @param count    requests to fail or responses to lose (BURST_5XX, LOST_RESPONSES)
     * @param status   the HTTP status of a burst
     * @param delayMs  pause before it (a kill: 0..40 ms after the order before it, which is then in flight)
     */
    public record Fault(FaultKind kind, int number, int count, int status, int delayMs) implements Step {
    }

    public Plan {
        steps = List.copyOf(steps);
    }

    /** The script for {@code orders} orders and the given fault counts. */
    public static Plan of(long seed, int orders, int kills, int wsDrops, int bursts, int lostResponses) {
        if (orders < 1 || kills < 0 || wsDrops < 0 || bursts < 0 || lostResponses < 0) {
            throw new IllegalArgumentException("orders must be at least 1 and fault counts zero or more");
        }
        Random r = new Random(seed);
        List<FaultKind> faults = new ArrayList<>();
        faults.addAll(Collections.nCopies(kills, FaultKind.KILL));
        faults.addAll(Collections.nCopies(wsDrops, FaultKind.WS_DROP));
        faults.addAll(Collections.nCopies(bursts, FaultKind.BURST_5XX));
        faults.addAll(Collections.nCopies(lostResponses, FaultKind.LOST_RESPONSES));
        Collections.shuffle(faults, r);
        // fault slots: after orders spread over the run, leaving the first tenth and the last order clean
        int first = Math.max(1, orders / 10);
        List<Integer> slots = new ArrayList<>();
        for (int i = first; i < orders - 1; i++) {
            slots.add(i);
        }
        if (slots.isEmpty()) {
            slots.add(0);
        }
        Collections.shuffle(slots, r);
        List<List<FaultKind>> faultsAfter = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            faultsAfter.add(new ArrayList<>());
        }
        for (int f = 0; f < faults.size(); f++) {
            faultsAfter.get(slots.get(f % slots.size())).add(faults.get(f));
        }
        int[] numbers = new int[FaultKind.values().length];
        boolean largeBuy = r.nextBoolean();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            double k = r.nextDouble();
            OrderKind kind = k < 0.05 ? OrderKind.LARGE_AT_TOUCH : k < 0.45 ? OrderKind.MARKETABLE : OrderKind.RESTING;
            boolean buy = r.nextBoolean();
            int qtyUnits = 2 + r.nextInt(29);
            if (kind == OrderKind.LARGE_AT_TOUCH) {
                buy = largeBuy;
                largeBuy = !largeBuy;
                qtyUnits = 11_000 + r.nextInt(3_001);
            }
            List<FaultKind> here = faultsAfter.get(i);
            boolean killHere = here.contains(FaultKind.KILL);
            int bps = 20 + r.nextInt(131);
            int pause = pause(r);
            // an order followed by a kill gets no pause: the kill lands 0..40 ms after it, while it is in flight;
            // three times in four the venue is slowed first, so the order reaches it after the kill
            int latency = r.nextInt(4) == 0 ? 0 : 20 + r.nextInt(200);
            steps.add(new NewOrder(i, kind, buy, qtyUnits, bps, killHere ? 0 : pause, killHere ? latency : 0));
            for (FaultKind fk : here) {
                if (fk == FaultKind.KILL) {
                    steps.add(new Fault(fk, ++numbers[fk.ordinal()], 0, 0, r.nextInt(40)));
                }
            }
            double extra = r.nextDouble();
            if (extra < 0.14) {
                steps.add(new Cancel(r.nextDouble(), pause(r)));
            } else if (extra < 0.26) {
                steps.add(new Replace(r.nextDouble(), 20 + r.nextInt(131), 0.5 + r.nextDouble(), pause(r)));
            } else if (extra < 0.31) {
                int move = 30 + r.nextInt(121);
                steps.add(new MarketMove(r.nextBoolean() ? move : -move, pause(r)));
            }
            for (FaultKind fk : here) {
                if (fk == FaultKind.KILL) {
                    continue;
                }
                int number = ++numbers[fk.ordinal()];
                steps.add(switch (fk) {
                    case WS_DROP -> new Fault(fk, number, 0, 0, r.nextInt(200));
                    case BURST_5XX -> new Fault(fk, number, 2 + r.nextInt(4), new int[] {500, 502, 503, 504}[r.nextInt(4)],
                            r.nextInt(200));
                    default -> new Fault(fk, number, 1 + r.nextInt(2), 0, r.nextInt(200));
                });
            }
        }
        return new Plan(seed, steps, kills, wsDrops, bursts, lostResponses);
    }

    private static int pause(Random r) {
        return 100 + r.nextInt(300);
    }
}
