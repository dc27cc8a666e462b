package io.fixbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fixbridge.gateway.config.PasswordHash;
import picocli.CommandLine;

/** {@code fixbridge passwd}: the hash line on stdout for gateway.yaml, the password never printed. */
class PasswdCommandTest {

    @Test
    void fromStdinPrintsOnlyAHashThatMatchesThePassword() {
        Result r = passwd("pipe-me-in-password\nsecond line ignored\n", null, "--stdin");
        assertThat(r.code).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines).hasSize(1);
        PasswordHash hash = PasswordHash.parse(lines.get(0));
        assertThat(hash.matches("pipe-me-in-password".toCharArray())).isTrue();
        assertThat(hash.matches("second line ignored".toCharArray())).isFalse();
        assertThat(r.err).contains("passwordHash: '" + lines.get(0) + "'");
        assertThat(r.out + r.err).doesNotContain("pipe-me-in-password");
    }

    @Test
    void aWindowsLineEndAndAMissingLineEndAreBothFine() {
        Result crlf = passwd("crlf-line-password\r\n", null, "--stdin");
        assertThat(PasswordHash.parse(crlf.out.strip()).matches("crlf-line-password".toCharArray())).isTrue();
        Result bare = passwd("no-newline-password", null, "--stdin");
        assertThat(PasswordHash.parse(bare.out.strip()).matches("no-newline-password".toCharArray())).isTrue();
    }

    @Test
    void theConsoleAsksTwiceAndAMismatchMakesNothing() {
        Result ok = passwd("", answers("console-password", "console-password"));
        assertThat(ok.code).isZero();
        assertThat(PasswordHash.parse(ok.out.strip()).matches("console-password".toCharArray())).isTrue();
        assertThat(ok.out + ok.err).doesNotContain("console-password");

        Result differ = passwd("", answers("console-password", "console-passwore"));
        assertThat(differ.code).isEqualTo(PasswdCommand.USAGE);
        assertThat(differ.out).isEmpty();
        assertThat(differ.err).isEqualTo("fixbridge passwd: the two passwords differ; nothing was made\n");
    }

    @Test
    void withoutAConsoleItSaysToUseStdin() {
        Result r = passwd("", null);
        assertThat(r.code).isEqualTo(PasswdCommand.USAGE);
        assertThat(r.err).contains("no console to ask for the password; pipe it in with --stdin");
        assertThat(r.out).isEmpty();
    }

    @Test
    void aShortOrEmptyPasswordIsRefused() {
        for (String input : new String[] {"short\n", "\n", ""}) {
            Result r = passwd(input, null, "--stdin");
            assertThat(r.code).as(input).isEqualTo(PasswdCommand.USAGE);
            assertThat(r.err).contains("shorter than " + PasswdCommand.MIN_LENGTH + " characters");
            assertThat(r.out).isEmpty();
        }
    }

    @Test
    void isASubcommandOfFixbridge() {
        StringWriter out = new StringWriter();
        CommandLine cli = FixbridgeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("passwd", "--help")).isZero();
        assertThat(out.toString()).contains("passwordHash", "--stdin");
    }

    private static Deque<String> answers(String... answers) {
        return new ArrayDeque<>(List.of(answers));
    }

    private record Result(int code, String out, String err) {
    }

    private static Result passwd(String stdin, Deque<String> console, String... args) {
        PasswdCommand.Prompter prompter = console == null ? null : prompt -> {
            String answer = console.poll();
            return answer == null ? null : answer.toCharArray();
        };
        CommandLine cl = new CommandLine(new PasswdCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), prompter));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }
}
