package io.fixbridge.venue.kit.sign.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fixbridge.venue.kit.sign.Secret;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keccak, addresses, signatures and EIP-712 against published values: the EIP-712 specification's
 * Mail example (eips.ethereum.org/EIPS/eip-712, its reference implementation Example.js: key
 * keccak256("cow")), and the Hyperliquid SDK test keys and digests from
 * /work/shared/venue-reference/hyperliquid/signing_vectors.json (py_l1_dummy,
 * rs_user_signed_usd_send_testnet).
 */
class EthCryptoTest {
    static final String PY_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    static final String RS_KEY = "e908f86dbb4d55ac876378565aafeabc187f6690f046459397b17d9b9a19688e";

    @Test
    void keccakOfEmptyAndOfText() {
        assertThat(hex(Keccak.keccak256())).isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(hex(Keccak.keccak256("cow".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("0xc85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4");
        assertThat(Keccak.keccak256("co".getBytes(StandardCharsets.US_ASCII), "w".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Keccak.keccak256("cow".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void knownKeysGiveTheirAddresses() {
        assertThat(EthSigningKey.fromHex(PY_KEY.toCharArray()).address())
                .isEqualTo(EthAddress.parse("0x14791697260E4c9A71f18484C9f997B308e59325"));
        assertThat(EthSigningKey.fromSecret(new Secret(RS_KEY)).address())
                .isEqualTo(EthAddress.parse("0xcD49bbAc6E85fdEB167EB7cA41A945d2b8758F6F"));
        assertThat(EthSigningKey.fromHex(("  " + RS_KEY.toUpperCase() + "\n").toCharArray()).address().hex())
                .isEqualTo("0xcd49bbac6e85fdeb167eb7ca41a945d2b8758f6f");
        assertThat(EthAddress.parse("0xcD49bbAc6E85fdEB167EB7cA41A945d2b8758F6F").checksummed())
                .isEqualTo("0xcD49bbAc6E85fdEB167EB7cA41A945d2b8758F6F");
    }

    @Test
    void addressesAreCanonicalLowerCase() {
        assertThat(EthAddress.ZERO.bytes()).hasSize(20).containsOnly(0);
        assertThat(EthAddress.parse("1719884EB866CB12B2287399B15F7DB5E7D775EA").hex())
                .isEqualTo("0x1719884eb866cb12b2287399b15f7db5e7d775ea");
        assertThat(EthAddress.of(EthAddress.parse("0x1719884eb866cb12b2287399b15f7db5e7d775ea").bytes()).hex())
                .isEqualTo("0x1719884eb866cb12b2287399b15f7db5e7d775ea");
        assertThatThrownBy(() -> new EthAddress("0x1719884EB866CB12B2287399B15F7DB5E7D775EA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EthAddress.parse("0x1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EthAddress.parse("0x" + "g".repeat(40))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signatureHexIsZeroPaddedAndParsesDroppedZeros() {
        // py_l1_dummy mainnet: the Python test writes r with 63 hex digits
        EcdsaSignature sig = EcdsaSignature.of("0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298",
                "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8", 27);
        assertThat(sig.rHex()).isEqualTo("0x053749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298");
        assertThat(sig.sHex()).isEqualTo("0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8");
        assertThat(EcdsaSignature.fromBytes65(sig.toBytes65())).isEqualTo(sig);
        assertThatThrownBy(() -> EcdsaSignature.of("0x01", "0x02", 29)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcdsaSignature.of("0x00", "0x02", 27)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hyperliquidAgentDigestSignsToThePublishedSignature() {
        // py_l1_dummy mainnet: phantom agent {source "a", connectionId} under the Exchange domain
        byte[] connectionId = Hex.decode("0xf528daee6a0bd11407b483cfcd9a48c56884180b70ee86f124053e5fc1bf4d57", "c");
        Eip712.Domain exchange = new Eip712.Domain("Exchange", "1", 1337, EthAddress.ZERO);
        byte[] digest = Eip712.digest(exchange, "Agent",
                List.of(new Eip712.Field("source", "string"), new Eip712.Field("connectionId", "bytes32")),
                Map.of("source", "a", "connectionId", connectionId));
        assertThat(hex(digest)).isEqualTo("0xe0aabfac88a47d3e7028b6ba6a94b30c8afcfffac26cbce788cf362b1312eafa");

        EthSigningKey key = EthSigningKey.fromHex(PY_KEY.toCharArray());
        EcdsaSignature sig = key.signDigest(digest);
        assertThat(sig).isEqualTo(EcdsaSignature.of("0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298",
                "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8", 27));
        assertThat(EthRecovery.recover(digest, sig)).isEqualTo(key.address());
    }

    @Test
    void userSignedUsdSendDigestWithColonInTheTypeName() {
        // rs_user_signed_usd_send_testnet
        Eip712.Domain domain = new Eip712.Domain("HyperliquidSignTransaction", "1", 0x66eee, EthAddress.ZERO);
        byte[] digest = Eip712.digest(domain, "HyperliquidTransaction:UsdSend",
                List.of(new Eip712.Field("hyperliquidChain", "string"), new Eip712.Field("destination", "string"),
                        new Eip712.Field("amount", "string"), new Eip712.Field("time", "uint64")),
                Map.of("hyperliquidChain", "Testnet", "destination", "0x0D1d9635D0640821d15e323ac8AdADfA9c111414",
                        "amount", "1", "time", 1690393044548L));
        assertThat(hex(digest)).isEqualTo("0x2ec70927f032ba9c1c8ecffbff89fd07ccc3300d556087752edcba59b9d95c77");
        EcdsaSignature sig = EthSigningKey.fromHex(RS_KEY.toCharArray()).signDigest(digest);
        assertThat(sig.rHex()).isEqualTo("0x214d507bbdaebba52fa60928f904a8b2df73673e3baba6133d66fe846c7ef704");
        assertThat(sig.sHex()).isEqualTo("0x51e82453a6d8db124e7ed6e60fa00d4b7c46e4d96cb2bd61fd81b6e8953cc9d2");
        assertThat(sig.v()).isEqualTo(27);
    }

    @Test
    void eip712SpecificationMailExampleWithNestedStructs() {
        Eip712.Domain domain = new Eip712.Domain("Ether Mail", "1", 1,
                EthAddress.parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"));
        Map<String, List<Eip712.Field>> types = Map.of(
                "Person", List.of(new Eip712.Field("name", "string"), new Eip712.Field("wallet", "address")),
                "Mail", List.of(new Eip712.Field("from", "Person"), new Eip712.Field("to", "Person"),
                        new Eip712.Field("contents", "string")));
        Map<String, Object> mail = Map.of(
                "from", Map.of("name", "Cow", "wallet", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"),
                "to", Map.of("name", "Bob", "wallet", EthAddress.parse("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB")),
                "contents", "Hello, Bob!");
        assertThat(Eip712.encodeType("Mail", types))
                .isEqualTo("Mail(Person from,Person to,string contents)Person(string name,address wallet)");
        assertThat(hex(Eip712.domainSeparator(domain)))
                .isEqualTo("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
        assertThat(hex(Eip712.hashStruct("Mail", types, mail)))
                .isEqualTo("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
        byte[] digest = Eip712.digest(domain, "Mail", types, mail);
        assertThat(hex(digest)).isEqualTo("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");

        EthSigningKey cow = EthSigningKey.fromHex(hex(Keccak.keccak256("cow".getBytes(StandardCharsets.US_ASCII))).toCharArray());
        assertThat(cow.address()).isEqualTo(EthAddress.parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"));
        EcdsaSignature sig = cow.signDigest(digest);
        assertThat(sig).isEqualTo(EcdsaSignature.of("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d",
                "0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562", 28));
    }

    @Test
    void eip712RefusesMissingValuesWrongTypesAndOutOfRangeIntegers() {
        Eip712.Domain d = new Eip712.Domain("X", "1", 1, EthAddress.ZERO);
        List<Eip712.Field> f = List.of(new Eip712.Field("n", "uint8"));
        assertThatThrownBy(() -> Eip712.digest(d, "T", f, Map.of())).hasMessageContaining("T.n");
        assertThatThrownBy(() -> Eip712.digest(d, "T", f, Map.of("n", 256))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Eip712.digest(d, "T", f, Map.of("n", 1.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Eip712.digest(d, "T", List.of(new Eip712.Field("x", "float")), Map.of("x", 1)))
                .hasMessageContaining("unsupported type float");
        assertThatThrownBy(() -> Eip712.digest(d, "T", List.of(new Eip712.Field("b", "bytes32")), Map.of("b", new byte[31])))
                .hasMessageContaining("exactly 32 bytes");
        // the same integer in every accepted form hashes the same
        byte[] a = Eip712.digest(d, "T", f, Map.of("n", 255));
        assertThat(Eip712.digest(d, "T", f, Map.of("n", "255"))).isEqualTo(a);
        assertThat(Eip712.digest(d, "T", f, Map.of("n", "0xff"))).isEqualTo(a);
        assertThat(Eip712.digest(d, "T", f, Map.of("n", BigInteger.valueOf(255)))).isEqualTo(a);
    }

    @Test
    void signRecoverRoundTripWithAGeneratedKey() {
        EthSigningKey key = EthSigningKey.generate();
        for (int i = 0; i < 20; i++) {
            byte[] digest = Keccak.keccak256(new byte[] {(byte) i});
            EcdsaSignature sig = key.signDigest(digest);
            assertThat(sig.s()).isLessThanOrEqualTo(EcdsaSignature.CURVE_ORDER.shiftRight(1));
            assertThat(EthRecovery.recover(digest, sig)).isEqualTo(key.address());
            EcdsaSignature flipped = new EcdsaSignature(sig.r(), sig.s(), sig.v() == 27 ? 28 : 27);
            assertThat(EthRecovery.recover(digest, flipped)).isNotEqualTo(key.address());
        }
        assertThatThrownBy(() -> key.signDigest(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The signer reads the recovery id off R instead of searching for it: over many keys and
     * digests its r, s and v are exactly web3j's {@code Sign.signMessage} (RFC 6979, low s, v by
     * recovery), about half of them with s negated to the low half (the flipped parity).
     */
    @Test
    void signaturesAreExactlyWeb3jsForManyKeysAndDigests() {
        java.util.Random random = new java.util.Random(9);
        int flipped = 0;
        for (int i = 0; i < 300; i++) {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            raw[0] &= 0x7f; // below n
            raw[31] |= 1;   // not zero
            EthSigningKey key = EthSigningKey.fromBytes(raw.clone());
            byte[] digest = Keccak.keccak256(new byte[] {(byte) i, (byte) (i >> 8)});

            EcdsaSignature ours = key.signDigest(digest);
            org.web3j.crypto.Sign.SignatureData web3j = org.web3j.crypto.Sign.signMessage(digest,
                    org.web3j.crypto.ECKeyPair.create(new BigInteger(1, raw)), false);

            assertThat(ours.r()).as("r, signature %d", i).isEqualTo(new BigInteger(1, web3j.getR()));
            assertThat(ours.s()).as("s, signature %d", i).isEqualTo(new BigInteger(1, web3j.getS()));
            assertThat(ours.v()).as("v, signature %d", i).isEqualTo(web3j.getV()[0] & 0xff);
            if (ours.v() == 28) {
                flipped++;
            }
        }
        assertThat(flipped).as("both recovery ids occur").isBetween(100, 200);
    }

    @Test
    void badKeysAreRefusedWithoutEchoingThem() {
        String almost = PY_KEY.substring(0, 65) + "zz";
        String shortKey = PY_KEY.substring(0, 40);
        String zero = "0x" + "0".repeat(64);
        for (String bad : List.of(almost, shortKey, zero, "0x" + "f".repeat(64))) {
            assertThatThrownBy(() -> EthSigningKey.fromHex(bad.toCharArray()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad.substring(2, 30)).doesNotContain(bad));
        }
        EthSigningKey key = EthSigningKey.fromHex(PY_KEY.toCharArray());
        assertThat(key.toString()).isEqualTo("EthSigningKey[address=0x14791697260e4c9a71f18484c9f997b308e59325]");
        assertThat(SigningKeySource.fixed(key).toString()).doesNotContain(PY_KEY.substring(2, 20));
        assertThat(SigningKeySource.fixed(key).current()).isSameAs(key);
    }

    static String hex(byte[] bytes) {
        return Hex.prefixed(bytes);
    }
}
