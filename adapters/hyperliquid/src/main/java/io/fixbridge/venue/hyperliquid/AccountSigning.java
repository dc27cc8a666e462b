package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.hyperliquid.sign.HyperliquidSigner;
import io.fixbridge.venue.hyperliquid.sign.NonceSource;
import io.fixbridge.venue.hyperliquid.sign.SignedAction;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;
import io.fixbridge.venue.kit.sign.eth.KeyManagementException;
import io.fixbridge.venue.kit.sign.eth.PassphraseSource;
import io.fixbridge.venue.kit.sign.eth.SigningKeySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One account's signing: its key (fixed, or a keystore file polled for rotation), the signer, the
 * adapter's one nonce source per signer address ({@link NonceSources}: a high-water file
 * {@code <nonceDirectory>/<address>.nonce} shared by every account that key signs for, so nonces keep
 * increasing across accounts and restarts and a rotated key starts its own sequence), and the
 * addresses: {@link #user()} is whose orders, fills and balances these are (the vault when trading a
 * vault or sub-account, else the configured user, else the signer's own address).
 *
 * <p>Rotation of a keystore file takes effect on the next request without a restart; the new signer
 * address is logged (never the key) and {@code onRotation} is told. {@link #toString()} shows addresses
 * only. Thread-safe.
 */
final class AccountSigning implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccountSigning.class);

    private final String account;
    private final SigningKeySource keys;
    private final HyperliquidSigner signer;
    private final EthAddress configuredUser;
    private final EthAddress vault;
    private final Path nonceDirectory;
    private final NonceSources nonces;

    private AccountSigning(String account, SigningKeySource keys, HyperliquidConfig config, EthAddress user,
                           EthAddress vault, NonceSources nonces) {
        this.account = account;
        this.keys = keys;
        this.signer = new HyperliquidSigner(keys, !config.testnet());
        this.configuredUser = user;
        this.vault = vault;
        this.nonceDirectory = config.nonceDirectory();
        this.nonces = nonces;
    }

    /**
     * The signing of a configured account: loads its key now (a keystore is decrypted with its
     * passphrase), so a wrong passphrase or a missing file fails the start.
     *
     * @throws VenueConfigException naming the account's setting, never quoting a key or passphrase
     */
    static AccountSigning of(String venue, HyperliquidConfig config, HyperliquidConfig.Account a, NonceSources nonces) {
        String path = "venues[" + venue + "].accounts[" + a.name() + "]";
        SigningKeySource keys;
        try {
            if (a.key() instanceof HyperliquidConfig.KeySource.Inline inline) {
                keys = SigningKeySource.fixed(EthSigningKey.fromSecret(inline.privateKey()));
            } else {
                HyperliquidConfig.KeySource.Keystore k = (HyperliquidConfig.KeySource.Keystore) a.key();
                PassphraseSource passphrase = k.passphraseEnv() != null ? PassphraseSource.fromEnv(k.passphraseEnv())
                        : PassphraseSource.fromFile(k.passphraseFile());
                keys = SigningKeySource.keystore(k.file(), passphrase, config.keystorePollInterval());
            }
        } catch (KeyManagementException e) {
            throw new VenueConfigException(path + "." + (a.key() instanceof HyperliquidConfig.KeySource.Inline
                    ? "privateKey" : "keystore") + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new VenueConfigException(path + ".privateKey: not a private key (64 hex digits, optionally with 0x; "
                    + "the value is not shown)");
        }
        return new AccountSigning(a.name(), keys, config, a.user(), a.vaultAddress(), nonces);
    }

    String account() {
        return account;
    }

    /** The address that signs now. */
    EthAddress signer() {
        return keys.address();
    }

    /** Whose orders, fills and balances these are. */
    EthAddress user() {
        if (vault != null) {
            return vault;
        }
        return configuredUser != null ? configuredUser : keys.address();
    }

    /** The vault or sub-account traded for, or null. */
    EthAddress vault() {
        return vault;
    }

    /** Called with the new signer address after every rotation of the keystore. */
    void onRotation(Consumer<EthAddress> listener) {
        keys.onRotation(address -> {
            LOG.info("hyperliquid account {}: the keystore was rotated; orders are now signed by {}", account, address);
            listener.accept(address);
        });
    }

    /** Checks the keystore file for a rotation now (tests, operations); true when the key changed. */
    boolean refreshKey() {
        return keys.refresh();
    }

    /**
     * The {@code /exchange} body of {@code action}, signed now with the current key and that key's next
     * nonce. The key is read once: the nonce and the signature come from the same key even when the
     * keystore is rotated meanwhile.
     */
    String body(ObjectNode action) {
        EthSigningKey key = keys.current();
        NonceSource source = nonces.of(nonceDirectory, key.address());
        SignedAction signed = signer.signL1(action, source.next(), vault, null, key);
        return HyperliquidJson.write(signed.toRequestBody(HyperliquidJson.MAPPER));
    }

    @Override
    public void close() {
        keys.close();
    }

    @Override
    public String toString() {
        return "AccountSigning[account=" + account + ", signer=" + keys.address() + ", user=" + user() + "]";
    }
}
