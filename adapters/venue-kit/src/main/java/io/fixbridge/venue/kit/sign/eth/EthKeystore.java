package io.fixbridge.venue.kit.sign.eth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.kit.sign.eth.KeyManagementException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Ethereum V3 keystore files ("Web3 Secret Storage": scrypt or pbkdf2 + AES-128-CTR + keccak
 * MAC), the encrypted key file geth, MetaMask exports, web3j and ethers all read and write.
 * New files use scrypt (r = 8) at a {@link KdfStrength}, are written to a temporary file in the
 * same directory with owner-only permissions (0600 where the filesystem supports POSIX
 * permissions) and moved into place atomically.
 *
 * <p>Stateless and thread-safe; concurrent writers of the same file are not coordinated. Every
 * failure is a {@link KeyManagementException} naming the file and the fix; no message contains a
 * key or a passphrase. Passphrases are encoded as UTF-8 (as geth does) and the arrays passed in
 * are not cleared (the caller owns them).
 */
public final class EthKeystore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RETIRED_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private EthKeystore() {
    }

    /** The outcome of {@link #rotate}: the old address, the new one and where the old file was kept. */
    public record Rotation(EthAddress previous, EthAddress current, Path retiredFile) {
    }

    /** Generates a new key and writes it to {@code file}, which must not exist; returns its address. */
    public static EthAddress create(Path file, char[] passphrase, KdfStrength strength) {
        return importKey(file, EthSigningKey.generate(), passphrase, strength);
    }

    /** Encrypts {@code key} into {@code file}, which must not exist; returns its address. */
    public static EthAddress importKey(Path file, EthSigningKey key, char[] passphrase, KdfStrength strength) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        if (Files.exists(file)) {
            throw new KeyManagementException(Reason.ALREADY_EXISTS, "keystore " + file
                    + " already exists; refusing to overwrite it (choose another file, or use rotate to replace its key)");
        }
        byte[] json = encrypt(key, passphrase, strength);
        Path tmp = writeTemp(file, json);
        try {
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(tmp, e);
            throw new KeyManagementException(Reason.ALREADY_EXISTS, "keystore " + file
                    + " already exists; refusing to overwrite it", e);
        } catch (IOException e) {
            deleteQuietly(tmp, e);
            throw new KeyManagementException(Reason.IO, "cannot write keystore " + file + ": " + e, e);
        }
        return key.address();
    }

    /** The address recorded in the keystore (no decryption, no passphrase). */
    public static EthAddress address(Path file) {
        JsonNode root = readJson(file);
        JsonNode address = root.get("address");
        if (address == null || !address.isTextual()) {
            throw new KeyManagementException(Reason.INVALID, "keystore " + file
                    + " has no address field; its address is only known after decrypting it with the passphrase");
        }
        try {
            return EthAddress.parse(address.asText());
        } catch (IllegalArgumentException e) {
            throw new KeyManagementException(Reason.INVALID, "keystore " + file + " has a malformed address field", e);
        }
    }

    /** Decrypts the key in {@code file}. */
    public static EthSigningKey load(Path file, char[] passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        JsonNode root = readJson(file);
        if (root.path("version").asInt(-1) != 3) {
            throw invalid(file, "version is not 3");
        }
        JsonNode crypto = root.has("crypto") ? root.get("crypto") : root.get("Crypto");
        if (crypto == null || !crypto.isObject()) {
            throw invalid(file, "no crypto section");
        }
        if (!"aes-128-ctr".equals(crypto.path("cipher").asText())) {
            throw invalid(file, "cipher " + crypto.path("cipher").asText() + " is not aes-128-ctr");
        }
        byte[] ciphertext = hexField(file, crypto, "ciphertext");
        byte[] iv = hexField(file, crypto.path("cipherparams"), "iv");
        byte[] mac = hexField(file, crypto, "mac");
        byte[] derived = deriveKey(file, crypto, passphrase);
        byte[] plain = null;
        try {
            byte[] expectedMac = Keccak.keccak256(Arrays.copyOfRange(derived, 16, 32), ciphertext);
            if (!MessageDigest.isEqual(expectedMac, mac)) {
                throw new KeyManagementException(Reason.WRONG_PASSPHRASE, "wrong passphrase for keystore " + file);
            }
            plain = aesCtr(Cipher.DECRYPT_MODE, Arrays.copyOf(derived, 16), iv, ciphertext);
            EthSigningKey key;
            try {
                key = EthSigningKey.fromBytes(plain);
            } catch (IllegalArgumentException e) {
                throw invalid(file, "the decrypted key is not a valid secp256k1 key");
            }
            JsonNode address = root.get("address");
            if (address != null && address.isTextual() && !address.asText().isEmpty()) {
                EthAddress recorded;
                try {
                    recorded = EthAddress.parse(address.asText());
                } catch (IllegalArgumentException e) {
                    throw invalid(file, "malformed address field");
                }
                if (!recorded.equals(key.address())) {
                    throw invalid(file, "the address field " + recorded + " does not match the encrypted key ("
                            + key.address() + "); the file was altered");
                }
            }
            return key;
        } finally {
            Arrays.fill(derived, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** Replaces the key in {@code file} by a new one, keeping the old file as {@code <file>.<UTC time>.retired}. */
    public static Rotation rotate(Path file, char[] passphrase, KdfStrength strength) {
        return rotate(file, passphrase, strength, Clock.systemUTC());
    }

    /** {@link #rotate(Path, char[], KdfStrength)} with the clock that stamps the retired file. */
    public static Rotation rotate(Path file, char[] passphrase, KdfStrength strength, Clock clock) {
        EthAddress previous = load(file, passphrase).address();
        EthSigningKey next = EthSigningKey.generate();
        Path retired = retire(file, clock);
        replace(file, writeTemp(file, encrypt(next, passphrase, strength)), retired);
        return new Rotation(previous, next.address(), retired);
    }

    /** Where {@link #stage} puts the next key of {@code file}: {@code <file>.next}. */
    public static Path stagedFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".next");
    }

    /**
     * The first half of a rotation that must not take effect before the venue knows the new key
     * (an API wallet to approve): writes a new key, under the same passphrase, to
     * {@link #stagedFile}; {@code file} is untouched, so a running gateway keeps signing with the
     * old key. {@link #activate} finishes the rotation. Refuses when a staged key exists already.
     */
    public static EthAddress stage(Path file, char[] passphrase, KdfStrength strength) {
        load(file, passphrase); // the current file and the passphrase must be right
        return importKey(stagedFile(file), EthSigningKey.generate(), passphrase, strength);
    }

    /**
     * The second half of a staged rotation: the staged key replaces the one in {@code file}
     * (atomically), and the old file is kept as {@code <file>.<UTC time>.retired}.
     */
    public static Rotation activate(Path file, char[] passphrase, Clock clock) {
        Path staged = stagedFile(file);
        if (!Files.exists(staged)) {
            throw new KeyManagementException(Reason.NOT_FOUND, "no staged key " + staged
                    + "; stage one first (keystore rotate --stage)");
        }
        EthAddress previous = load(file, passphrase).address();
        EthAddress next = load(staged, passphrase).address();
        Path retired = retire(file, clock);
        replace(file, staged, retired);
        return new Rotation(previous, next, retired);
    }

    /** Copies {@code file} to a new {@code <file>.<UTC time>[-n].retired}; nothing changes if that fails. */
    private static Path retire(Path file, Clock clock) {
        String stamp = RETIRED_STAMP.format(clock.instant());
        Path retired = file.resolveSibling(file.getFileName() + "." + stamp + ".retired");
        for (int i = 1; Files.exists(retired); i++) {
            retired = file.resolveSibling(file.getFileName() + "." + stamp + "-" + i + ".retired");
        }
        try {
            Files.copy(file, retired, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new KeyManagementException(Reason.IO, "cannot keep the old keystore as " + retired
                    + " (nothing was changed): " + e, e);
        }
        return retired;
    }

    /** Moves {@code source} over {@code file}, atomically where the filesystem can. */
    private static void replace(Path file, Path source, Path retired) {
        try {
            try {
                Files.move(source, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(source, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new KeyManagementException(Reason.IO, "cannot replace keystore " + file
                    + " (the old key is still in place; " + retired + " is a copy of it; the new key is in "
                    + source + "): " + e, e);
        }
    }

    private static byte[] encrypt(EthSigningKey key, char[] passphrase, KdfStrength strength) {
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(strength, "strength");
        if (passphrase.length == 0) {
            throw new KeyManagementException(Reason.INVALID, "an empty passphrase is not allowed for a keystore");
        }
        byte[] salt = new byte[32];
        byte[] iv = new byte[16];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(iv);
        byte[] password = utf8(passphrase);
        byte[] derived = SCrypt.generate(password, salt, strength.n(), 8, strength.p(), 32);
        byte[] raw = key.exportPrivateKey();
        try {
            byte[] ciphertext = aesCtr(Cipher.ENCRYPT_MODE, Arrays.copyOf(derived, 16), iv, raw);
            byte[] mac = Keccak.keccak256(Arrays.copyOfRange(derived, 16, 32), ciphertext);
            ObjectNode root = JSON.createObjectNode();
            root.put("address", key.address().hex().substring(2));
            ObjectNode crypto = root.putObject("crypto");
            crypto.put("cipher", "aes-128-ctr");
            crypto.put("ciphertext", Hex.encode(ciphertext));
            crypto.putObject("cipherparams").put("iv", Hex.encode(iv));
            crypto.put("kdf", "scrypt");
            ObjectNode kdf = crypto.putObject("kdfparams");
            kdf.put("dklen", 32);
            kdf.put("n", strength.n());
            kdf.put("p", strength.p());
            kdf.put("r", 8);
            kdf.put("salt", Hex.encode(salt));
            crypto.put("mac", Hex.encode(mac));
            root.put("id", UUID.randomUUID().toString());
            root.put("version", 3);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new KeyManagementException(Reason.IO, "cannot serialize a keystore: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(password, (byte) 0);
            Arrays.fill(derived, (byte) 0);
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static byte[] deriveKey(Path file, JsonNode crypto, char[] passphrase) {
        String kdf = crypto.path("kdf").asText();
        JsonNode params = crypto.path("kdfparams");
        int dklen = params.path("dklen").asInt(0);
        if (dklen < 32) {
            throw invalid(file, "kdfparams.dklen must be at least 32");
        }
        byte[] salt = hexField(file, params, "salt");
        byte[] password = utf8(passphrase);
        try {
            switch (kdf) {
                case "scrypt": {
                    int n = params.path("n").asInt(0);
                    int r = params.path("r").asInt(0);
                    int p = params.path("p").asInt(0);
                    if (n < 2 || Integer.bitCount(n) != 1 || r < 1 || p < 1) {
                        throw invalid(file, "scrypt parameters n, r, p are invalid");
                    }
                    try {
                        return SCrypt.generate(password, salt, n, r, p, dklen);
                    } catch (IllegalArgumentException e) {
                        throw invalid(file, "scrypt parameters n=" + n + ", r=" + r + ", p=" + p + " are not supported ("
                                + e.getMessage() + ")");
                    }
                }
                case "pbkdf2": {
                    if (!"hmac-sha256".equals(params.path("prf").asText())) {
                        throw invalid(file, "pbkdf2 prf " + params.path("prf").asText() + " is not hmac-sha256");
                    }
                    int c = params.path("c").asInt(0);
                    if (c < 1) {
                        throw invalid(file, "pbkdf2 iteration count c is invalid");
                    }
                    PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA256Digest());
                    gen.init(password, salt, c);
                    return ((KeyParameter) gen.generateDerivedParameters(dklen * 8)).getKey();
                }
                default:
                    throw invalid(file, "kdf " + kdf + " is not scrypt or pbkdf2");
            }
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private static byte[] aesCtr(int mode, byte[] key16, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(key16, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CTR is not available in this JVM: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(key16, (byte) 0);
        }
    }

    private static JsonNode readJson(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeyManagementException(Reason.NOT_FOUND, "keystore " + file
                    + " does not exist; create one with `fixbridge keystore create --file " + file
                    + "` or import a key with `fixbridge keystore import`", e);
        } catch (IOException e) {
            throw new KeyManagementException(Reason.IO, "cannot read keystore " + file + ": " + e, e);
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw invalid(file, "not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw invalid(file, "not valid JSON");
        }
    }

    private static byte[] hexField(Path file, JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isTextual()) {
            throw invalid(file, "field " + name + " is missing");
        }
        try {
            return Hex.decode(node.asText(), name);
        } catch (IllegalArgumentException e) {
            throw invalid(file, "field " + name + " is not hex");
        }
    }

    private static Path writeTemp(Path file, byte[] content) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp;
        try {
            Files.createDirectories(dir);
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
            tmp = posix
                    ? Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw new KeyManagementException(Reason.IO, "cannot create a temporary file next to keystore " + file + ": " + e, e);
        }
        try {
            Files.write(tmp, content);
            return tmp;
        } catch (IOException e) {
            deleteQuietly(tmp, e);
            throw new KeyManagementException(Reason.IO, "cannot write keystore " + file + ": " + e, e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static void deleteQuietly(Path tmp, Exception primary) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        Arrays.fill(buffer.array(), (byte) 0);
        return out;
    }

    private static KeyManagementException invalid(Path file, String what) {
        return new KeyManagementException(Reason.INVALID, "keystore " + file + " is not a valid V3 keystore: " + what);
    }
}
