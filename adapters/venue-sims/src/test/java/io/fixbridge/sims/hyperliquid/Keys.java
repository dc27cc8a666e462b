package io.fixbridge.sims.hyperliquid;

import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;

/** Test keys: the SDK's public test key and a few fixed throwaway keys (never funded anywhere). */
final class Keys {
    static final EthSigningKey ALICE = key("0123456789012345678901234567890123456789012345678901234567890123");
    static final EthSigningKey BOB = key("1111111111111111111111111111111111111111111111111111111111111111");
    static final EthSigningKey AGENT = key("2222222222222222222222222222222222222222222222222222222222222222");
    static final EthSigningKey STRANGER = key("3333333333333333333333333333333333333333333333333333333333333333");
    static final EthAddress VAULT = EthAddress.parse("0x00000000000000000000000000000000000000aa");

    private Keys() {
    }

    private static EthSigningKey key(String hex) {
        return EthSigningKey.fromHex(hex.toCharArray());
    }

    /** A simulator with alice (perp 100000, spot USDC 10000 / PURR 1000 / HYPE 10), bob, alice's agent and vault. */
    static HyperliquidSimulator.Builder standard() {
        return HyperliquidSimulator.builder()
                .account(ALICE.address(), HyperliquidSimulator.balances("PERP", "100000", "USDC", "10000",
                        "PURR", "1000", "HYPE", "10"))
                .account(BOB.address(), HyperliquidSimulator.balances("PERP", "100"))
                .agent(ALICE.address(), AGENT.address())
                .account(VAULT, HyperliquidSimulator.balances("PERP", "50000"))
                .vault(VAULT, ALICE.address());
    }
}
