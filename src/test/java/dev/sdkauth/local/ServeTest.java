package dev.sdkauth.local;

import dev.sdkauth.testing.Await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code serve} started through the CLI entry point on a free port, driven over real sockets. */
class ServeTest {
    private static final String SECRET = "serve-test-secret-0123456789abcdefghijkl";
    private static final CountDownLatch STOP = new CountDownLatch(1);
    private static final ByteArrayOutputStream ERR = new ByteArrayOutputStream();
    private static final ExecutorService MAIN = Executors.newSingleThreadExecutor();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Future<Integer> exit;
    private static URI base;

    @BeforeAll
    static void serve() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Environment env = Environment.of(Map.of("ZOOM_VIDEO_SDK_KEY", "LOCAL_KEY", "ZOOM_VIDEO_SDK_SECRET", SECRET));
        PrintStream err = new PrintStream(ERR, true, StandardCharsets.UTF_8);
        exit = MAIN.submit(() -> Main.run(new String[]{"serve", "--port", String.valueOf(port)},
                new ByteArrayInputStream(new byte[0]), System.out, err, env, STOP));
        base = URI.create("http://127.0.0.1:" + port);
        Await.until("serve to listen", () -> ERR.toString(StandardCharsets.UTF_8).contains("listening"));
    }

    @AfterAll
    static void stop() throws Exception {
        STOP.countDown();
        assertEquals(0, exit.get());
        MAIN.shutdown();
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void announcesWhereItListensAndTheDevelopmentFallback() {
        String said = ERR.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("listening on " + base), said);
        assertTrue(said.contains("DEVELOPMENT credentials") && said.contains("Meeting SDK"), said);
        assertTrue(!said.contains("no Video SDK credentials"), "the Video SDK is configured here");
    }

    @Test
    void postRootIssuesAVideoSdkToken() throws Exception {
        HttpResponse<String> response = send("POST", "/", "{\"sessionName\":\"Cool Cars\",\"role\":1}",
                "Content-Type", "application/json", "Origin", "http://localhost:3000");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        String token = Proxy.json(response.body()).get("signature").textValue();
        Jwt.verify(token, SECRET);
        assertEquals("LOCAL_KEY", Jwt.payload(token).get("app_key").textValue());
    }

    @Test
    void postMeetingIssuesAMeetingSdkTokenWithDevelopmentCredentials() throws Exception {
        HttpResponse<String> response = send("POST", "/meeting", "{\"meetingNumber\":\"123456789\",\"role\":0}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = Proxy.json(response.body());
        assertTrue(body.get("sdkKey").textValue().startsWith("development-"));
    }

    @Test
    void theRestOfTheContractHoldsOverHttp() throws Exception {
        assertEquals(204, send("OPTIONS", "/", null, "Origin", "http://x", "Access-Control-Request-Method", "POST")
                .statusCode());
        HttpResponse<String> get = send("GET", "/", null);
        assertEquals(405, get.statusCode());
        assertEquals("POST, OPTIONS", get.headers().firstValue("Allow").orElse(""));
        assertEquals(404, send("POST", "/nowhere", "{}").statusCode());
        HttpResponse<String> malformed = send("POST", "/", "{not json");
        assertEquals(400, malformed.statusCode());
        assertEquals("application/json", malformed.headers().firstValue("Content-Type").orElse(""));
        assertTrue(Proxy.json(malformed.body()).get("errors").get(0).get("reason").textValue().contains("JSON"));
    }

    @Test
    void oversizedAndBinaryBodiesAreAnsweredAndTheServerKeepsServing() throws Exception {
        assertEquals(413, send("POST", "/", "{\"p\":\"" + "x".repeat(200_000) + "\"}").statusCode());
        HttpRequest binary = HttpRequest.newBuilder(base.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{(byte) 0xff, (byte) 0xfe, 0x00, 0x7b}))
                .build();
        assertEquals(400, HTTP.send(binary, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, send("POST", "/?debug=1", "{\"sessionName\":\"after\",\"role\":0}").statusCode());
    }

    /**
     * Two requests on one kept-alive connection, written and read on a raw socket, both answered. The server sets
     * TCP_NODELAY on its sockets (without it each answer after the first waited ~40 ms for a delayed ACK; the
     * latency is measured in docs/performance.md, not asserted here).
     */
    @Test
    void aKeptAliveConnectionServesRequestAfterRequest() throws Exception {
        assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"), "set before the server was created");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String session : new String[] {"first", "second", "third"}) {
                String body = "{\"sessionName\":\"" + session + "\",\"role\":0}";
                out.write(("POST / HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertTrue(!head.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), head);
                Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
                assertTrue(length.find(), head);
                String answer = new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
                String token = Proxy.json(answer).get("signature").textValue();
                Jwt.verify(token, SECRET);
                assertEquals(session, Jwt.payload(token).get("tpc").textValue());
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) next);
        }
        return head.toString();
    }
}
