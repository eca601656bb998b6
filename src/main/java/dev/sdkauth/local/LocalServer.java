package dev.sdkauth.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sdkauth.handler.Door;
import dev.sdkauth.handler.HttpRequest;
import dev.sdkauth.handler.Response;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.request.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for API Gateway: each HTTP request is handed to the same handler the function runs, as the
 * request an event would have carried. Built on the JDK's own HTTP server.
 */
public final class LocalServer implements AutoCloseable {
    static {
        // The JDK server leaves Nagle's algorithm on, so on a kept-alive connection each answer waited ~40 ms for
        // the client's delayed ACK. The server reads this once, when its first instance is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final long API_GATEWAY_MAX_BODY = 10L * 1024 * 1024;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private volatile TokenHandler handler;

    private LocalServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving on {@code host:port}; port 0 picks a free one (see {@link #port()}). */
    public static LocalServer start(TokenHandler handler, String host, int port) throws IOException {
        return bind(new InetSocketAddress(host, port)).serve(handler);
    }

    /**
     * Takes the address without serving yet, so that a port in use is known before the handler starts fetching
     * credentials.
     */
    static LocalServer bind(InetSocketAddress address) throws IOException {
        return new LocalServer(HttpServer.create(address, 0));
    }

    /** Hands every request to {@code handler} from now on. */
    LocalServer serve(TokenHandler handler) {
        this.handler = handler;
        server.createContext("/", this::exchange);
        server.setExecutor(workers);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            Response response = handler.handle(toRequest(exchange, requestId), requestId);
            response.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static HttpRequest toRequest(HttpExchange exchange, String requestId) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        byte[] bytes = readCapped(exchange.getRequestBody());
        String body = null;
        boolean base64 = false;
        if (bytes.length > 0) {
            try {
                body = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException binary) {
                // As API Gateway does for binary payloads.
                body = Base64.getEncoder().encodeToString(bytes);
                base64 = true;
            }
        }
        String host = headers.get("host");
        return HttpRequest.from(Door.LOCAL).method(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                .path(exchange.getRequestURI().getPath()).headers(headers).body(body, base64).apiRequestId(requestId)
                .query(query(exchange.getRequestURI().getRawQuery()))
                .origin(host != null && host.matches("[A-Za-z0-9.:\\[\\]-]+") ? "http://" + host : null).build();
    }

    /** A raw query string's parameters, decoded, the first value of each. */
    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                try {
                    query.putIfAbsent(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    // a broken percent-escape: that parameter is left out, as if it had not been sent
                }
            }
        }
        return query;
    }

    /**
     * Keeps one byte past the limit at most: enough for the handler to answer 413, never a flood in memory. The rest
     * of an oversized body is read and dropped (up to API Gateway's own 10 MB cap) so the client, still sending,
     * receives the 413 rather than a reset connection.
     */
    private static byte[] readCapped(InputStream in) throws IOException {
        byte[] kept = in.readNBytes(RequestBody.MAX_BYTES + 1);
        if (kept.length > RequestBody.MAX_BYTES) {
            byte[] discard = new byte[8192];
            long dropped = 0;
            int read;
            while (dropped < API_GATEWAY_MAX_BODY && (read = in.read(discard)) != -1) {
                dropped += read;
            }
        }
        return kept;
    }
}
