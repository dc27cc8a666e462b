package io.fixbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** A bad configuration stops {@code fixbridge run} at start, exit code 2, naming the setting. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTypoInAVenueSettingStopsTheGatewayNamingIt() throws Exception {
        Files.writeString(dir.resolve("sessions.cfg"), "[DEFAULT]\nConnectionType=acceptor\n");
        Files.writeString(dir.resolve("gateway.yaml"), """
                venues:
                  - name: paper
                    type: paper
                    fess: { maker: "0.0002" }
                    accounts: [{name: main}]
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main}
                """);
        Result r = run("run", "--config", dir.resolve("gateway.yaml").toString());
        assertThat(r.exitCode).isEqualTo(RunCommand.CONFIG_ERROR);
        assertThat(r.stderr).contains("configuration error").contains("venues[paper].fess");
    }

    @Test
    void aMissingFileSaysHowToPointAtOne() throws Exception {
        Result r = run("run", "--config", dir.resolve("absent.yaml").toString());
        assertThat(r.exitCode).isEqualTo(RunCommand.CONFIG_ERROR);
        assertThat(r.stderr).contains("no such configuration file; pass --config");
    }

    @Test
    void aSessionInSessionsCfgWithoutAProfileIsNamed() throws Exception {
        Files.writeString(dir.resolve("sessions.cfg"), """
                [DEFAULT]
                ConnectionType=acceptor
                SocketAcceptPort=0
                SenderCompID=FIXBRIDGE
                StartTime=00:00:00
                EndTime=00:00:00
                [SESSION]
                BeginString=FIX.4.4
                TargetCompID=OMS1
                [SESSION]
                BeginString=FIX.4.4
                TargetCompID=OMS9
                """);
        Files.writeString(dir.resolve("gateway.yaml"), """
                dataDirectory: data
                venues:
                  - {name: paper, type: paper, accounts: [{name: main}]}
                sessions:
                  - {senderCompId: OMS1, venue: paper, account: main}
                """);
        Result r = run("run", "--config", dir.resolve("gateway.yaml").toString());
        assertThat(r.exitCode).isEqualTo(RunCommand.CONFIG_ERROR);
        assertThat(r.stderr).contains("FIX.4.4:FIXBRIDGE->OMS9 has no entry under sessions:");
    }

    private record Result(int exitCode, String stderr) {
    }

    private static Result run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new FixbridgeCli()).execute(args);
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
