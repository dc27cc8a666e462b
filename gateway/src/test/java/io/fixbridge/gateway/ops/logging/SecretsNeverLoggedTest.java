package io.fixbridge.gateway.ops.logging;

import static io.fixbridge.gateway.fix.Orders.cancelReject;
import static io.fixbridge.gateway.fix.Orders.f;
import static io.fixbridge.gateway.fix.Orders.limit;
import static io.fixbridge.gateway.fix.Orders.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fixbridge.gateway.config.GatewayConfigLoader;
import io.fixbridge.gateway.config.PasswordHash;
import io.fixbridge.gateway.config.Secrets;
import io.fixbridge.gateway.fix.Orders;
import io.fixbridge.gateway.fix.RedactingLogFactory;
import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.SimAccount;
import io.fixbridge.testkit.fix.FixTestClient;
import io.fixbridge.testkit.wait.Ports;
import quickfix.Message;

/**
 * The proof that no configured secret reaches a log: {@code fixbridge run} as a child
 * process, exactly as shipped (logback.xml, JSON on stderr, at DEBUG so every log statement
 * runs), trading the BinanceSimulator with an API key and secret, an admin token and a FIX
 * session with Username(553) and Password(554), all given through environment variables. A full
 * session runs: logon, a resting order and its cancel, a fill, a venue reject, a gateway reject,
 * a lost venue response settled by query, venue maintenance, admin requests, logout, shutdown.
 * Then every file the gateway wrote or read (its stdout and stderr, the FIX message log and store,
 * the order journal, its configuration) is searched for every secret {@link Secrets} finds in its
 * configuration and for the FIX password, plain, Base64 and URL-encoded. None may be there.
 *
 * <p>The search is shown to be real: it finds each form of a planted value; the FIX message log it
 * searched holds the Logon with 553 and a hidden 554; and a secret that does reach a log event
 * (the admin token, used as the client order id of an order placed on the venue behind the
 * gateway's back, which the gateway logs as not its own) comes out of the same pipeline as ****.
 */
class SecretsNeverLoggedTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger IDS = new AtomicInteger();

    private static final String USERNAME = "oms1-trader";
    private final String apiKey = "sim-api-key-" + hex(12);
    private final String apiSecret = "sim-api-secret-" + hex(16);
    private final String adminToken = "adm-" + hex(12);
    private final String fixPassword = "fix-pass-" + hex(8);

    private BinanceSimulator sim;
    private Process gateway;
    private FixTestClient client;

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aFullSessionLeavesNoConfiguredSecretInAnyLogOrFileOfTheGateway(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("gateway"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BINANCE_API_KEY", apiKey);
        env.put("BINANCE_API_SECRET", apiSecret);
        env.put("OPS_ADMIN_TOKEN", adminToken);
        env.put("OMS1_PASSWORD_HASH", PasswordHash.create(fixPassword.toCharArray()).encoded());

        sim = BinanceSimulator.builder()
                .account(SimAccount.hmac("alice", apiKey, apiSecret)
                        .spotBalance("USDT", "1000000").spotBalance("BTC", "10").futuresBalance("USDT", "1000000").build())
                .walkIntervalMs(0).build();
        sim.start();
        int fixPort = Ports.freePort();
        int opsPort = Ports.freePort();
        Path config = writeConfig(home, fixPort, opsPort);

        // what the search looks for: every secret the redaction layer is given, and the FIX password
        Secrets configured = Secrets.of(new GatewayConfigLoader(env::get).load(config), env::get);
        Map<String, String> secrets = new LinkedHashMap<>();
        configured.forEach(secrets::put);
        assertThat(secrets.values()).contains(apiKey, apiSecret, adminToken, env.get("OMS1_PASSWORD_HASH"));
        secrets.put("the FIX session's Password(554)", fixPassword);

        theSearchFindsEveryFormOfAPlantedValue(dir.resolve("canary"));

        Path out = home.resolve("gateway.out");
        Path err = home.resolve("gateway.err");
        gateway = startGateway(home, config, env, out, err);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!gateway.isAlive()) {
                throw new AssertionError("the gateway ended with exit code " + gateway.exitValue() + ":\n" + read(err) + read(out));
            }
            return read(err).contains("fixbridge ready");
        });

        runAFullSession(dir.resolve("client-store"), fixPort, opsPort);

        gateway.destroy(); // SIGTERM: the shutdown hook stops the gateway, closing its logs
        assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("the gateway stops on SIGTERM").isTrue();

        // the claim: no secret, in any form, in any file of the gateway's
        List<Path> searched = files(home);
        assertThat(searched).extracting(p -> home.relativize(p).toString().replace('\\', '/'))
                .contains("gateway.err", "gateway.out").anyMatch(p -> p.startsWith("data/fix-log/"))
                .anyMatch(p -> p.startsWith("data/fix-store/")).anyMatch(p -> p.startsWith("data/journal/"));
        assertThat(search(home, secrets)).as("secrets found in the gateway's files (%d searched)", searched.size()).isEmpty();

        // the gateway's stderr is JSON lines, one event each, with the standard fields
        List<String> messages = new ArrayList<>();
        for (String line : read(err).split("\n")) {
            if (!line.isBlank()) {
                JsonNode event = JSON.readTree(line);
                assertThat(event.has("@timestamp") && event.has("level") && event.has("logger_name") && event.has("message"))
                        .as("a JSON log event: %s", line).isTrue();
                messages.add(event.path("level").asText() + " " + event.path("message").asText());
            }
        }
        assertThat(messages).as("the gateway's log").anyMatch(msg -> msg.contains("FIX session") && msg.contains("logged on"))
                .anyMatch(msg -> msg.contains("fixbridge stopped"));

        // the search is real: a secret that did reach a log event (the foreign order's client id) is there masked
        assertThat(messages.stream().filter(msg -> msg.contains("not a gateway order")).toList())
                .as("the gateway's WARN about the order placed behind its back").isNotEmpty()
                .allSatisfy(msg -> assertThat(msg).startsWith("WARN ").contains("client order id " + Masker.MASK + " "));
        // and the FIX message log it searched holds the Logon with the credentials, the password hidden
        String fixLog = readTree(home.resolve("data").resolve("fix-log"));
        assertThat(fixLog).contains("553=" + USERNAME).contains("554=" + RedactingLogFactory.MASK);
    }

    private void runAFullSession(Path clientStore, int fixPort, int opsPort) throws Exception {
        client = FixTestClient.builder().port(fixPort).storeDirectory(clientStore)
                .logonCustomizer(logon -> {
                    logon.setString(553, USERNAME);
                    logon.setString(554, fixPassword);
                })
                .build().logon(WAIT);

        // a resting order, canceled
        String resting = id();
        client.send(limit(resting, "BTC/USDT", '1', "0.01", "50000"));
        await(report(resting, '0'));
        String cancel = id();
        client.send(Orders.cancel(cancel, resting, "BTC/USDT", '1'));
        await(report(cancel, '4'));

        // a fill
        String filled = id();
        client.send(limit(filled, "BTC/USDT", '1', "0.5", "60000.05"));
        await(m -> report(filled, 'F').test(m) && "2".equals(f(m, 39)));

        // the venue refuses: post-only that would take (-2010)
        String postOnly = id();
        Message m = limit(postOnly, "BTC/USDT", '1', "0.01", "60000.05");
        m.setString(18, "6");
        client.send(m);
        assertThat(f(await(report(postOnly, '8')), 20001)).isEqualTo("-2010");

        // the gateway refuses: a cancel of an order it does not know, an instrument no venue lists
        String unknownCancel = id();
        client.send(Orders.cancel(unknownCancel, "no-such-order", "BTC/USDT", '1'));
        await(cancelReject(unknownCancel));
        String unknownSymbol = id();
        client.send(limit(unknownSymbol, "NOPE/USDT", '1', "1", "1"));
        await(report(unknownSymbol, '8'));

        // the venue's answer is lost: outcome unknown, settled by a status query
        sim.faults().loseNextOrderResponse();
        String lost = id();
        client.send(limit(lost, "BTC/USDT", '1', "0.01", "50000"));
        await(report(lost, '0'));

        // the venue is in maintenance: its error code rejects the order
        sim.faults().maintenance(true);
        String closed = id();
        client.send(limit(closed, "BTC/USDT", '1', "0.01", "50000"));
        await(report(closed, '8'));
        sim.faults().maintenance(false);

        // an order placed on the account behind the gateway's back, its client order id a configured secret
        placeOnTheVenueDirectly(adminToken);
        Awaitility.await().atMost(WAIT).until(() -> sim.truth().spotOrders("alice").stream()
                .anyMatch(o -> o.clientOrderId().equals(adminToken)));

        // the admin endpoints, with the token and without
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> sessions = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/admin/sessions"))
                .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sessions.statusCode()).isEqualTo(200);
        assertThat(sessions.body()).contains("OMS1").doesNotContain(adminToken);
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/admin/venues"))
                .header("Authorization", "Bearer wrong-" + hex(8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);

        client.logout(WAIT);
        client.close();
        client = null;
    }

    /** POST /api/v3/order signed with the account's key and secret, as another client of the account would. */
    private void placeOnTheVenueDirectly(String clientOrderId) throws Exception {
        String query = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=40000"
                + "&newClientOrderId=" + URLEncoder.encode(clientOrderId, StandardCharsets.UTF_8)
                + "&timestamp=" + System.currentTimeMillis();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(query.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> placed = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v3/order?" + query + "&signature=" + signature))
                        .header("X-MBX-APIKEY", apiKey).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
    }

    private static void theSearchFindsEveryFormOfAPlantedValue(Path dir) throws IOException {
        String planted = "planted " + hex(8) + "/+=&";
        Files.createDirectories(dir.resolve("nested"));
        Map<String, String> forms = forms(planted);
        assertThat(forms).containsKeys("plain", "Base64", "URL-encoded", "URL-encoded RFC 3986");
        int i = 0;
        for (String form : forms.values()) {
            Files.writeString(dir.resolve("nested").resolve("form-" + i++), "prefix " + form + " suffix");
        }
        assertThat(search(dir, Map.of("planted", planted))).hasSize(forms.size());
    }

    /** Every (file, secret, form) found, as text naming the file, the secret's name and the form, never the value. */
    private static List<String> search(Path root, Map<String, String> secrets) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files(root)) {
            // Latin-1 keeps every byte as one char, so binary files are searched too
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            secrets.forEach((name, value) -> forms(value).forEach((form, encoded) -> {
                if (text.contains(encoded)) {
                    found.add(root.relativize(file) + ": " + name + " (" + form + ")");
                }
            }));
        }
        return found;
    }

    /**
     * The forms a secret is searched in, by name: plain, Base64 (standard and URL-safe, without
     * padding so padded text matches too), URL-encoded (form and RFC 3986); a form equal to an
     * earlier one is left out.
     */
    private static Map<String, String> forms(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        Map<String, String> forms = new LinkedHashMap<>();
        put(forms, "plain", value);
        put(forms, "Base64", Base64.getEncoder().withoutPadding().encodeToString(bytes));
        put(forms, "Base64 URL-safe", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        put(forms, "URL-encoded", url);
        put(forms, "URL-encoded RFC 3986", url.replace("+", "%20"));
        return forms;
    }

    private static void put(Map<String, String> forms, String name, String form) {
        if (!forms.containsValue(form)) {
            forms.put(name, form);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private Path writeConfig(Path home, int fixPort, int opsPort) throws IOException {
        Files.writeString(home.resolve("sessions.cfg"), """
                [DEFAULT]
                ConnectionType=acceptor
                SocketAcceptAddress=127.0.0.1
                SocketAcceptPort=%d
                SenderCompID=FIXBRIDGE
                StartTime=00:00:00
                EndTime=00:00:00
                HeartBtInt=30
                ResetOnLogon=N
                ResetOnLogout=N
                ResetOnDisconnect=N

                [SESSION]
                BeginString=FIX.4.4
                TargetCompID=OMS1
                """.formatted(fixPort));
        String stream = sim.streamBaseUrl();
        String wsBase = stream.replaceAll("/ws/?$", "");
        Path config = home.resolve("gateway.yaml");
        // every secret comes from the environment, as the README recommends: none is in this file
        Files.writeString(config, """
                fix: { sessions: sessions.cfg }
                dataDirectory: data
                ops: { listen: "127.0.0.1:%d", adminToken: "${OPS_ADMIN_TOKEN}" }
                engine: { queryFirstDelayMs: 50, queryMaxDelayMs: 500, notFoundGraceMs: 2000 }
                venues:
                  - name: binance
                    type: binance
                    spotRestUrl: %s
                    spotWsApiUrl: %s
                    futuresRestUrl: %s
                    futuresWsUrl: %s
                    timeouts: { requestMs: 2000, reconnectMinMs: 100, reconnectMaxMs: 1000 }
                    accounts:
                      - { name: main, apiKey: "${BINANCE_API_KEY}", secret: "${BINANCE_API_SECRET}" }
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: binance, account: main,
                      username: %s, passwordHash: "${OMS1_PASSWORD_HASH}" }
                """.formatted(opsPort, sim.baseUrl(), sim.wsApiUrl(), sim.baseUrl(), wsBase, USERNAME));
        return config;
    }

    /** {@code fixbridge run} in a JVM of its own on this test's classpath, logging as shipped but at DEBUG. */
    private static Process startGateway(Path home, Path config, Map<String, String> env, Path out, Path err) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx384m", "-Djava.net.preferIPv4Stack=true",
                "-cp", System.getProperty("java.class.path"), "io.fixbridge.gateway.cli.FixbridgeCli",
                "run", "--config", config.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove(LogFormat.VARIABLE);
        builder.environment().put("FIXBRIDGE_LOG_LEVEL", "DEBUG");
        builder.environment().putAll(env);
        return builder.start();
    }

    private Message await(Predicate<Message> matcher) throws InterruptedException {
        return client.awaitMessage(matcher, WAIT);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    }

    private static String readTree(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path file : files(dir)) {
            b.append(read(file));
        }
        return b.toString();
    }

    private static String id() {
        return "S" + IDS.incrementAndGet() + "-" + System.nanoTime();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
