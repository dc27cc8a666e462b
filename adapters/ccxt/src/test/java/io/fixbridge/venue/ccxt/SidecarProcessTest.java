package io.fixbridge.venue.ccxt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link SidecarProcess} against real {@code node -e} children: a clean environment, writes that never block. */
class SidecarProcessTest {
    /** A child that lives on and never reads its stdin. */
    private static final List<String> DEAF = List.of("node", "-e", "setInterval(() => {}, 1000)");

    private SidecarProcess process;

    @AfterEach
    void tearDown() {
        if (process != null) {
            process.kill();
        }
    }

    private static Map<String, String> environ(long pid) throws IOException {
        String raw = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8);
        return Arrays.stream(raw.split("\0")).filter(s -> s.contains("="))
                .collect(Collectors.toMap(s -> s.substring(0, s.indexOf('=')), s -> s.substring(s.indexOf('=') + 1),
                        (a, b) -> b, LinkedHashMap::new));
    }

    @Test
    void theChildGetsOnlyPathHomeAndWhatNodeNeedsNeverTheJvmsCredentials() throws Exception {
        // finding 13: node used to inherit every ${ENV} credential of every venue
        Map<String, String> jvm = new LinkedHashMap<>(System.getenv());
        jvm.put("BINANCE_API_SECRET", "jvm-secret-7d1e9c");
        jvm.put("HOME", System.getProperty("user.home"));

        process = SidecarProcess.start("env-test", DEAF, Path.of("."), l -> { }, c -> { }, jvm,
                SidecarProcess.WRITE_DEADLINE);

        Map<String, String> child = environ(process.pid());
        assertThat(child).doesNotContainKey("BINANCE_API_SECRET");
        assertThat(String.join("\n", child.values())).doesNotContain("jvm-secret-7d1e9c");
        assertThat(child).containsEntry("PATH", System.getenv("PATH")).containsKey("HOME");
        assertThat(child.keySet()).isSubsetOf(SidecarProcess.INHERITED);
        Set<String> withheld = System.getenv().keySet().stream().filter(k -> !SidecarProcess.INHERITED.contains(k))
                .collect(Collectors.toSet());
        assertThat(child.keySet()).doesNotContainAnyElementsOf(withheld);
    }

    @Test
    void aSidecarThatStopsReadingNeverBlocksTheWriterAndIsKilledAfterTheWriteDeadline() throws Exception {
        // finding 12: a full pipe used to block the caller (the event thread, the pinger) for good
        AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);
        process = SidecarProcess.start("deaf-test", DEAF, Path.of("."), l -> { }, exit::set, System.getenv(),
                Duration.ofMillis(300));
        String line = "x".repeat(100_000);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                process.writeLine(line); // returns at once, whatever the pipe
                return false;
            } catch (IOException e) {
                return e.getMessage().contains("did not read its input");
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> !process.alive() && exit.get() != Integer.MIN_VALUE);
    }
}
