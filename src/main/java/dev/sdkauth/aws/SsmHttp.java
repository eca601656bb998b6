package dev.sdkauth.aws;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * One signed {@code AmazonSSM.GetParameters} request, and the plain HTTP exchange under it. Signing is SigV4
 * ({@link SigV4Signer}); sending is the JDK's {@link HttpURLConnection}, which keeps connections alive and sets up
 * TLS (HttpsURLConnection's default factory, unless the caller gives one) only when an https URL is first opened.
 */
final class SsmHttp {
    static final String TARGET = "AmazonSSM.GetParameters";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private SsmHttp() {
    }

    /** What came back: status, body, and the two headers the caller reads. */
    record Reply(int status, byte[] body, String date, String errorType) {
    }

    /** The request as signed: where it goes and every header to send with it. */
    record Signed(URI uri, Map<String, String> headers) {
    }

    /**
     * The request signed at {@code at}: Content-Type and X-Amz-Target, and the signing headers (Host, X-Amz-Date,
     * X-Amz-Content-Sha256, X-Amz-Security-Token for temporary credentials) are all signed, and so is the body's
     * SHA-256 (payload signing, as the SDK's service clients do for SSM, even over HTTPS).
     */
    static Signed sign(URI endpoint, String region, AwsCredentials credentials, byte[] body, Instant at) {
        return new Signed(endpoint, SigV4Signer.sign(endpoint, Map.of("Content-Type", CONTENT_TYPE,
                "X-Amz-Target", TARGET), body, region, "ssm", credentials, at));
    }

    /** Sends the signed request with its body; {@code tls} null for HttpsURLConnection's default. */
    static Reply post(Signed signed, byte[] body, int connectTimeoutMillis, int readTimeoutMillis,
                      SSLSocketFactory tls) throws IOException {
        return exchange(signed.uri(), "POST", signed.headers(), body, connectTimeoutMillis, readTimeoutMillis, tls);
    }

    /**
     * One HTTP exchange. The whole answer is read and its stream closed, which returns the connection to the
     * JDK's keep-alive cache; a failed one is dropped. Host is left to HttpURLConnection, which writes it as the
     * signer saw it (host, and :port unless the scheme's default).
     */
    static Reply exchange(URI uri, String method, Map<String, String> headers, byte[] body,
                          int connectTimeoutMillis, int readTimeoutMillis, SSLSocketFactory tls) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            if (tls != null && connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(tls);
            }
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
            headers.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Host")) {
                    connection.setRequestProperty(name, value);
                }
            });
            if (body != null) {
                connection.setDoOutput(true);
                // Fixed length: no silent second POST by HttpURLConnection, so each attempt is one we counted.
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            byte[] answer;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Reply(status, answer, connection.getHeaderField("Date"),
                    connection.getHeaderField("x-amzn-ErrorType"));
        } catch (IOException failed) {
            connection.disconnect();
            throw failed;
        }
    }
}
