package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.testkit.LogCapture;
import io.fixbridge.venue.kit.Backoff;
import io.fixbridge.venue.kit.json.VenueJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The sidecar supervision ({@link Sidecar}, {@link BridgeClient}, {@link SidecarProcess}) against a real
 * {@code node -e} child that speaks a few protocol lines: answers by id in any order, errors with their
 * class chain, events, stderr forwarding, a crash (kill -9), a hang caught by the ping, deadlines.
 */
class SidecarTest {
    /** A tiny sidecar: hello, ping (unless told to hang), echo, slow, fail, hang, emit; logs to stderr. */
    static final String FAKE = """
            const rl = require('node:readline').createInterface({ input: process.stdin });
            let hang = false;
            const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
            process.stderr.write('INFO fake sidecar up\\n');
            rl.on('line', (line) => {
              const r = JSON.parse(line);
              const ok = (result) => out({ id: r.id, ok: true, result });
              switch (r.method) {
                case 'hello': return ok({ protocol: 1, ccxtVersion: 'fake', node: process.version });
                case 'ping': if (!hang) ok({ time: Date.now() }); return;
                case 'echo': return ok(r.params);
                case 'slow': setTimeout(() => ok({ slept: r.params.ms }), r.params.ms); return;
                case 'fail': return out({ id: r.id, ok: false, error: { class: 'InsufficientFunds',
                    classes: ['InsufficientFunds', 'ExchangeError', 'BaseError'], message: 'no money', code: '-2010' } });
                case 'hang': hang = true; return ok({});
                case 'emit': process.stdout.write('not json at all\\n');
                  out({ event: 'orders', account: 'a', data: [{ id: '1' }] }); return ok({});
                case 'warn': process.stderr.write('WARN careful: ' + r.params.text + '\\n'); return ok({});
                default: return out({ id: r.id, ok: false, error: { class: 'ProtocolError', classes: ['ProtocolError'],
                    message: 'unknown method ' + r.method, code: null } });
              }
            });
            rl.on('close', () => process.exit(0));
            """;

    private ScheduledExecutorService scheduler;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger prepared = new AtomicInteger();
    private Sidecar sidecar;

    @BeforeEach
    void setUp() {
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        if (sidecar != null) {
            sidecar.close();
        }
        scheduler.shutdownNow();
    }

    private Sidecar sidecar(List<String> command, long restartMinMs) {
        Sidecar.Settings s = new Sidecar.Settings("test-sidecar", command, Path.of("."), 10_000, 100, 500,
                new Backoff(Duration.ofMillis(restartMinMs), Duration.ofMillis(restartMinMs * 4), 2.0, 0.0));
        sidecar = new Sidecar(s, scheduler, scheduler, new Sidecar.Listener() {
            @Override
            public CompletableFuture<Void> prepare(BridgeClient client, JsonNode hello) {
                prepared.incrementAndGet();
                log.add("prepare " + hello.path("ccxtVersion").asText());
                return client.request("echo", params("x", "1"), 2000).thenAccept(r -> log.add("prepared"));
            }

            @Override
            public void up(boolean restart) {
                log.add(restart ? "up after restart" : "up");
            }

            @Override
            public void down(String why) {
                log.add("down: " + why);
            }

            @Override
            public void event(JsonNode event) {
                events.add(event);
            }
        });
        return sidecar;
    }

    private Sidecar fake() {
        return sidecar(List.of("node", "-e", FAKE), 50);
    }

    private static ObjectNode params(String k, Object v) {
        ObjectNode p = VenueJson.mapper().createObjectNode();
        p.set(k, VenueJson.mapper().valueToTree(v));
        return p;
    }

    private static Throwable failureOf(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }

    @Test
    void answersAreMatchedByIdWhateverTheirOrder() throws Exception {
        Sidecar s = fake();
        s.start().get(10, TimeUnit.SECONDS);
        assertThat(log).containsExactly("prepare fake", "prepared", "up");

        CompletableFuture<JsonNode> slow = s.request("slow", params("ms", 300), 5000);
        CompletableFuture<JsonNode> fast = s.request("echo", params("v", "fast"), 5000);

        assertThat(fast.get(5, TimeUnit.SECONDS).path("v").asText()).isEqualTo("fast");
        assertThat(slow.isDone()).as("the slow answer comes after the fast one").isFalse();
        assertThat(slow.get(5, TimeUnit.SECONDS).path("slept").asInt()).isEqualTo(300);
    }

    @Test
    void anErrorAnswerCarriesCcxtsClassChainAndCode() throws Exception {
        Sidecar s = fake();
        s.start().get(10, TimeUnit.SECONDS);

        Throwable t = failureOf(s.request("fail", null, 5000));

        assertThat(t).isInstanceOf(BridgeException.Answered.class);
        BridgeError e = ((BridgeException.Answered) t).error();
        assertThat(e.className()).isEqualTo("InsufficientFunds");
        assertThat(e.classes()).containsExactly("InsufficientFunds", "ExchangeError", "BaseError");
        assertThat(e.code()).isEqualTo("-2010");
        assertThat(e.message()).isEqualTo("no money");
    }

