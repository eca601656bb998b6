package dev.sdkauth.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sdkauth.testing.SigV4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A front door on a loopback socket, as API Gateway stands before the function: OPTIONS passes unauthorized (as
 * the template's doors let preflights through), a POST only when it is authorized as the door's AuthMode wants,
 * and whatever passes is forwarded over HTTP to the real endpoint behind ({@code serve}'s server). A refused POST
 * is answered 403 {"message": ...} as API Gateway answers it.
 *
 * <p>For IAM the SigV4 signature is recomputed independently of the production signer, with {@link SigV4}: the
 * credential scope must be this door's region and service, and host and x-amz-date must be signed.
 */
final class FrontDoorStandIn implements AutoCloseable {
    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/,]+)/(\\d{8})/"
            + "([^/,]+)/([^/,]+)/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Headers the client writes itself, or that describe this hop only. */
    private static final Set<String> HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
            "expect", "upgrade", "keep-alive");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpServer server;
    private final URI backend;
    /** Why a POST is refused, or null to let it through. */
    private final Function<Request, String> authorizer;
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final List<String> passed = new CopyOnWriteArrayList<>();

    /** What the authorizer sees of a request. */
    record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private FrontDoorStandIn(URI backend, Function<Request, String> authorizer) {
        this.backend = backend;
        this.authorizer = authorizer;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    static FrontDoorStandIn apiKey(URI backend, String key) {
        return new FrontDoorStandIn(backend, request -> key.equals(request.header("x-api-key")) ? null
                : "Forbidden");
    }

    static FrontDoorStandIn bearer(URI backend, String token) {
        return new FrontDoorStandIn(backend, request -> ("Bearer " + token).equals(request.header("authorization"))
                ? null : "Unauthorized");
    }

    /** SigV4 for {@code service} in {@code region} with this one key pair. */
    static FrontDoorStandIn iam(URI backend, String region, String service, String accessKeyId, String secret) {
        return new FrontDoorStandIn(backend, request -> sigV4(request, region, service, accessKeyId, secret));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Each refused POST, with why. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** Each POST let through, by path. */
    List<String> passed() {
        return List.copyOf(passed);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), body);
            String refused = request.method().equals("OPTIONS") ? null : authorizer.apply(request);
            if (refused != null) {
                refusals.add(request.uri().getPath() + ": " + refused);
                answer(exchange, 403, Map.of("Content-Type", List.of("application/json")),
                        ("{\"message\":\"" + refused + "\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!request.method().equals("OPTIONS")) {
                passed.add(request.uri().getPath());
            }
            HttpResponse<byte[]> forwarded = forward(request);
            answer(exchange, forwarded.statusCode(), forwarded.headers().map(), forwarded.body());
        }
    }

    private HttpResponse<byte[]> forward(Request request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(backend.resolve(request.uri().getRawPath()))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", interrupted);
        }
    }

    private static void answer(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    /** Null when the request carries a good SigV4 signature; otherwise API Gateway's kind of reason. */
    private static String sigV4(Request request, String region, String service, String accessKeyId,
                                String secret) {
        String authorization = request.header("authorization");
        Matcher parts = AUTHORIZATION.matcher(authorization == null ? "" : authorization);
        if (!parts.matches()) {
            return "Missing Authentication Token";
        }
        String date = parts.group(2);
        List<String> signed = List.of(parts.group(5).split(";"));
        String amzDate = request.header("x-amz-date");
        if (!parts.group(1).equals(accessKeyId)) {
            return "The security token included in the request is invalid.";
        }
        if (!parts.group(3).equals(region) || !parts.group(4).equals(service)) {
            return "Credential should be scoped to a valid region and service, not " + parts.group(3) + "/"
                    + parts.group(4);
        }
        if (!signed.contains("host") || !signed.contains("x-amz-date") || amzDate == null
                || !amzDate.startsWith(date)) {
            return "host and x-amz-date must be signed, and X-Amz-Date be of the credential's day";
        }
        Instant signedAt = AMZ_DATE.parse(amzDate, Instant::from);
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
            return "Signature expired";
        }
        String canonical = SigV4.canonicalRequest(request.method(), request.uri().getRawPath(),
                request.uri().getRawQuery() == null ? "" : request.uri().getRawQuery(), request.headers(), signed,
                request.body());
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String expected = SigV4.signature(secret, date, region, service,
                SigV4.stringToSign(amzDate, scope, canonical));
        return expected.equals(parts.group(6)) ? null : "The request signature we calculated does not match the"
                + " signature you provided.";
    }
}
