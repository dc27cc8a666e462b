package io.fixbridge.gateway.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fixbridge.gateway.config.AddressRange;
import io.fixbridge.gateway.config.PasswordHash;
import io.fixbridge.gateway.config.PasswordHashes;
import io.fixbridge.gateway.config.SessionProfile.SessionAuth;
import io.fixbridge.testkit.LogCapture;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.fix44.Logon;

/** Who may open a session: credentials, address ranges, and what a refusal says and logs. */
class LogonGuardTest {
    private static final SessionID SESSION = new SessionID("FIX.4.4", "FIXBRIDGE", "OMS1");
    private static final String PASSWORD = "guard-test-password";
    private static final PasswordHash HASH = PasswordHash.parse(PasswordHashes.quick(PASSWORD));
    private static final SessionAuth CREDENTIALS = new SessionAuth(Optional.of("oms1"), Optional.of(HASH), List.of());
    private static final SessionAuth LOOPBACK_V4 = new SessionAuth(Optional.empty(), Optional.empty(),
            List.of(AddressRange.parse("127.0.0.1/32")));
    private static final SessionAuth BOTH = new SessionAuth(Optional.of("oms1"), Optional.of(HASH),
            List.of(AddressRange.parse("127.0.0.1/32"), AddressRange.parse("::1/128")));
    private static final String LOCAL = "/127.0.0.1:54321";

    private final LogonGuard guard = new LogonGuard();

    @Test
    void withoutCredentialsOrRangesAnyLogonPasses() {
        assertThat(guard.check(SESSION, SessionAuth.NONE, logon(null, null), "/203.0.113.9:4000")).isEmpty();
        assertThat(guard.check(SESSION, SessionAuth.NONE, logon("someone", "anything"), null)).isEmpty();
    }

    @Test
    void theRightUsernameAndPasswordPass() {
        assertThat(guard.check(SESSION, CREDENTIALS, logon("oms1", PASSWORD), LOCAL)).isEmpty();
        assertThat(guard.check(SESSION, BOTH, logon("oms1", PASSWORD), LOCAL)).isEmpty();
    }

    @Test
    void aWrongPasswordAndAWrongUsernameGetTheSameTextThatNamesNeither() {
        LogonGuard.Refusal badPassword = guard.check(SESSION, CREDENTIALS, logon("oms1", "not-the-password"), LOCAL).orElseThrow();
        LogonGuard.Refusal badUsername = guard.check(SESSION, CREDENTIALS, logon("oms2", PASSWORD), LOCAL).orElseThrow();
        LogonGuard.Refusal caseMatters = guard.check(SESSION, CREDENTIALS, logon("OMS1", PASSWORD), LOCAL).orElseThrow();
        assertThat(badPassword.reason()).isEqualTo(LogonGuard.Reason.CREDENTIALS);
        assertThat(badPassword.metricReason()).isEqualTo("credentials");
        assertThat(badPassword.text()).isEqualTo("logon refused: Username(553) or Password(554) is not valid");
        assertThat(badUsername).isEqualTo(badPassword);
        assertThat(caseMatters).isEqualTo(badPassword);
        assertThat(badPassword.text()).doesNotContain("not-the-password", "oms1");
    }

    @Test
    void missingUsernameOrPasswordIsRefusedNamingBothTags() {
        for (Message m : List.of(logon(null, null), logon("oms1", null), logon(null, PASSWORD))) {
            LogonGuard.Refusal r = guard.check(SESSION, CREDENTIALS, m, LOCAL).orElseThrow();
            assertThat(r.reason()).isEqualTo(LogonGuard.Reason.CREDENTIALS);
            assertThat(r.text()).isEqualTo("logon refused: this session requires Username(553) and Password(554) on the Logon");
        }
    }

    @Test
    void anAddressOutsideTheRangesIsRefusedNamingOnlyTheCounterpartysOwnAddress() {
        LogonGuard.Refusal r = guard.check(SESSION, LOOPBACK_V4, logon(null, null), "/127.0.0.2:40000").orElseThrow();
        assertThat(r.reason()).isEqualTo(LogonGuard.Reason.ADDRESS);
        assertThat(r.metricReason()).isEqualTo("address");
        assertThat(r.text()).isEqualTo("logon refused: connections from 127.0.0.2 are not allowed for this session; ask the gateway operator")
                .doesNotContain("127.0.0.1");
        assertThat(guard.check(SESSION, LOOPBACK_V4, logon(null, null), LOCAL)).isEmpty();
    }