    @Test
    void eventsReachTheListenerAndGarbageLinesAreLoggedNotFatal() throws Exception {
        Sidecar s = fake();
        s.start().get(10, TimeUnit.SECONDS);
        try (LogCapture logs = new LogCapture()) {
            s.request("emit", null, 5000).get(5, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
            assertThat(events.get(0).path("event").asText()).isEqualTo("orders");
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("not JSON"));
            assertThat(s.request("echo", params("v", 1), 5000).get(5, TimeUnit.SECONDS).path("v").asInt()).isEqualTo(1);
        }
    }

    @Test
    void stderrLinesAreForwardedAtTheirLevel() throws Exception {
        Sidecar s = fake();
        s.start().get(10, TimeUnit.SECONDS);
        try (LogCapture logs = new LogCapture()) {
            s.request("warn", params("text", "rate limit near"), 5000).get(5, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.lines()).anyMatch(l ->
                    l.startsWith("WARN io.fixbridge.venue.ccxt.sidecar") && l.contains("careful: rate limit near")));
        }
    }

    @Test
    void aKilledSidecarFailsWhatIsInFlightAndIsRestartedAndPreparedAgain() throws Exception {
        Sidecar s = fake();
        s.start().get(10, TimeUnit.SECONDS);
        long pid = s.pid();
        CompletableFuture<JsonNode> inFlight = s.request("slow", params("ms", 5000), 8000);

        new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor();

        Throwable t = failureOf(inFlight);
        assertThat(t).isInstanceOf(BridgeException.NoAnswer.class);
        assertThat(((BridgeException.NoAnswer) t).written()).as("it had reached the sidecar").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> s.isUp() && s.restarts() == 1);
        assertThat(s.pid()).isNotEqualTo(pid);
        assertThat(prepared).hasValue(2);
        assertThat(log).anyMatch(l -> l.startsWith("down: the sidecar exited")).contains("up after restart");
        assertThat(s.request("echo", params("v", "again"), 5000).get(5, TimeUnit.SECONDS).path("v").asText())
                .isEqualTo("again");
    }

    @Test
    void requestsWhileTheSidecarIsDownAreRefusedUnsent() throws Exception {
        Sidecar s = sidecar(List.of("node", "-e", FAKE), 3000);
        s.start().get(10, TimeUnit.SECONDS);

        s.killForTest();
        await().atMost(Duration.ofSeconds(5)).until(() -> !s.isUp());

        Throwable t = failureOf(s.request("echo", params("v", 1), 5000));
        assertThat(t).isInstanceOf(BridgeException.NoAnswer.class);
        assertThat(((BridgeException.NoAnswer) t).written()).isFalse();
    }

    @Test
    void aHangingSidecarIsCaughtByThePingKilledAndReplaced() throws Exception {
        Sidecar s = fake();
        s.start().get(10, TimeUnit.SECONDS);
        long pid = s.pid();

        s.request("hang", null, 5000).get(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> s.restarts() == 1 && s.isUp());
        assertThat(s.pid()).isNotEqualTo(pid);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aRequestWithoutAnAnswerFailsAtItsDeadline() throws Exception {
        Sidecar s = fake();
        s.start().get(10, TimeUnit.SECONDS);

        Throwable t = failureOf(s.request("slow", params("ms", 3000), 100));

        assertThat(t).isInstanceOf(BridgeException.NoAnswer.class).hasMessageContaining("within 100 ms");
        assertThat(((BridgeException.NoAnswer) t).written()).isTrue();
    }

    @Test
    void aSidecarThatCannotBeSpawnedFailsTheStart() {
        Sidecar s = sidecar(List.of("/nonexistent/node-binary", "x"), 50);

        assertThatThrownBy(() -> s.start().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(BridgeException.NoAnswer.class)
                .hasMessageContaining("could not be started");
    }

    @Test
    void aSidecarThatExitsAtOnceFailsTheStartWithoutRestarting() throws Exception {
        Sidecar s = sidecar(List.of("node", "-e", "process.exit(3)"), 50);

        assertThatThrownBy(() -> s.start().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(BridgeException.NoAnswer.class);
        assertThat(s.restarts()).isZero();
        assertThat(log).noneMatch(l -> l.startsWith("down"));
    }

    @Test
    void closeEndsTheProcess() throws Exception {
        Sidecar s = fake();
        s.start().get(10, TimeUnit.SECONDS);
        long pid = s.pid();

        s.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(s.isUp()).isFalse();
        Throwable t = failureOf(s.request("echo", null, 1000));
        assertThat(((BridgeException.NoAnswer) t).written()).isFalse();
        assertThat(log).noneMatch(l -> l.startsWith("down"));
    }
}
