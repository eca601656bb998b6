package dev.sdkauth.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sdkauth.request.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for API Gateway: each HTTP request becomes the REST API proxy event API Gateway would send,
 * and runs through the same handler. Built on the JDK's own HTTP server.
 */
public final class LocalServer implements AutoCloseable {
    private static final long API_GATEWAY_MAX_BODY = 10L * 1024 * 1024;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;
    private final LambdaLogger log;

    private LocalServer(HttpServer server,
                        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
                        LambdaLogger log) {
        this.server = server;
        this.handler = handler;
        this.log = log;
    }

    /** Starts serving on {@code host:port}; port 0 picks a free one (see {@link #port()}). */
    public static LocalServer start(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
                                    String host, int port, LambdaLogger log) throws IOException {
        LocalServer local = new LocalServer(HttpServer.create(new InetSocketAddress(host, port), 0), handler, log);
        local.server.createContext("/", local::exchange);
        local.server.setExecutor(local.workers);
        local.server.start();
        return local;
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
            APIGatewayProxyResponseEvent response =
                    handler.handleRequest(toEvent(exchange, requestId), new LocalContext(requestId, log));
            response.getHeaders().forEach(exchange.getResponseHeaders()::set);
            byte[] body = response.getBody() == null ? new byte[0] : Boolean.TRUE.equals(response.getIsBase64Encoded())
                    ? Base64.getDecoder().decode(response.getBody()) : response.getBody().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static APIGatewayProxyRequestEvent toEvent(HttpExchange exchange, String requestId) throws IOException {
        Map<String, String> headers = new HashMap<>();
        Map<String, List<String>> multiValueHeaders = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(0));
            multiValueHeaders.put(name, List.copyOf(values));
        });
        String path = exchange.getRequestURI().getPath();
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(exchange.getRequestMethod())
                .withPath(path)
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId(requestId)
                        .withStage("local")
                        .withHttpMethod(exchange.getRequestMethod())
                        .withPath(path)
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())));
        query(exchange.getRequestURI().getRawQuery(), event);
        byte[] body = readCapped(exchange.getRequestBody());
        if (body.length > 0) {
            try {
                event.setBody(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body)).toString());
                event.setIsBase64Encoded(false);
            } catch (CharacterCodingException binary) {
                // As API Gateway does for binary payloads.
                event.setBody(Base64.getEncoder().encodeToString(body));
                event.setIsBase64Encoded(true);
            }
        }
        return event;
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

    private static void query(String rawQuery, APIGatewayProxyRequestEvent event) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        Map<String, String> single = new HashMap<>();
        Map<String, List<String>> multi = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            single.put(name, value);
            multi.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        event.setQueryStringParameters(single);
        event.setMultiValueQueryStringParameters(multi);
    }
}
