package dev.sdkauth.aws;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS of the AWS calls in a process that is about to be snapshotted (SnapStart), installed as
 * HttpsURLConnection's default socket factory before the checkpoint hooks run anything over HTTPS. Its
 * {@link SSLContext} (with the context's SecureRandom and session cache) is made at the first connection, which is
 * after the restore, and {@link #prepareForSnapshot()} drops it again, with every socket it made; so no two restored
 * copies share a context, a session or a connection (SECURITY.md, "SnapStart: what the snapshot may hold"). What
 * it keeps across the snapshot are the JDK's trust managers over its default trust store: public certificates, the
 * same in every copy, read before the snapshot so that the first call after a restore does not read them again.
 *
 * <p>Why it is installed at all: HttpsURLConnection asks for its default factory with every connection it makes,
 * even one given a factory of its own, and the JDK's default would then build the process-wide default SSLContext,
 * before the snapshot, when priming makes its first HTTPS connection. The context made here is what the JDK's
 * default would be for this client (the default trust store, no client certificate, a new SecureRandom).
 */
final class ClientTls extends SSLSocketFactory {
    private static ClientTls installed;

    private TrustManager[] trust;
    private SSLContext context;
    private final List<WeakReference<Socket>> sockets = new ArrayList<>();

    private ClientTls() {
    }

    /**
     * Before a snapshot: makes this HttpsURLConnection's default factory (for good: after the restore it is the
     * AWS calls' TLS), reads the trust store the first time, and drops any context and closes any socket a call
     * before the snapshot left behind.
     */
    static synchronized ClientTls prepareForSnapshot() {
        if (installed == null) {
            installed = new ClientTls();
            installed.trustDefaults();
        }
        installed.forget();
        HttpsURLConnection.setDefaultSSLSocketFactory(installed);
        return installed;
    }

    /** The installed one, or null in a process that is not snapshotted. */
    static synchronized ClientTls installed() {
        return installed;
    }

    /** Whether it holds a context (and so, a SecureRandom and maybe sessions); false until its first connection. */
    synchronized boolean holdsContext() {
        return context != null;
    }

    /** Trusts the JDK's default trust store: what {@link #prepareForSnapshot()} reads once per process. */
    synchronized void trustDefaults() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            trust = factory.getTrustManagers();
        } catch (GeneralSecurityException unreadable) {
            // The context then reads the default store itself, after the restore, and the first call fails there
            // as it would with the JDK's default context.
            trust = null;
        }
        forget();
    }

    private synchronized void forget() {
        context = null;
        for (WeakReference<Socket> made : sockets) {
            Socket socket = made.get();
            if (socket != null) {
                try {
                    socket.close(); // the JDK's keep-alive cache then finds it closed and opens a new one
                } catch (IOException alreadyGone) {
                    // closed is what was wanted
                }
            }
        }
        sockets.clear();
    }

    private synchronized SSLSocketFactory factory() throws IOException {
        if (context == null) {
            try {
                SSLContext made = SSLContext.getInstance("TLS");
                made.init(null, trust, null);
                context = made;
            } catch (GeneralSecurityException unusable) {
                throw new IOException("cannot set up TLS: " + unusable.getClass().getSimpleName(), unusable);
            }
        }
        return context.getSocketFactory();
    }

    /**
     * Trusts what {@code store} holds instead, and forgets the context: for tests, whose SSM stand-ins have
     * certificates of their own. The function never calls it.
     */
    synchronized void trust(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        trust = factory.getTrustManagers();
        forget();
    }

    /**
     * Has the trust managers build what they build at their first validation (the JDK's validator over every
     * trust anchor, some 20 ms), by validating a chain they do not trust: the real first call after a restore then
     * finds it built. It holds only the trust anchors.
     */
    synchronized void prepareValidation(X509Certificate[] untrusted) {
        for (TrustManager manager : trust == null ? new TrustManager[0] : trust) {
            if (manager instanceof X509TrustManager x509) {
                try {
                    x509.checkServerTrusted(untrusted, "UNKNOWN");
                } catch (CertificateException | RuntimeException expected) {
                    // not trusted, as it should be: only the validator was wanted
                }
            }
        }
    }

    private synchronized Socket track(Socket socket) {
        for (int i = sockets.size() - 1; i >= 0; i--) { // a loop, not removeIf: no lambda to link after a restore
            if (sockets.get(i).get() == null) {
                sockets.remove(i);
            }
        }
        sockets.add(new WeakReference<>(socket));
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return track(factory().createSocket());
    }

    @Override
    public Socket createSocket(Socket layered, String host, int port, boolean autoClose) throws IOException {
        return track(factory().createSocket(layered, host, port, autoClose));
    }

    // The connected variants, which HttpsURLConnection does not use: each an unconnected socket, then connected.

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException failed) {
            socket.close();
            throw failed;
        }
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return suites(true);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return suites(false);
    }

    private String[] suites(boolean defaults) {
        try {
            SSLSocketFactory factory = factory();
            return defaults ? factory.getDefaultCipherSuites() : factory.getSupportedCipherSuites();
        } catch (IOException unusable) {
            return new String[0];
        }
    }
}
