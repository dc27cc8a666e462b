package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.paper.engine.EngineListener;
import io.fixbridge.venue.paper.engine.MatchingEngine;
import io.fixbridge.venue.paper.engine.PublicTrade;
import io.fixbridge.venue.paper.engine.SyntheticMarket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the spot and the futures venue share: one matching engine and its synthetic market, and the
 * transaction discipline around every engine call. A {@link #transact transaction} runs a request
 * against the engine; the engine reports what happened to this listener, which updates the
 * venue's order records and queues user-data events; when the request is done, queued follow-ups
 * run (OCO sibling expiry, algo triggers, order-list completion) and then every queued event is
 * published, followed by one balance/position update per account that changed.
 *
 * <p><b>Threading:</b> confined to the engine thread, like the engine itself. Listener callbacks
 * never call back into the engine: anything that must, is queued as a follow-up.
 */
abstract class EngineVenue implements EngineListener {
    private static final Logger LOG = LoggerFactory.getLogger(EngineVenue.class);
    /** Orders the records of both markets by creation (the truth lists spot and futures orders together). */
    private static final AtomicLong PLACEMENTS = new AtomicLong();

    protected final Market market;
    protected final Clock clock;
    protected final UserDataHub hub;
    protected MatchingEngine engine;
    protected SyntheticMarket synthetic;
    private PublicStreams publicStreams;

    private final Deque<Runnable> followUps = new ArrayDeque<>();
    private final List<Outbound> outbox = new ArrayList<>();
    private final Map<String, Set<String>> touched = new LinkedHashMap<>();
    private boolean inTransaction;

    private record Outbound(String account, ObjectNode event) {
    }

    EngineVenue(Market market, Clock clock, UserDataHub hub) {
        this.market = market;
        this.clock = clock;
        this.hub = hub;
    }

    /** Wires the engine and its market; called once while the simulator is built. */
    final void attach(MatchingEngine matchingEngine, SyntheticMarket syntheticMarket) {
        this.engine = matchingEngine;
        this.synthetic = syntheticMarket;
    }

    /** Wires the market's public streams, which publish every trade; called once while the simulator is built. */
    final void publishTradesTo(PublicStreams streams) {
        this.publicStreams = streams;
    }

    /** Every trade (market-maker trades included) goes to the public trade streams at once. */
    @Override
    public final void onTrade(PublicTrade trade) {
        if (publicStreams != null) {
            publicStreams.onTrade(trade);
        }
    }

    /**
     * Runs {@code body} as one transaction: when it returns or throws, follow-ups run and every
     * queued event is published. Nested calls join the outer transaction.
     */
    final <T> T transact(Supplier<T> body) {
        if (inTransaction) {
            return body.get();
        }
        inTransaction = true;
        try {
            return body.get();
        } finally {
            try {
                settle();
            } finally {
                inTransaction = false;
            }
        }
    }

    /** One step of the market walk, as a transaction. */
    final void step() {
        transact(() -> {
            synthetic.step();
            return null;
        });
    }

    /** Moves one symbol's mid by whole ticks, as a transaction. */
    final void moveMid(String unifiedSymbol, long ticks) {
        transact(() -> {
            synthetic.moveMid(unifiedSymbol, ticks);
            return null;
        });
    }

    /** The next number of the placement sequence shared by every order record (spot and futures). */
    static long nextPlacement() {
        return PLACEMENTS.incrementAndGet();
    }

    /** Queues an event for {@code account}'s user-data streams. */
    protected final void emit(String account, ObjectNode event) {
        outbox.add(new Outbound(account, event));
    }

    /** Notes that {@code account}'s balances or positions in {@code symbol} may have changed. */
    protected final void touch(String account, String symbol) {
        touched.computeIfAbsent(account, a -> new LinkedHashSet<>()).add(symbol);
    }

    /** Queues work that calls the engine, to run once the current engine call has returned. */
    protected final void followUp(Runnable work) {
        followUps.add(work);
    }

    /** Checks conditions that can arise from any engine call (e.g. algo triggers); true when it did something. */
    protected boolean afterEngineCalls() {
        return false;
    }

    /** Publishes the balance/position update of one account after a transaction. */
    protected abstract void publishAccountUpdate(String account, Set<String> symbols);

    protected final long now() {
        return clock.millis();
    }

    private void settle() {
        int rounds = 0;
        do {
            while (!followUps.isEmpty()) {
                Runnable work = followUps.poll();
                try {
                    work.run();
                } catch (BinanceException e) {
                    LOG.debug("follow-up refused: {} {}", e.code(), e.msg());
                } catch (RuntimeException e) {
                    LOG.error("follow-up failed", e);
                }
            }
            if (++rounds > 10_000) {
                LOG.error("follow-ups did not settle; giving up this round");
                break;
            }
        } while (runChecks());
        for (Outbound o : outbox) {
            hub.publish(market, o.account(), o.event());
        }
        outbox.clear();
        Map<String, Set<String>> changed = new LinkedHashMap<>(touched);
        touched.clear();
        changed.forEach((account, symbols) -> {
            try {
                publishAccountUpdate(account, symbols);
            } catch (RuntimeException e) {
                LOG.error("account update of {} failed", account, e);
            }
        });
    }

    private boolean runChecks() {
        try {
            return afterEngineCalls() || !followUps.isEmpty();
        } catch (RuntimeException e) {
            LOG.error("post-transaction checks failed", e);
            return false;
        }
    }
}
