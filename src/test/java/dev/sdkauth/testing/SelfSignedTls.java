package dev.sdkauth.testing;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made by the JDK's own keytool in a temporary directory
 * (once per test JVM): a server context for an HTTPS stand-in, and a client context that trusts it and nothing else.
 */
public final class SelfSignedTls {
    public static final String PASSWORD = "changeit";
    private static SelfSignedTls made;

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

    public static synchronized SelfSignedTls get() {
        if (made == null) {
            try {
                Path directory = Files.createTempDirectory("self-signed-tls");
                Path keyStore = directory.resolve("loopback.p12");
                Process keytool = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "loopback", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                        "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                        "-storepass", PASSWORD, "-keypass", PASSWORD))
                        .redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes());
                if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                made = new SelfSignedTls(keyStore);
            } catch (IOException | GeneralSecurityException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return made;
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
