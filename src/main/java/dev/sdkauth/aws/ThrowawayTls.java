package dev.sdkauth.aws;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * TLS for priming only, made in memory and thrown away with the priming: an RSA 2048 key (SSM's certificates are
 * RSA 2048, so the client verifies what it will verify with SSM), a certificate authority and a server certificate
 * for 127.0.0.1 it issues, both signed with that key (so the client validates a path, as it does SSM's chain), a
 * server context holding them and client contexts that trust that authority and nothing else. No keytool and no
 * file: the certificates are written here in DER. Fine for SnapStart uniqueness because nothing it makes outlives
 * the priming: the key authenticates nothing but the loopback peer of the priming, only the throwaway client
 * contexts trust it, and those are dropped with it (SECURITY.md, "SnapStart: what the snapshot may hold").
 */
final class ThrowawayTls {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SHA256_WITH_RSA = HEX.parseHex("300d06092a864886f70d01010b0500");
    private static final byte[] COMMON_NAME = HEX.parseHex("0603550403");
    /** basicConstraints, critical, cA TRUE */
    private static final byte[] AUTHORITY = HEX.parseHex("300f0603551d130101ff040530030101ff");
    /** subjectAltName, iPAddress 127.0.0.1 */
    private static final byte[] LOOPBACK = HEX.parseHex("300f0603551d110408300687047f000001");

    private final SSLContext server;
    private final TrustManager[] trust;
    private final X509Certificate[] chain;

    ThrowawayTls() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        Instant now = Instant.now();
        X509Certificate authority = certificate(1, "priming authority", "priming authority", AUTHORITY, key, now);
        X509Certificate server = certificate(2, "priming authority", "127.0.0.1", LOOPBACK, key, now);
        this.chain = new X509Certificate[] {server, authority};
        this.server = SSLContext.getInstance("TLS");
        this.server.init(new KeyManager[] {new OnlyKey(key.getPrivate(), chain)}, null, null);
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            trusted.load(null, null);
        } catch (java.io.IOException inMemory) {
            throw new GeneralSecurityException(inMemory);
        }
        trusted.setCertificateEntry("priming-authority", authority);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        this.trust = factory.getTrustManagers();
    }

    SSLContext server() {
        return server;
    }

    /** The server's certificate chain: trusted by {@link #client()}'s contexts only. */
    X509Certificate[] chain() {
        return chain.clone();
    }

    /**
     * A new client context for each call, as {@link ClientTls} makes one after a restore: it has no session to
     * resume, so every priming connection does the full handshake the first call after a restore does.
     */
    SSLSocketFactory client() throws GeneralSecurityException {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust, null);
        return client.getSocketFactory();
    }

    private static X509Certificate certificate(int serial, String issuer, String subject, byte[] extension,
                                               KeyPair key, Instant now) throws GeneralSecurityException {
        byte[] tbs = der(0x30,
                HEX.parseHex("a003020102"), der(0x02, new byte[] {(byte) serial}), SHA256_WITH_RSA, name(issuer),
                der(0x30, time(now.minus(Duration.ofHours(1))), time(now.plus(Duration.ofDays(1)))), name(subject),
                key.getPublic().getEncoded(), der(0xa3, der(0x30, extension)));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1]; // a leading 0: no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der(0x30, tbs, SHA256_WITH_RSA, der(0x03, bits))));
    }

    /** CN=name */
    private static byte[] name(String commonName) {
        return der(0x30, der(0x31, der(0x30, COMMON_NAME, der(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    /** UTCTime, YYMMDDHHMMSSZ */
    private static byte[] time(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        String text = String.format("%02d%02d%02d%02d%02d%02dZ", t.getYear() % 100, t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        return der(0x17, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** One DER element: tag, definite length, the parts' bytes. */
    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream element = new ByteArrayOutputStream(length + 4);
        element.write(tag);
        if (length < 0x80) {
            element.write(length);
        } else if (length < 0x100) {
            element.write(0x81);
            element.write(length);
        } else {
            element.write(0x82);
            element.write(length >> 8);
            element.write(length);
        }
        element.writeBytes(content.toByteArray());
        return element.toByteArray();
    }

    /** The server's one key and chain, whatever it is asked for. */
    private static final class OnlyKey extends X509ExtendedKeyManager {
        private static final String ALIAS = "priming";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        OnlyKey(PrivateKey key, X509Certificate... chain) {
            this.key = key;
            this.chain = chain;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return key.getAlgorithm().equals(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return chooseServerAlias(keyType, issuers, null);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }
}