    @Test
    void theAddressIsCheckedBeforeTheCredentials() {
        LogonGuard.Refusal r = guard.check(SESSION, BOTH, logon("oms1", "wrong-password"), "/10.0.0.5:1234").orElseThrow();
        assertThat(r.reason()).isEqualTo(LogonGuard.Reason.ADDRESS);
        assertThat(guard.check(SESSION, BOTH, logon("oms1", "wrong-password"), LOCAL).orElseThrow().reason())
                .isEqualTo(LogonGuard.Reason.CREDENTIALS);
    }

    @Test
    void ipv6RemoteAddressesInEveryFormQuickFixJReports() {
        assertThat(guard.check(SESSION, BOTH, logon("oms1", PASSWORD), "/[0:0:0:0:0:0:0:1]:5000")).isEmpty();
        assertThat(guard.check(SESSION, BOTH, logon("oms1", PASSWORD), "/0:0:0:0:0:0:0:1:5000")).isEmpty();
        assertThat(guard.check(SESSION, BOTH, logon("oms1", PASSWORD), "/[0:0:0:0:0:0:0:2]:5000").orElseThrow().reason())
                .isEqualTo(LogonGuard.Reason.ADDRESS);
        // an IPv4 client is never in an IPv6-only range
        SessionAuth v6only = new SessionAuth(Optional.empty(), Optional.empty(), List.of(AddressRange.parse("::1/128")));
        assertThat(guard.check(SESSION, v6only, logon(null, null), LOCAL).orElseThrow().reason()).isEqualTo(LogonGuard.Reason.ADDRESS);
    }

    @Test
    void aHostNameBeforeTheSlashIsIgnoredAndNeverLookedUp() {
        assertThat(guard.check(SESSION, LOOPBACK_V4, logon(null, null), "oms.example.com/127.0.0.1:5000")).isEmpty();
        assertThat(LogonGuard.address("oms.example.com/127.0.0.1:5000")).map(a -> a.getHostAddress()).contains("127.0.0.1");
        assertThat(LogonGuard.address("/10.1.2.3:7")).map(a -> a.getHostAddress()).contains("10.1.2.3");
    }

    @Test
    void anUnknownOrUnreadableAddressIsRefusedWhenRangesAreConfiguredAndIgnoredOtherwise() {
        for (String remote : new String[] {null, "", "not-an-address:1", "/[::1:5000", "oms.example.com"}) {
            assertThat(LogonGuard.address(remote)).as(remote).isEmpty();
            LogonGuard.Refusal r = guard.check(SESSION, LOOPBACK_V4, logon(null, null), remote).orElseThrow();
            assertThat(r.reason()).isEqualTo(LogonGuard.Reason.ADDRESS);
            assertThat(guard.check(SESSION, CREDENTIALS, logon("oms1", PASSWORD), remote)).as(remote).isEmpty();
        }
    }

    @Test
    void aRefusalIsLoggedAtWarnWithSessionReasonAndAddressButNeverTheSuppliedCredentials() {
        try (LogCapture log = new LogCapture()) {
            guard.check(SESSION, CREDENTIALS, logon("typed-password-as-username", "p4ssw0rd-typo"), "/127.0.0.1:6000");
            guard.check(SESSION, LOOPBACK_V4, logon(null, null), "/127.0.0.3:6001");
            guard.check(SESSION, CREDENTIALS, logon("oms1", PASSWORD), "/127.0.0.1:6002");
            List<String> lines = log.lines().stream().filter(l -> l.contains("LogonGuard")).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("WARN ").contains("FIX.4.4:FIXBRIDGE->OMS1", "logon refused (credentials)",
                    "/127.0.0.1:6000");
            assertThat(lines.get(1)).startsWith("WARN ").contains("logon refused (address)", "/127.0.0.3:6001");
            assertThat(String.join("\n", log.lines())).doesNotContain("p4ssw0rd-typo", "typed-password-as-username", PASSWORD);
        }
    }

    @Test
    void metricReasonsAreTheBoundedLowerCaseNames() {
        assertThat(LogonGuard.Reason.CREDENTIALS.metricReason()).isEqualTo("credentials");
        assertThat(LogonGuard.Reason.ADDRESS.metricReason()).isEqualTo("address");
        assertThat(LogonGuard.Reason.values()).hasSize(2);
    }

    private static Message logon(String username, String password) {
        Logon m = new Logon();
        m.setInt(98, 0);
        m.setInt(108, 30);
        if (username != null) {
            m.setString(553, username);
        }
        if (password != null) {
            m.setString(554, password);
        }
        return m;
    }
}
