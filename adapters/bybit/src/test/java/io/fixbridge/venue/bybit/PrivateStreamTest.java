package io.fixbridge.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.bybit.dto.BybitOrder;
import io.fixbridge.venue.bybit.dto.Execution;
import io.fixbridge.venue.kit.VenueExecutors;
import io.fixbridge.venue.kit.sign.ApiCredentials;
import io.fixbridge.venue.kit.sign.HmacSha256;
import io.fixbridge.venue.kit.ws.WebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The private stream's protocol on the fixtures' frames, without a socket: auth with a signature over
 * "GET/realtime" + expires, subscribe once Bybit confirms, order and execution topics handed on,
 * pongs, positions and wallets ignored, a refused auth reported, the gap filled after a reconnect.
 */
class PrivateStreamTest {
    private static final String KEY = "stream-key-1234567890";
    private final ApiCredentials creds = new ApiCredentials(KEY, HmacSha256.of("stream-secret"));
    private final VenueExecutors executors = VenueExecutors.create("bybit-stream-test", 1, 1);
    private final List<BybitOrder> orders = new CopyOnWriteArrayList<>();
    private final List<Execution> executions = new CopyOnWriteArrayList<>();
    private final AtomicInteger gaps = new AtomicInteger();
    private final List<VenueError> authFailures = new CopyOnWriteArrayList<>();
    private final PrivateStream stream;

    PrivateStreamTest() {
        BybitConfig config = BybitConfig.from(new io.fixbridge.venue.VenueSettings("bybit", "bybit",
                new io.fixbridge.venue.ConfigView("venues[bybit]", Map.of("privateWsUrl", "ws://127.0.0.1:9/v5/private",
                        "timeouts", Map.of("reconnectMinMs", 60000, "reconnectMaxMs", 60000))),
                List.of(new io.fixbridge.venue.VenueSettings.Account("alice", new io.fixbridge.venue.ConfigView(
                        "venues[bybit].accounts[alice]", Map.of("apiKey", KEY, "secret", "stream-secret"))))));
        stream = new PrivateStream("bybit", "alice", config, creds, new ClockOffset(Clock.systemUTC()), executors,
                orders::add, executions::add, gaps::incrementAndGet, new BybitRest.Hooks() {
                    @Override
                    public void authFailure(String account, VenueError error) {
                        authFailures.add(error);
                    }

                    @Override
                    public void ipBanned(Instant until, VenueError error) {
                    }
                }, io.fixbridge.venue.VenueTelemetry.NONE);
    }

    @AfterEach
    void close() {
        stream.close();
        executors.close();
    }

    /** A session that records what is sent. */
    private static final class Session implements WebSocketSession {
        final List<String> sent = new ArrayList<>();
        final int number;

        Session(int number) {
            this.number = number;
        }

        @Override
        public CompletableFuture<Void> send(String text) {
            sent.add(text);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public int connectionNumber() {
            return number;
        }

        @Override
        public Instant connectedAt() {
            return Instant.EPOCH;
        }
    }

    private Session connected(int number) {
        Session s = new Session(number);
        stream.onConnected(s);
        return s;
    }

    @Test
    void authenticatesWithASignatureOverGetRealtimeAndExpiresThenSubscribes() {
        Session s = connected(1);

        JsonNode auth = BybitJson.tree(s.sent.get(0));
        assertThat(auth.get("op").asText()).isEqualTo("auth");
        assertThat(auth.get("args").get(0).asText()).isEqualTo(KEY);
        long expires = auth.get("args").get(1).asLong();
        assertThat(expires).isGreaterThan(System.currentTimeMillis());
        assertThat(auth.get("args").get(2).asText()).isEqualTo(BybitSigning.wsAuthSignature(creds, expires));
        assertThat(s.sent).hasSize(1);

        stream.onMessage(s, Fixtures.frameText("ws_auth.json"));

        JsonNode sub = BybitJson.tree(s.sent.get(1));
        assertThat(sub.get("op").asText()).isEqualTo("subscribe");
        assertThat(sub.get("args")).extracting(JsonNode::asText).containsExactly("order", "execution", "position",
                "wallet");
        stream.onMessage(s, Fixtures.frameText("ws_subscribe.json"));
        assertThat(stream.start()).isCompleted();
        assertThat(gaps).hasValue(0);
    }

    @Test
    void orderAndExecutionTopicsAreHandedOnTheRestIgnored() {
        Session s = connected(1);
        for (String f : List.of("ws_pong.json", "ws_position.json", "ws_wallet.json", "ws_order_new.json",
                "ws_order_filled.json", "ws_execution_trade.json", "ws_execution_last_trade.json")) {
            stream.onMessage(s, Fixtures.frameText(f));
        }
        stream.onMessage(s, "not json");

        assertThat(orders).extracting(BybitOrder::orderStatus).containsExactly("New", "Filled");
        assertThat(orders).allSatisfy(o -> assertThat(o.category()).isEqualTo("linear"));
        assertThat(executions).extracting(Execution::execId).containsExactly("e0cbe81d-0f18-5866-9415-cf319b5dab3b",
                "f1a2b3c4-0000-5866-9415-cf319b5dab3c");
    }

    @Test
    void aRefusedAuthenticationIsReportedAndFailsTheStart() {
        Session s = connected(1);
        CompletableFuture<Void> started = stream.start();

        stream.onMessage(s, Fixtures.frameText("ws_auth_failure.json"));

        assertThat(authFailures).singleElement().satisfies(e -> assertThat(e.message())
                .contains("Request not authorized"));
        assertThat(started).isCompletedExceptionally();
        assertThat(s.sent).hasSize(1);
    }

    @Test
    void aReconnectFillsTheGapOnceSubscribedAgain() {
        Session first = connected(1);
        stream.onMessage(first, Fixtures.frameText("ws_auth.json"));
        stream.onMessage(first, Fixtures.frameText("ws_subscribe.json"));

        Session second = connected(2);
        assertThat(gaps).as("not before the subscription is confirmed").hasValue(0);
        stream.onMessage(second, Fixtures.frameText("ws_auth.json"));
        stream.onMessage(second, Fixtures.frameText("ws_subscribe.json"));

        assertThat(gaps).hasValue(1);
        assertThat(second.sent).hasSize(2);
    }

    @Test
    void aMessageThatCannotBeReadIsMadeUpForByAGapFill() {
        Session s = connected(1);
        stream.onMessage(s, "{\"topic\":\"execution\",\"data\":[{\"execQty\":{\"not\":\"a number\"}}]}");
        assertThat(executions).isEmpty();
        assertThat(gaps).as("the account's orders are checked over REST").hasValue(1);

        stream.onMessage(s, "{not json");
        assertThat(gaps).hasValue(2);
    }
}
