package dev.sdkauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP exchange with the JDK's {@link HttpURLConnection}, for every outbound call the function makes (SSM, the
 * container credentials endpoint, Zoom). It keeps connections alive and sets up TLS (the default context) only when
 * an https URL is first opened, so a call that is never made costs nothing at start-up.
 */
public final class Http {
    private Http() {
    }

    /** What came back: the status, the whole body, and the headers by lower-cased name (first value of each). */
    public record Reply(int status, byte[] body, Map<String, String> headers) {
        public String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }
    }

    /**
     * One exchange. The whole answer is read and its stream closed, which returns the connection to the JDK's
     * keep-alive cache; a failed one is dropped. Host is left to HttpURLConnection, which writes it from the URI.
     * A body is sent with a fixed length, so HttpURLConnection never silently sends a POST twice.
     */
    public static Reply exchange(URI uri, String method, Map<String, String> headers, byte[] body,
                                 int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
        return exchange(uri, method, headers, body, connectTimeoutMillis, readTimeoutMillis, null);
    }

    /** @param tls the TLS to use instead of HttpsURLConnection's default (SnapStart priming's throwaway one), or null */
    public static Reply exchange(URI uri, String method, Map<String, String> headers, byte[] body,
                                 int connectTimeoutMillis, int readTimeoutMillis, SSLSocketFactory tls)
            throws IOException {
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
            Map<String, String> answerHeaders = new TreeMap<>();
            connection.getHeaderFields().forEach((name, values) -> {
                if (name != null && !values.isEmpty()) {
                    answerHeaders.putIfAbsent(name.toLowerCase(Locale.ROOT), values.get(0));
                }
            });
            return new Reply(status, answer, answerHeaders);
        } catch (IOException failed) {
            connection.disconnect();
            throw failed;
        }
    }
}
