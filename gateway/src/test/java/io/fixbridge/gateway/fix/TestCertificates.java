package io.fixbridge.gateway.fix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key and trust stores for TLS tests, made at test time with the JDK's own keytool: EC P-256 key
 * pairs with self-signed certificates for 127.0.0.1 and localhost, valid two days, in PKCS12.
 */
public final class TestCertificates {
    private final Path dir;

    public TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A new key pair and self-signed certificate under {@code alias}, in {@code alias.p12}. */
    public Path keyPair(String alias, String password) throws IOException, InterruptedException {
        Path store = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", password, "-keypass", password);
        return store;
    }

    /** A trust store {@code name.p12} holding the certificates of the given key stores' aliases. */
    public Path trustStore(String name, String password, Entry... entries) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        for (Entry e : entries) {
            Path cert = dir.resolve(e.alias() + ".crt");
            keytool("-exportcert", "-alias", e.alias(), "-keystore", e.keyStore().toString(), "-storepass", e.password(),
                    "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", e.alias(), "-file", cert.toString(), "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", password);
        }
        return store;
    }

    /** A certificate to trust: the key store it is in, its alias and the store's password. */
    public record Entry(Path keyStore, String alias, String password) {
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool did not finish within 60 s: " + args[0]);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed (" + p.exitValue() + "): " + output);
        }
    }
}
