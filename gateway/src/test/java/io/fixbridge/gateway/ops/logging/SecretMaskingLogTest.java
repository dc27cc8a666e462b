package io.fixbridge.gateway.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import com.fasterxml.jackson.databind.JsonNode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.status.Status;
import io.fixbridge.testkit.LogCapture;

/**
 * The shipped logback configuration, JSON and text, with secrets registered in the process-wide
 * {@link SecretRegistry}: what a log event carries in its message, arguments, MDC and exceptions
 * comes out with every secret replaced by ****. Each test registers fresh random secrets (the
 * registry never forgets one, and no other test logs them).
 */
class SecretMaskingLogTest {
    private static final String LOGGER = "io.fixbridge.gateway.order.OrderEngine";

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    private static String secret(String name) {
        String value = "s3cr3t-" + UUID.randomUUID();
        SecretRegistry.global().register(name, value);
        return value;
    }

    @Test
    void jsonLinesCarryTimestampLevelLoggerThreadMessageAndTheMdcAsTopLevelFields() throws Exception {
        try (ShippedLogConfig logs = new ShippedLogConfig(null)) {
            MDC.put("session", "OMS1");
            MDC.put("clOrdId", "ord-17");
            MDC.put("venue", "binance");
            MDC.put("orderId", "G-000042");
            logs.logger(LOGGER).info("order {} accepted", "G-000042");

            List<JsonNode> lines = logs.jsonLines();
            assertThat(lines).hasSize(1);
            JsonNode line = lines.get(0);
            assertThat(line.path("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}.*");
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("logger_name").asText()).isEqualTo(LOGGER);
            assertThat(line.path("thread_name").asText()).isEqualTo(Thread.currentThread().getName());
            assertThat(line.path("message").asText()).isEqualTo("order G-000042 accepted");
            assertThat(line.path("session").asText()).isEqualTo("OMS1");
            assertThat(line.path("clOrdId").asText()).isEqualTo("ord-17");
            assertThat(line.path("venue").asText()).isEqualTo("binance");
            assertThat(line.path("orderId").asText()).isEqualTo("G-000042");
            assertThat(line.has("stack_trace")).isFalse();
        }
    }

    @Test
    void aSecretInTheMessageTextOrInAnArgumentIsMasked() throws Exception {
        String secret = secret("venues[binance].accounts[main].secret");
        try (ShippedLogConfig logs = new ShippedLogConfig(null)) {
            Logger log = logs.logger(LOGGER);
            log.warn("signing with " + secret + " failed");
            log.warn("signing with {} for account {} failed", secret, "main");

            List<JsonNode> lines = logs.jsonLines();
            assertThat(lines).extracting(l -> l.path("message").asText())
                    .containsExactly("signing with **** failed", "signing with **** for account main failed");
            assertThat(logs.output()).doesNotContain(secret);
        }
    }

    @Test
    void aSecretInAnExceptionMessageAndInItsCauseIsMaskedInTheStackTrace() throws Exception {
        String key = secret("venues[binance].accounts[main].apiKey");
        String token = secret("ops.adminToken");
        try (ShippedLogConfig logs = new ShippedLogConfig(null)) {
            Exception cause = new IllegalArgumentException("bad token " + token);
            logs.logger(LOGGER).error("request failed", new IllegalStateException("key " + key + " refused", cause));

            JsonNode line = logs.jsonLines().get(0);
            String trace = line.path("stack_trace").asText();
            assertThat(trace).contains("IllegalStateException: key **** refused")
                    .contains("IllegalArgumentException: bad token ****")
                    .contains("at io.fixbridge.gateway.ops.logging.SecretMaskingLogTest");
            assertThat(logs.output()).doesNotContain(key).doesNotContain(token);
        }
    }

    @Test
    void aSecretInAnMdcValueIsMasked() throws Exception {
        String secret = secret("venues[bybit].accounts[main].secret");
        try (ShippedLogConfig logs = new ShippedLogConfig(null)) {
            MDC.put("clOrdId", "x-" + secret);
            MDC.put("session", "OMS1");
            logs.logger(LOGGER).info("order received");

            JsonNode line = logs.jsonLines().get(0);
            assertThat(line.path("clOrdId").asText()).isEqualTo("x-****");
            assertThat(line.path("session").asText()).isEqualTo("OMS1");
            assertThat(logs.output()).doesNotContain(secret);
        }
    }

