package dev.sdkauth.testing;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made by the JDK's own keytool in a temporary directory
 * (once per test JVM and key type): a server context for an HTTPS stand-in, and a client context that trusts it and
 * nothing else.
 */
public final class SelfSignedTls {
    public static final String PASSWORD = "changeit";
    private static SelfSignedTls made;
    private static SelfSignedTls madeRsa;

    private final Path keyStore;
    private final SSLContext server;
    private final SSLContext client;

    private SelfSignedTls(Path keyStore) throws IOException, GeneralSecurityException {
        this.keyStore = keyStore;
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        server = SSLContext.getInstance("TLS");
        server.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);
    }

    /** An EC (P-256) certificate: quick to make. */
    public static synchronized SelfSignedTls get() {
        if (made == null) {
            made = make("-keyalg", "EC", "-groupname", "secp256r1");
        }
        return made;
    }

    /** An RSA 2048 certificate, the kind SSM's endpoints present: for measuring a TLS handshake as with SSM. */
    public static synchronized SelfSignedTls rsa() {
        if (madeRsa == null) {
            madeRsa = make("-keyalg", "RSA", "-keysize", "2048");
        }
        return madeRsa;
    }

    private static SelfSignedTls make(String... keyType) {
        try {
            Path directory = Files.createTempDirectory("self-signed-tls");
            Path keyStore = directory.resolve("loopback.p12");
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                    "-alias", "loopback"));
            command.addAll(List.of(keyType));
            command.addAll(List.of("-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                    "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-keypass", PASSWORD));
            Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return new SelfSignedTls(keyStore);
        } catch (IOException | GeneralSecurityException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A trust store for a JVM that should reach this stand-in as it reaches AWS: the given JDK's own cacerts with
     * this certificate added, so that a store of the usual size is loaded, and without a password, as the default
     * store is (with one, the JDK also checks the whole store's integrity, work a Lambda function never does).
     * Usable as -Djavax.net.ssl.trustStore.
     */
    public Path trustStoreWithJdkRoots(Path javaHome) {
        try {
            KeyStore roots = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(javaHome.resolve("lib/security/cacerts"))) {
                roots.load(in, null);
            }
            // JKS keeps certificates in the clear, so the store loads without a password (the JDK reads it as
            // PKCS12's compatible format); a PKCS12 store written by JDK 17 protects them with its password.
            KeyStore trusted = KeyStore.getInstance("JKS");
            trusted.load(null, null);
            for (String alias : Collections.list(roots.aliases())) {
                trusted.setCertificateEntry(alias, roots.getCertificate(alias));
            }
            KeyStore own = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                own.load(in, PASSWORD.toCharArray());
            }
            trusted.setCertificateEntry("stand-in-loopback", own.getCertificate("loopback"));
            Path store = keyStore.resolveSibling("cacerts-and-loopback.jks");
            try (OutputStream out = Files.newOutputStream(store)) {
                trusted.store(out, PASSWORD.toCharArray());
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public SSLContext serverContext() {
        return server;
    }

    /** A PKCS12 store holding the certificate (and its key): usable as -Djavax.net.ssl.trustStore. */
    public Path keyStore() {
        return keyStore;
    }

    /**
     * Makes HttpsURLConnection trust this certificate (only) until the returned handle is closed, which restores the
     * default factory: what the production client uses, untouched.
     */
    public AutoCloseable trustedByHttpsUrlConnection() {
        SSLSocketFactory previous = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(client.getSocketFactory());
        return () -> HttpsURLConnection.setDefaultSSLSocketFactory(previous);
    }
}
