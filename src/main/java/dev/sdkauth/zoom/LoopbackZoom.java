package dev.sdkauth.zoom;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sdkauth.credentials.S2sCredentials;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Zoom's two Server-to-Server calls played by this process on loopback, so that the checkpoint hooks can run the
 * first ZAK request's path (the grant, the ZAK call, their JSON) before a SnapStart snapshot without contacting
 * Zoom. Plain HTTP: the JDK's TLS, which the real calls also use, is primed by the credential path already. Every
 * answer says {@code Connection: close}, so no connection to it is left in the JDK's keep-alive cache, and nothing
 * here is a secret: the client credentials, the access token and the "ZAK" are throwaway words.
 */
public final class LoopbackZoom implements AutoCloseable {
    private static final S2sCredentials THROWAWAY = new S2sCredentials("priming-account", "priming-client",
            "priming-only-not-a-secret");
    private final HttpServer server;

    private LoopbackZoom(HttpServer server) {
        this.server = server;
        server.createContext("/", this::answer);
        server.start();
    }

    public static LoopbackZoom start() throws IOException {
        return new LoopbackZoom(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /**
     * One ZAK the way the first real one is fetched: a new access-token cache, a grant, the ZAK call.
     *
     * @return whether it came back as the loopback Zoom answers it
     */
    public boolean primeOnce() {
        URI here = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ZoomHosts hosts = new ZoomHosts(here, here);
        try {
            return "priming-zak".equals(new ZakClient(new S2sTokens(() -> THROWAWAY, hosts, Clock.systemUTC()), hosts)
                    .zak("priming@example.invalid"));
        } catch (ZoomException unexpected) {
            return false;
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            byte[] body = (path.equals("/oauth/token")
                    ? "{\"access_token\":\"priming-access\",\"token_type\":\"bearer\",\"expires_in\":3599}"
                    : "{\"token\":\"priming-zak\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
