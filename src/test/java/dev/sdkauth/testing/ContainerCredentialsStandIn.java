package dev.sdkauth.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The container credential endpoint a SnapStart function (or ECS/EKS task) fetches its AWS credentials from, on a
 * loopback socket: it insists on the Authorization header, and hands out temporary credentials that expire
 * {@code lifetime} after each fetch (by {@code clock}), new ones each time, each one registered with the SSM
 * stand-in so that requests signed with it pass there.
 */
public final class ContainerCredentialsStandIn implements AutoCloseable {
    public static final String PATH = "/2021-04-23/credentials";
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    /** The Authorization header of every request, as received. */
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Duration lifetime = Duration.ofHours(6);

    public ContainerCredentialsStandIn(String token, SsmStandIn ssm, Clock clock) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            byte[] answer;
            int status;
            if (!token.equals(authorization)) {
                status = 401;
                answer = "{\"message\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                int n = fetches.incrementAndGet();
                String id = String.format("ASIACONTAINER%04d", n);
                String secret = "container-secret-" + n + "-0123456789abcdef";
                String session = "container-session-token-" + n;
                ssm.allow(id, secret, session);
                status = 200;
                answer = ("{\"AccessKeyId\":\"" + id + "\",\"SecretAccessKey\":\"" + secret + "\",\"Token\":\""
                        + session + "\",\"Expiration\":\"" + clock.instant().plus(lifetime) + "\","
                        + "\"AccountId\":\"123456789012\"}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** AWS_CONTAINER_CREDENTIALS_FULL_URI */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    public void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    public int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