    @Test
    void overlappingAndAdjacentSecretsAreMaskedAsOneStretchLeavingNoPartShowing() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String first = "abcdef-" + unique;          // ends where the second begins
        String second = unique + "-ghijkl";
        String third = "mnopqr-" + unique.toUpperCase();
        SecretRegistry.global().register("venues[a].accounts[x].secret", first);
        SecretRegistry.global().register("venues[b].accounts[y].secret", second);
        SecretRegistry.global().register("venues[c].accounts[z].secret", third);
        try (ShippedLogConfig logs = new ShippedLogConfig(null)) {
            logs.logger(LOGGER).info("[abcdef-" + unique + "-ghijkl] [" + third + second + "]");

            assertThat(logs.jsonLines().get(0).path("message").asText()).isEqualTo("[****] [****]");
        }
    }

    @Test
    void aSecretShorterThanSixCharactersIsNotMaskedAndAWarnNamesTheSettingButNotTheValue() throws Exception {
        String name = "venues[v" + UUID.randomUUID().toString().substring(0, 6) + "].accounts[main].secret";
        String value = "q7z" + (int) (Math.random() * 10);
        try (LogCapture capture = new LogCapture()) {
            SecretRegistry.global().register(name, value);
            assertThat(capture.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN ").contains(name)
                    .contains("shorter than 6 characters").doesNotContain(value));
        }
        assertThat(SecretRegistry.global().tooShort()).contains(name);
        assertThat(SecretRegistry.global().names()).doesNotContain(name);
        try (ShippedLogConfig logs = new ShippedLogConfig(null)) {
            logs.logger(LOGGER).info("value {}", value);
            assertThat(logs.jsonLines().get(0).path("message").asText()).isEqualTo("value " + value);
        }
    }

    @Test
    void aSecretIsMaskedUrlEncodedBase64EncodedAndWithJsonSpecialCharacters() throws Exception {
        String secret = "p@ss/w+rd=\"q\\z\"-" + UUID.randomUUID();
        SecretRegistry.global().register("fix.tls.keyStorePassword", secret);
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        try (ShippedLogConfig logs = new ShippedLogConfig(null)) {
            Logger log = logs.logger(LOGGER);
            log.info("plain {}", secret);
            log.info("GET /api?password={}&x=1", url);
            log.info("Authorization: Basic {}", base64);
            log.info("body {\"password\":\"{}\"}", secret.replace("\\", "\\\\").replace("\"", "\\\""));

            assertThat(logs.jsonLines()).extracting(l -> l.path("message").asText()).containsExactly(
                    "plain ****", "GET /api?password=****&x=1", base64.endsWith("=") ? "Authorization: Basic ****"
                            + base64.substring(base64.indexOf('=')) : "Authorization: Basic ****", "body {\"password\":\"****\"}");
            assertThat(logs.output()).doesNotContain(url).doesNotContain(base64.replace("=", ""));
        }
    }

    @Test
    void theTextFormatShowsTheMdcAndMasksSecretsInTheWholeLineStackTraceIncluded() throws Exception {
        String secret = secret("venues[hyperliquid].accounts[main].privateKey");
        try (ShippedLogConfig logs = new ShippedLogConfig("text")) {
            MDC.put("session", "OMS1");
            MDC.put("clOrdId", secret);
            logs.logger(LOGGER).error("venue said {}", "no " + secret,
                    new IllegalStateException("wrapped", new RuntimeException("cause " + secret)));

            String out = logs.output();
            assertThat(out).doesNotContain(secret).doesNotStartWith("{");
            String first = out.lines().findFirst().orElseThrow();
            assertThat(first).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR \\[.+\\] .*OrderEngine \\[.*\\] - venue said no \\*\\*\\*\\*");
            assertThat(first).contains("session=OMS1").contains("clOrdId=****");
            assertThat(out).contains("java.lang.IllegalStateException: wrapped")
                    .contains("Caused by: java.lang.RuntimeException: cause ****");
        }
    }

    @Test
    void theTextFormatLeavesOutTheBracketsWhenThereIsNoMdc() throws Exception {
        try (ShippedLogConfig logs = new ShippedLogConfig("TEXT")) {
            logs.logger(LOGGER).info("plain line");
            assertThat(logs.output().strip()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.+\\] \\S*OrderEngine - plain line");
        }
    }

    @Test
    void anUnknownFormatLogsJsonAndLogbackWarnsAboutTheSetting() throws Exception {
        try (ShippedLogConfig logs = new ShippedLogConfig("xml")) {
            logs.logger(LOGGER).info("still logged");
            assertThat(logs.jsonLines()).extracting(l -> l.path("message").asText()).containsExactly("still logged");
            assertThat(logs.statuses()).anySatisfy(s -> {
                assertThat(s.getLevel()).isEqualTo(Status.WARN);
                assertThat(s.getMessage()).contains("FIXBRIDGE_LOG_FORMAT='xml'");
            });
            assertThat(logs.statuses()).noneMatch(s -> s.getLevel() == Status.ERROR);
        }
    }

    @Test
    void theShippedConfigurationLoadsWithoutWarningsOrErrors() throws Exception {
        for (String format : new String[] {null, "json", "text"}) {
            try (ShippedLogConfig logs = new ShippedLogConfig(format)) {
                assertThat(logs.statuses()).as("logback statuses with format %s", format)
                        .noneMatch(s -> s.getLevel() >= Status.WARN);
                assertThat(logs.logger("quickfix").getEffectiveLevel().toString()).isEqualTo("WARN");
                assertThat(logs.logger("quickfixj.msg.incoming").getEffectiveLevel().toString()).isEqualTo("WARN");
                assertThat(logs.logger("io.fixbridge").getEffectiveLevel().toString()).isEqualTo("INFO");
            }
        }
    }
}
