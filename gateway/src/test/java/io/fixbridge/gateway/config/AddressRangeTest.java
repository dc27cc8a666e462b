package io.fixbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

/** CIDR ranges of sessions[].allowedAddresses: IPv4 and IPv6, every prefix edge, never across families. */
class AddressRangeTest {

    @Test
    void aSlash32IsExactlyOneIpv4Address() throws Exception {
        AddressRange r = AddressRange.parse("127.0.0.1/32");
        assertThat(r.contains(ip("127.0.0.1"))).isTrue();
        assertThat(r.contains(ip("127.0.0.2"))).isFalse();
        assertThat(r.contains(ip("127.0.0.0"))).isFalse();
    }

    @Test
    void aBareAddressIsTheSameAsItsFullPrefix() throws Exception {
        assertThat(AddressRange.parse("10.1.2.3").contains(ip("10.1.2.3"))).isTrue();
        assertThat(AddressRange.parse("10.1.2.3").contains(ip("10.1.2.4"))).isFalse();
        assertThat(AddressRange.parse("::1").contains(ip("::1"))).isTrue();
        assertThat(AddressRange.parse("::1").contains(ip("::2"))).isFalse();
    }

    @Test
    void aSlash8CoversItsFirstOctet() throws Exception {
        AddressRange r = AddressRange.parse("10.0.0.0/8");
        assertThat(r.contains(ip("10.0.0.0"))).isTrue();
        assertThat(r.contains(ip("10.255.255.255"))).isTrue();
        assertThat(r.contains(ip("11.0.0.0"))).isFalse();
        assertThat(r.contains(ip("9.255.255.255"))).isFalse();
    }

    @Test
    void aPrefixInsideAnOctetComparesOnlyItsBits() throws Exception {
        AddressRange r = AddressRange.parse("192.168.0.0/23");
        assertThat(r.contains(ip("192.168.0.7"))).isTrue();
        assertThat(r.contains(ip("192.168.1.255"))).isTrue();
        assertThat(r.contains(ip("192.168.2.0"))).isFalse();
        // the host bits written in the range do not matter
        assertThat(AddressRange.parse("192.168.1.99/23").contains(ip("192.168.0.1"))).isTrue();
    }

    @Test
    void slash0IsEveryAddressOfItsFamilyOnly() throws Exception {
        AddressRange v4 = AddressRange.parse("0.0.0.0/0");
        assertThat(v4.contains(ip("1.2.3.4"))).isTrue();
        assertThat(v4.contains(ip("255.255.255.255"))).isTrue();
        assertThat(v4.contains(ip("::1"))).isFalse();
        AddressRange v6 = AddressRange.parse("::/0");
        assertThat(v6.contains(ip("2001:db8::1"))).isTrue();
        assertThat(v6.contains(ip("1.2.3.4"))).isFalse();
    }

    @Test
    void ipv6PrefixesUpTo128() throws Exception {
        AddressRange loopback = AddressRange.parse("::1/128");
        assertThat(loopback.contains(ip("::1"))).isTrue();
        assertThat(loopback.contains(ip("0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(loopback.contains(ip("::2"))).isFalse();
        AddressRange doc = AddressRange.parse("2001:db8::/32");
        assertThat(doc.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(doc.contains(ip("2001:db9::1"))).isFalse();
    }

    @Test
    void anIpv4RangeNeverMatchesAnIpv6AddressAndTheOtherWayRound() throws Exception {
        assertThat(AddressRange.parse("127.0.0.1/32").contains(ip("::1"))).isFalse();
        assertThat(AddressRange.parse("::1/128").contains(ip("127.0.0.1"))).isFalse();
        assertThat(AddressRange.parse("::/0").contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void aPrefixLongerThanTheFamilyOrNotANumberIsRefused() {
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).hasMessage("'10.0.0.0/33': the prefix length must be 0 to 32");
        assertThatThrownBy(() -> AddressRange.parse("::1/129")).hasMessage("'::1/129': the prefix length must be 0 to 128");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/-1")).hasMessageContaining("prefix length must be 0 to 32");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/eight")).hasMessageContaining("prefix length must be 0 to 32");
    }

    @Test
    void hostNamesAndGarbageAreRefusedWithoutALookup() {
        for (String bad : new String[] {"localhost", "gateway.example.com/32", "", "/8", "10.0.0.0 /8", "10.1.2/24", "10.0.0.256/32", "1.2.3.4.5"}) {
            assertThatThrownBy(() -> AddressRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an IP address range like 10.0.0.0/8 or 127.0.0.1/32");
        }
    }

    @Test
    void equalityAndTextFollowTheConfiguredForm() {
        assertThat(AddressRange.parse("10.0.0.0/8")).isEqualTo(AddressRange.parse("10.0.0.0/8"))
                .hasToString("10.0.0.0/8");
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
