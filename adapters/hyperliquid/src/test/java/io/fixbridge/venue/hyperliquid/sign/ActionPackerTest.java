package io.fixbridge.venue.hyperliquid.sign;

import static io.fixbridge.venue.hyperliquid.sign.SigningVectorsTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** msgpack encodings at every format boundary, as Python's msgpack.packb writes them, and the L1 preimage layout. */
class ActionPackerTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0x00", "127, 0x7f", "128, 0xcc80", "255, 0xccff", "256, 0xcd0100", "65535, 0xcdffff",
        "65536, 0xce00010000", "4294967295, 0xceffffffff", "4294967296, 0xcf0000000100000000",
        "100000000000, 0xcf000000174876e800", "9223372036854775807, 0xcf7fffffffffffffff",
        "-1, 0xff", "-32, 0xe0", "-33, 0xd0df", "-128, 0xd080", "-129, 0xd1ff7f", "-32768, 0xd18000",
        "-32769, 0xd2ffff7fff", "-2147483648, 0xd280000000", "-2147483649, 0xd3ffffffff7fffffff"})
    void integersUseTheSmallestEncoding(long value, String expected) {
        assertThat(hex(ActionPacker.pack(NODES.numberNode(value)))).isEqualTo(expected);
    }

    @Test
    void uint64AboveLongMaxAndTooLargeIntegers() {
        assertThat(hex(ActionPacker.pack(NODES.numberNode(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)))))
                .isEqualTo("0xcfffffffffffffffff");
        assertThatThrownBy(() -> ActionPacker.pack(NODES.numberNode(BigInteger.ONE.shiftLeft(64))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uint64");
    }

    @Test
    void stringsArraysMapsAndLiterals() {
        assertThat(hex(ActionPacker.pack(NODES.textNode("a".repeat(31))))).startsWith("0xbf61");
        assertThat(hex(ActionPacker.pack(NODES.textNode("a".repeat(32))))).startsWith("0xd92061");
        assertThat(hex(ActionPacker.pack(NODES.textNode("a".repeat(256))))).startsWith("0xda010061");
        assertThat(hex(ActionPacker.pack(NODES.textNode("é")))).isEqualTo("0xa2c3a9");
        assertThat(hex(ActionPacker.pack(NODES.nullNode()))).isEqualTo("0xc0");
        assertThat(hex(ActionPacker.pack(NODES.booleanNode(true)))).isEqualTo("0xc3");
        var array = NODES.arrayNode();
        for (int i = 0; i < 16; i++) {
            array.add(i);
        }
        assertThat(hex(ActionPacker.pack(array))).startsWith("0xdc00100001");
        assertThat(hex(ActionPacker.pack(NODES.arrayNode()))).isEqualTo("0x90");
        assertThat(hex(ActionPacker.pack(NODES.binaryNode(new byte[] {1, 2})))).isEqualTo("0xc4020102");
    }

    @Test
    void keyOrderIsKeptAndChangesTheHash() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode ab = (ObjectNode) json.readTree("{\"a\":1,\"o\":2}");
        ObjectNode ba = (ObjectNode) json.readTree("{\"o\":2,\"a\":1}");
        assertThat(hex(ActionPacker.pack(ab))).isEqualTo("0x82a16101a16f02");
        assertThat(hex(ActionPacker.pack(ba))).isEqualTo("0x82a16f02a16101");
        assertThat(L1Signing.connectionId(ab, 1, null, null)).isNotEqualTo(L1Signing.connectionId(ba, 1, null, null));
    }

    @Test
    void floatsAreRefused() {
        ObjectNode order = NODES.objectNode().put("a", 0).put("p", 100.5);
        assertThatThrownBy(() -> ActionPacker.pack(order))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.p").hasMessageContaining("prices and sizes must be strings");
        assertThatThrownBy(() -> ActionPacker.pack(NODES.numberNode(new BigDecimal("1.0"))))
                .hasMessageContaining("prices and sizes must be strings");
    }

    @Test
    void preimageLayoutWithVaultAndExpiresAfter() {
        ObjectNode action = NODES.objectNode().put("type", "scheduleCancel");
        EthAddress vault = EthAddress.parse("0x1719884eb866cb12b2287399b15f7db5e7d775ea");
        String packed = hex(ActionPacker.pack(action)).substring(2);
        assertThat(hex(L1Signing.preimage(action, 0x0102030405060708L, vault, 1_700_000_000_000L)))
                .isEqualTo("0x" + packed + "0102030405060708" + "01" + "1719884eb866cb12b2287399b15f7db5e7d775ea"
                        + "00" + "0000018bcfe56800");
        assertThat(hex(L1Signing.preimage(action, 5, null, 1_700_000_000_000L)))
                .isEqualTo("0x" + packed + "0000000000000005" + "00" + "00" + "0000018bcfe56800");
        assertThat(L1Signing.connectionId(action, 5, null, 1_700_000_000_000L))
                .isNotEqualTo(L1Signing.connectionId(action, 5, null, null));
        assertThatThrownBy(() -> L1Signing.preimage(action, -1, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
