package dev.sdkauth.local;

import dev.sdkauth.Text;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a browser front end sends: the CORS preflight, then the POST with its JSON body, its Origin and the
 * authorization of the endpoint's AuthMode. No redirect is followed (a front end's fetch would, but a token
 * endpoint that redirects is misconfigured, and check says so).
 */
final class FrontEnd {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** API Gateway gives up on an integration after 29 s; a Lambda cold start is well inside that. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    private final String origin;
    private final Authorization authorization;

    FrontEnd(String origin, Authorization authorization) {
        this.origin = origin;
        this.authorization = authorization;
    }

    /** An answer: its status, headers and body. */
    record Answer(int status, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** The headers a preflight asks leave for: Content-Type and those of the AuthMode, as a browser lists them. */
    List<String> requestedHeaders() {
        List<String> names = new java.util.ArrayList<>(List.of("content-type"));
        names.addAll(authorization.requestedHeaders());
        return names;
    }

    /** The preflight a browser sends before a JSON POST: never with credentials. */
    Answer preflight(URI url) throws Unreachable {
        return send(HttpRequest.newBuilder(url).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", String.join(",", requestedHeaders())), url);
    }

    Answer post(URI url, String json) throws Unreachable, CommandFailure {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Origin", origin);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        authorization.headers(url, headers, body).forEach(request::header);
        return send(request, url);
    }

    /** No answer at all: why, in words, with what to check. */
    static final class Unreachable extends Exception {
        Unreachable(String reason) {
            super(reason, null, false, false);
        }
    }

    private Answer send(HttpRequest.Builder request, URI url) throws Unreachable {
        String where = url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        try {
            // Resolved first, so that a wrong host name is said as such rather than as a failed connection.
            InetAddress.getByName(url.getHost());
            HttpResponse<String> response = client.send(request.timeout(ANSWER_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (UnknownHostException unknown) {
            throw new Unreachable("cannot resolve the host " + Text.clip(url.getHost(), 100) + ": check the URL"
                    + " (the stack's VideoSdkEndpoint output) and this machine's DNS.");
        } catch (HttpConnectTimeoutException slow) {
            throw new Unreachable("no connection to " + where + " within " + CONNECT_TIMEOUT.toSeconds() + " s: a"
                    + " firewall, a private (VPC-only) endpoint, or the wrong port?");
        } catch (HttpTimeoutException slow) {
            throw new Unreachable("no answer from " + where + " within " + ANSWER_TIMEOUT.toSeconds() + " s: the"
                    + " endpoint accepted the connection but never answered.");
        } catch (ConnectException refused) {
            throw new Unreachable("nothing answers at " + where + " (connection refused): is the endpoint running,"
                    + " and the URL's port right?");
        } catch (SSLException tls) {
            throw new Unreachable("the TLS handshake with " + where + " failed (" + Text.clip(tls.getMessage(), 120)
                    + "): is it https on that port, with a certificate this JVM trusts?");
        } catch (IOException broken) {
            throw new Unreachable("the exchange with " + where + " failed: " + broken.getClass().getSimpleName()
                    + " " + Text.clip(broken.getMessage(), 120) + ".");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while waiting for " + where + ".");
        }
    }
}
