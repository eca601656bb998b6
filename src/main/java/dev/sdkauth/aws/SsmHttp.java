package dev.sdkauth.aws;

import dev.sdkauth.Http;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * One signed {@code AmazonSSM.GetParameters} request, and the plain HTTP exchange under it. Signing is SigV4
 * ({@link SigV4Signer}); sending is the function's one HTTP exchange ({@link Http}), which keeps connections alive
 * and sets up TLS (HttpsURLConnection's default factory, unless the caller gives one) only when an https URL is
 * first opened.
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

    /** One exchange through the function's one HTTP client, with the two headers AWS answers the caller reads. */
    static Reply exchange(URI uri, String method, Map<String, String> headers, byte[] body,
                          int connectTimeoutMillis, int readTimeoutMillis, SSLSocketFactory tls) throws IOException {
        Http.Reply reply = Http.exchange(uri, method, headers, body, connectTimeoutMillis, readTimeoutMillis, tls);
        return new Reply(reply.status(), reply.body(), reply.header("date"), reply.header("x-amzn-errortype"));
    }
}
