package dev.sdkauth.credentials;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * One signed {@code AmazonSSM.GetParameters} request, and the plain HTTP exchange under it. Signing is the SDK's
 * standalone SigV4 signer ({@link AwsV4HttpSigner}); sending is the JDK's {@link HttpURLConnection}, which keeps
 * connections alive and sets up TLS (the default context) only when an https URL is first opened.
 */
final class SsmHttp {
    static final String TARGET = "AmazonSSM.GetParameters";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SsmHttp() {
    }

    /** What came back: status, body, and the two headers the caller reads. */
    record Reply(int status, byte[] body, String date, String errorType) {
    }

    /**
     * The request signed at {@code at}: Host, X-Amz-Date, Content-Type and X-Amz-Target (and X-Amz-Security-Token
     * for temporary credentials) are all signed, and so is the body's SHA-256 (payload signing is asked for even
     * over HTTPS, where the signer would otherwise send UNSIGNED-PAYLOAD, which not every service accepts).
     */
    static SdkHttpRequest sign(URI endpoint, String region, AwsCredentials credentials, byte[] body, Instant at) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", TARGET)
                .build();
        return SIGNER.sign(signing -> signing
                        .identity(credentials.identity())
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "ssm")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
                .request();
    }

    /** Sends the signed request with its body. */
    static Reply post(SdkHttpRequest signed, byte[] body, int connectTimeoutMillis, int readTimeoutMillis)
            throws IOException {
        return exchange(signed.getUri(), "POST", signed.headers(), body, connectTimeoutMillis, readTimeoutMillis);
    }

    /**
     * One HTTP exchange. The whole answer is read and its stream closed, which returns the connection to the
     * JDK's keep-alive cache; a failed one is dropped. Host is left to HttpURLConnection, which writes it as the
     * signer saw it (host, and :port unless the scheme's default).
     */
    static Reply exchange(URI uri, String method, Map<String, List<String>> headers, byte[] body,
                          int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
            headers.forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Host")) {
                    connection.setRequestProperty(name, String.join(",", values));
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
