package io.fixbridge.gateway.fix;

import static io.fixbridge.gateway.fix.Orders.cancel;
import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.wait.Ports;
import quickfix.Message;

/**
 * The journal's disk goes away under a running gateway: new orders are refused with a Text that
 * says why and reach no venue, the orders already accepted can still be canceled, the health
 * endpoint says not ready and names the journal, and all of it recovers once the disk is back.
 */
class JournalUnavailableTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void newOrdersAreRefusedSayingWhyWhileAcceptedOnesCanStillBeCanceled() throws Exception {
        // the smallest segments: nearly every record needs a new segment file, so losing the directory shows at once
        String yaml = "journal: { segmentSize: 1024 }\n" + TestGateway.PAPER;
        try (TestGateway gateway = new TestGateway(dir, Ports.freePort(), yaml).start();
             FixTestClient client = gateway.client(dir.resolve("client-store"))) {
            client.send(limit("J1", "BTC/USDT", '1', "0.01", "50000"));
            client.awaitMessage(report("J1", '0'), WAIT);
            assertThat(ready(gateway).statusCode()).isEqualTo(200);

            // as root, permissions do not stop writes: the directory is taken away and a file put in its place
            Path journal = dir.resolve("data").resolve("journal");
            Path away = dir.resolve("journal.away");
            Files.move(journal, away);
            Files.writeString(journal, "not a directory");

            // an acceptance may still fit the segment already open; the first record that needs a new one fails,
            // and from then on every new order is refused
            Message refused = null;
            String refusedId = null;
            for (int i = 2; i <= 6 && refused == null; i++) {
                String id = "J" + i;
                client.send(limit(id, "BTC/USDT", '1', "0.01", "50000"));
                Message answer = client.awaitMessage(m -> report(id, '8').test(m) || report(id, '0').test(m), WAIT);
                if ("8".equals(f(answer, 150))) {
                    refused = answer;
                    refusedId = id;
                }
            }
            assertThat(refused).as("a new order refused while the journal is unavailable").isNotNull();
            assertThat(f(refused, 58)).contains("journal is unavailable", "nothing was sent to the venue");
            HttpResponse<String> health = ready(gateway);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"journal\"", "is unavailable", "new orders are rejected");

            client.send(cancel("X1", "J1", "BTC/USDT", '1'));
            client.awaitMessage(report("X1", '4'), WAIT);

            Files.delete(journal);
            Files.move(away, journal);
            client.send(limit("J9", "BTC/USDT", '1', "0.01", "50000"));
            client.awaitMessage(report("J9", '0'), WAIT);
            assertThat(ready(gateway).statusCode()).isEqualTo(200);
            // the refused order never became one, so its ClOrdID is free to send again
            String again = refusedId;
            client.send(limit(again, "BTC/USDT", '1', "0.01", "50000"));
            client.awaitMessage(report(again, '0'), WAIT);
        }
    }

    private static HttpResponse<String> ready(TestGateway gateway) throws Exception {
        int port = gateway.gateway().opsAddress().getPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
