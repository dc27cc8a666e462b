package io.fixbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.testkit.wait.Ports;
import picocli.CommandLine;

/** {@code fixbridge client} without a gateway: one line that says what to check, no stack trace. */
class ClientCommandTest {

    @Test
    void noGatewayIsOneLineWithTheFixNotAStackTrace(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = FixbridgeCli.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("client", "--port", String.valueOf(Ports.freePort()), "--store",
                dir.resolve("store").toString(), "--logon-timeout", "1",
                "order", "--symbol", "BTC/USDT", "--side", "buy", "--qty", "0.01", "--price", "50000");

        assertThat(code).isEqualTo(CommandFailure.EXIT_CODE);
        assertThat(err.toString().strip()).startsWith("fixbridge: no logon to FIXBRIDGE within 1 s")
                .contains("./fixbridge run", "--reset").doesNotContain("\tat ", "Exception");
    }
}
