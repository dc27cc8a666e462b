package io.fixbridge.sims.hyperliquid;

import io.fixbridge.sims.common.SimJson;
import io.fixbridge.venue.kit.sign.eth.EcdsaSignature;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's own msgpack + L1 hashing + EIP-712 + recovery against the official SDKs' signing
 * test vectors (transcribed from hyperliquid-python-sdk tests/signing_test.py and the Rust SDK,
 * see /work/shared/venue-reference/hyperliquid/signing_vectors.json).
 */
class SigningVectorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "py_l1_dummy|{\"type\":\"dummy\",\"num\":100000000000}|0||"
            + "0xf528daee6a0bd11407b483cfcd9a48c56884180b70ee86f124053e5fc1bf4d57|"
            + "0x14791697260E4c9A71f18484C9f997B308e59325|"
            + "0x053749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298|"
            + "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8|27|"
            + "0x542af61ef1f429707e3c76c5293c80d01f74ef853e34b76efffcb57e574f9510|"
            + "0x17b8b32f086e8cdede991f1e2c529f5dd5297cbe8128500e00cbaf766204a613|28",
        "py_l1_order_gtc_cloid|{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\",\"s\":\"100\","
            + "\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}},\"c\":\"0x00000000000000000000000000000001\"}],"
            + "\"grouping\":\"na\"}|0||0x0ba500cedd8f4ba6ded620a0b1cd04f124d9ba745e2e2893fcc763bcc1444af5|"
            + "0x14791697260E4c9A71f18484C9f997B308e59325|"
            + "0x041ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3|"
            + "0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da|27|"
            + "0xeba0664bed2676fc4e5a743bf89e5c7501aa6d870bdb9446e122c9466c5cd16d|"
            + "0x7f3e74825c9114bc59086f1eebea2928c190fdfbfde144827cb02b85bbe90988|28",
        "py_l1_dummy_vault|{\"type\":\"dummy\",\"num\":100000000000}|0|0x1719884eb866cb12b2287399b15f7db5e7d775ea|"
            + "0xde9e09a7a3da45cc694096d4bfdcd89bc1b892d05497c5ecc1f56c335945184c|"
            + "0x14791697260E4c9A71f18484C9f997B308e59325|"
            + "0x003c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239|"
            + "0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c|28|"
            + "0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b|"
            + "0x7ddad27e9a238d045c035bc606349d075d5c5cd00a6cd1da23ab5c39d4ef0f60|27",
        "py_l1_trigger_sl_market|{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\",\"s\":\"100\","
            + "\"r\":false,\"t\":{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"103\",\"tpsl\":\"sl\"}}}],"
            + "\"grouping\":\"na\"}|0||0x430a86fb9876e901920d931f5bb20c9d011f6389bd179f39a73c09e6219adcad|"
            + "0x14791697260E4c9A71f18484C9f997B308e59325|"
            + "0x98343f2b5ae8e26bb2587daad3863bc70d8792b09af1841b6fdd530a2065a3f9|"
            + "0x6b5bb6bb0633b710aa22b721dd9dee6d083646a5f8e581a20b545be6c1feb405|27|"
            + "0x971c554d917c44e0e1b6cc45d8f9404f32172a9d3b3566262347d0302896a2e4|"
            + "0x206257b104788f80450f8e786c329daa589aa0b32ba96948201ae556d5637eac|28",
        "py_l1_schedule_cancel_time|{\"type\":\"scheduleCancel\",\"time\":123456789}|0||"
            + "0x4be18e445114437c5d1d9dd35a09f5601a3cc34ed4ac94a0281251b9bd8f6832|"
            + "0x14791697260E4c9A71f18484C9f997B308e59325|"
            + "0x609cb20c737945d070716dcc696ba030e9976fcf5edad87afa7d877493109d55|"
            + "0x16c685d63b5c7a04512d73f183b3d7a00da5406ff1f8aad33f8ae2163bab758b|28|"
            + "0x4e4f2dbd4107c69783e251b7e1057d9f2b9d11cee213441ccfa2be63516dc5bc|"
            + "0x706c656b23428c8ba356d68db207e11139ede1670481a9e01ae2dfcdb0e1a678|27",
        "rs_l1_cancel|{\"type\":\"cancel\",\"cancels\":[{\"a\":1,\"o\":82382}]}|1583838||"
            + "0xa53262329d1e221a88ff73e5ce330e0e47fb646091cae7020c34c346e592b77e|"
            + "0xcD49bbAc6E85fdEB167EB7cA41A945d2b8758F6F|"
            + "0x02f76cc5b16e0810152fa0e14e7b219f49c361e3325f771544c6f54e157bf9fa|"
            + "0x17ed0afc11a98596be85d5cd9f86600aad515337318f7ab346e5ccc1b03425d5|27|"
            + "0x6ffebadfd48067663390962539fbde76cfa36f53be65abe2ab72c9db6d0db444|"
            + "0x57720db9d7c4860f142a484f070c84eb4b9694c3a617c83f0d698a27e55fd5e0|28",
        "rs_l1_order_ioc|{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"2000.0\",\"s\":\"3.5\","
            + "\"r\":false,\"t\":{\"limit\":{\"tif\":\"Ioc\"}}}],\"grouping\":\"na\"}|1583838||"
            + "0x5983a9453b8d32668daefa9310e1a81bc1f4d7da50a9ad8869a4011d12068ea0|"
            + "0xcD49bbAc6E85fdEB167EB7cA41A945d2b8758F6F|"
            + "0x77957e58e70f43b6b68581f2dc42011fc384538a2e5b7bf42d5b936f19fbb673|"
            + "0x60721a8598727230f67080efee48c812a6a4442013fd3b0eed509171bef9f23f|28|"
            + "0xcd0925372ff1ed499e54883e9a6205ecfadec748f80ec463fe2f84f120964877|"
            + "0x6377961965cb7b12414186b1ea291e95fd512722427efcbcfb3b0b2bcd4d79d0|28"
    })
    void connectionIdAndRecoveredSignerMatchTheSdkVectors(String id, String action, long nonce, String vault,
                                                          String connectionId, String signer, String mainR,
                                                          String mainS, int mainV, String testR, String testS,
                                                          int testV) {
        EthAddress vaultAddress = vault == null ? null : EthAddress.parse(vault);
        byte[] cid = L1Signature.connectionId(SimJson.parse(action), nonce, vaultAddress, null);
        assertThat("0x" + HexFormat.of().formatHex(cid)).isEqualTo(connectionId);
        EthAddress expected = EthAddress.parse(signer);
        assertThat(L1Signature.recover(L1Signature.agentDigest(cid, true), EcdsaSignature.of(mainR, mainS, mainV)))
                .isEqualTo(expected);
        assertThat(L1Signature.recover(L1Signature.agentDigest(cid, false), EcdsaSignature.of(testR, testS, testV)))
                .isEqualTo(expected);
        // the other network's source byte recovers someone else
        assertThat(L1Signature.recover(L1Signature.agentDigest(cid, false), EcdsaSignature.of(mainR, mainS, mainV)))
                .isNotEqualTo(expected);
    }

    @ParameterizedTest(name = "msgpack {0}")
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"order\",\"orders\":[{\"a\":4,\"b\":true,\"p\":\"1670.1\",\"s\":\"0.0147\",\"r\":false,"
            + "\"t\":{\"limit\":{\"tif\":\"Ioc\"}}}],\"grouping\":\"na\"}|"
            + "83a474797065a56f72646572a66f72646572739186a16104a162c3a170a6313637302e31a173a6302e30313437a172c2a17481a56c696d697481a3746966a3496f63a867726f7570696e67a26e61",
        "{\"type\":\"dummy\",\"num\":100000000000}|82a474797065a564756d6d79a36e756dcf000000174876e800"
    })
    void msgpackMatchesPythonsBytes(String action, String hex) {
        assertThat(HexFormat.of().formatHex(L1Signature.msgpack(SimJson.parse(action)))).isEqualTo(hex);
    }

    @org.junit.jupiter.api.Test
    void expiresAfterIsAppendedAfterAZeroByte() {
        var action = SimJson.parse("{\"type\":\"scheduleCancel\"}");
        byte[] without = L1Signature.connectionId(action, 5, null, null);
        byte[] with = L1Signature.connectionId(action, 5, null, 1_700_000_000_000L);
        assertThat(with).isNotEqualTo(without);
        byte[] manual = io.fixbridge.venue.kit.sign.eth.Keccak.keccak256(L1Signature.msgpack(action),
                HexFormat.of().parseHex("0000000000000005" + "00" + "00" + "0000018bcfe56800"));
        assertThat(with).isEqualTo(manual);
    }
}
