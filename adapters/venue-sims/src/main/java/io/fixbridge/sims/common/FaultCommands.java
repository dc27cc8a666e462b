package io.fixbridge.sims.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /_sim/faults}: a JSON object holding any subset of
 * <ul>
 *   <li>{@code "reset": true} — every switch off (applied before everything else);</li>
 *   <li>{@code "failNextRequests": n} (0..{@value #MAX_COUNT}), optionally with
 *       {@code "failureStatus": 500..599} (default: the venue's) — the next {@code n} venue
 *       requests are answered with that 5xx, unprocessed;</li>
 *   <li>{@code "loseNextOrderResponses": n} (0..{@value #MAX_COUNT}) — the next {@code n}
 *       successful order-placing requests are executed but never answered;</li>
 *   <li>{@code "latencyMs": ms} (0..{@value #MAX_LATENCY_MS}, 0 = off) — every venue request is
 *       delayed;</li>
 *   <li>{@code "maintenance": true|false} — the venue's maintenance mode;</li>
 *   <li>each venue action given to the constructor, e.g. {@code "dropUserDataStreams": true}.</li>
 * </ul>
 * The whole object is checked before anything is applied: an unknown key, a value of the wrong
 * type or out of range throws a {@link ControlError} 400 naming the key and what it allows, and
 * no switch changes. Then the keys are applied in the order above, and the answer is
 * {@code {"applied":[keys in that order]}}.
 *
 * <p><b>Threading:</b> immutable after construction; {@link #apply} may be called from any
 * thread (the switches are thread-safe) and runs the venue actions on the calling thread.
 */
public final class FaultCommands {
    /** The largest count {@code failNextRequests} and {@code loseNextOrderResponses} accept. */
    public static final int MAX_COUNT = 1_000_000;
    /** The largest {@code latencyMs} accepted: two minutes. */
    public static final int MAX_LATENCY_MS = 120_000;

    private static final List<String> COMMON_KEYS = List.of("reset", "failNextRequests", "failureStatus",
            "loseNextOrderResponses", "latencyMs", "maintenance");

    private final FaultSwitches switches;
    private final Map<String, Runnable> actions;

    /**
     * @param switches the simulator's fault switches
     * @param actions  the venue's one-shot actions by key (run when the key is {@code true}), in
     *                 the order they are to run; none may reuse a common key
     */
    public FaultCommands(FaultSwitches switches, Map<String, Runnable> actions) {
        this.switches = Objects.requireNonNull(switches, "switches");
        this.actions = new LinkedHashMap<>(actions);
        for (String key : this.actions.keySet()) {
            if (COMMON_KEYS.contains(key)) {
                throw new IllegalArgumentException(key + " is a common fault key, not a venue action");
            }
        }
    }

    /** Every key the body may hold. */
    public List<String> keys() {
        List<String> all = new ArrayList<>(COMMON_KEYS);
        all.addAll(actions.keySet());
        return all;
    }

    /**
     * Checks {@code body} in full, then applies it.
     *
     * @return {@code {"applied":[...]}}
     * @throws ControlError 400 when any key is unknown or any value is not allowed (nothing applied)
     */
    public ObjectNode apply(ObjectNode body) {
        Plan plan = check(body);
        ArrayNode applied = SimJson.array();
        if (plan.reset) {
            switches.reset();
            applied.add("reset");
        }
        if (plan.failNext != null) {
            if (plan.failureStatus != null) {
                switches.failNextRequests(plan.failNext, plan.failureStatus);
            } else {
                switches.failNextRequests(plan.failNext);
            }
            applied.add("failNextRequests");
            if (plan.failureStatus != null) {
                applied.add("failureStatus");
            }
        }
        if (plan.loseNext != null) {
            switches.loseNextOrderResponses(plan.loseNext);
            applied.add("loseNextOrderResponses");
        }
        if (plan.latencyMs != null) {
            switches.latency(Duration.ofMillis(plan.latencyMs));
            applied.add("latencyMs");
        }
        if (plan.maintenance != null) {
            switches.maintenance(plan.maintenance);
            applied.add("maintenance");
        }
        for (String action : plan.actions) {
            actions.get(action).run();
            applied.add(action);
        }
        ObjectNode answer = SimJson.object();
        answer.set("applied", applied);
        return answer;
    }

    private Plan check(ObjectNode body) {
        Plan plan = new Plan();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            JsonNode v = f.getValue();
            switch (key) {
                case "reset" -> plan.reset = requireTrue(key, v);
                case "failNextRequests" -> plan.failNext = requireInt(key, v, 0, MAX_COUNT);
                case "failureStatus" -> plan.failureStatus = requireInt(key, v, 500, 599);
                case "loseNextOrderResponses" -> plan.loseNext = requireInt(key, v, 0, MAX_COUNT);
                case "latencyMs" -> plan.latencyMs = requireInt(key, v, 0, MAX_LATENCY_MS);
                case "maintenance" -> {
                    if (!v.isBoolean()) {
                        throw ControlError.badRequest("'maintenance' must be true or false, got " + v);
                    }
                    plan.maintenance = v.booleanValue();
                }
                default -> {
                    if (!actions.containsKey(key)) {
                        throw ControlError.badRequest("unknown fault key '" + key + "'; allowed keys: "
                                + String.join(", ", keys()));
                    }
                    requireTrue(key, v);
                    plan.actions.add(key);
                }
            }
        }
        if (plan.failureStatus != null && plan.failNext == null) {
            throw ControlError.badRequest("'failureStatus' only goes with 'failNextRequests' (the status those "
                    + "failures answer with)");
        }
        plan.actions.sort((a, b) -> indexOf(a) - indexOf(b));
        return plan;
    }

    private int indexOf(String action) {
        return new ArrayList<>(actions.keySet()).indexOf(action);
    }

    private static boolean requireTrue(String key, JsonNode v) {
        if (!v.isBoolean() || !v.booleanValue()) {
            throw ControlError.badRequest("'" + key + "' is an action and only takes true, got " + v);
        }
        return true;
    }

    private static int requireInt(String key, JsonNode v, int min, int max) {
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw ControlError.badRequest("'" + key + "' must be a whole number from " + min + " to " + max
                    + ", got " + v);
        }
        return v.intValue();
    }

    /** What one body asks for, checked. */
    private static final class Plan {
        boolean reset;
        Integer failNext;
        Integer failureStatus;
        Integer loseNext;
        Integer latencyMs;
        Boolean maintenance;
        final List<String> actions = new ArrayList<>();
    }
}
