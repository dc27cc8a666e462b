package io.fixbridge.gateway.fix;

import static io.fixbridge.gateway.fix.Orders.cancel;
import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static io.fixbridge.gateway.fix.Orders.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.testkit.fix.FixTestClient;
import quickfix.Message;

/**
 * Rules of engagement 2.4: a done order is answered by a status request for at least
 * {@code engine.doneOrderRetentionMs} after it was done (and only a sweep or two longer); then
 * only its ClOrdIDs are kept, so a status request is answered as for an unknown ClOrdID and a
 * reuse of either ClOrdID (the order's, its cancel's) is still refused.
 */
class DoneOrderRetentionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long RETENTION_MS = 3_000;

    @TempDir
    Path dir;

    @Test
    void aDoneOrderIsAnsweredForItsRetentionThenForgottenButItsClOrdIdsStayUsed() throws Exception {
        TestGateway configured = new TestGateway(dir);
        Path yaml = dir.resolve("gateway.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("notFoundGraceMs: 2000}",
                "notFoundGraceMs: 2000, doneOrderRetentionMs: " + RETENTION_MS + "}"));
        try (TestGateway gateway = configured.start();
             FixTestClient oms = gateway.client(dir.resolve("oms"))) {
            oms.send(limit("K1", "BTC/USDT", '1', "0.01", "50000"));
            oms.awaitMessage(report("K1", '0'), WAIT);
            oms.send(cancel("K2", "K1", "BTC/USDT", '1'));
            oms.awaitMessage(report("K2", '4'), WAIT);
            long canceledAt = System.nanoTime();

            oms.send(status("K1", "BTC/USDT", '1'));
            Message known = oms.awaitMessage(report("K1", 'I'), WAIT);
            assertThat(f(known, 39)).as("canceled, and still known right after").isEqualTo("4");

            // at least the retention: asked again half way through it, still answered
            sleepUntil(canceledAt + Duration.ofMillis(RETENTION_MS / 2).toNanos());
            oms.send(status("K1", "BTC/USDT", '1'));
            assertThat(f(oms.awaitMessage(report("K1", 'I'), WAIT), 39)).isEqualTo("4");

            // then forgotten by a later sweep (every second): asked until it is
            Message forgotten = null;
            long deadline = canceledAt + Duration.ofMillis(RETENTION_MS).plus(WAIT).toNanos();
            while (forgotten == null && System.nanoTime() < deadline) {
                Thread.sleep(500);
                oms.send(status("K1", "BTC/USDT", '1'));
                Message answer = oms.awaitMessage(report("K1", 'I'), WAIT);
                if ("8".equals(f(answer, 39))) {
                    forgotten = answer;
                }
            }
            assertThat(forgotten).as("forgotten within the retention and %s more", WAIT).isNotNull();
            assertThat(f(forgotten, 58)).contains("unknown order");

            for (String reused : new String[] {"K1", "K2"}) {
                oms.send(limit(reused, "BTC/USDT", '1', "0.01", "50000"));
                Message refused = oms.awaitMessage(report(reused, '8'), WAIT);
                assertThat(f(refused, 103)).as("ClOrdID %s reused", reused).isEqualTo("6");
            }
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left).toMillis() + 1);
        }
    }
}
