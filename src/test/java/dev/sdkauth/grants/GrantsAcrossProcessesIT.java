package dev.sdkauth.grants;

import dev.sdkauth.testing.Await;
import dev.sdkauth.testing.Dynalite;
import dev.sdkauth.testing.ZoomStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@code serve} processes of the packaged jar share one grants table (dynalite), as two Lambda containers share
 * DynamoDB: a user authorizes through one while the other answers Zoom's callback, and after the access token has
 * run out, 24 concurrent bot requests spread over both get their OBF tokens with one refresh at Zoom.
 */
class GrantsAcrossProcessesIT {
    private static final String CALLBACK_SECRET = "across-processes-callback-secret-01";
    private static final String KEY = java.util.Base64.getEncoder().encodeToString("across-processes-key-32-bytes!!!".getBytes());
    private final Dynalite dynalite = Dynalite.start();
    private final String table = dynalite.createTableFromTemplate(Path.of("template.yaml"));
    // Zoom's tokens here live 62 s: within a minute of expiry the endpoint refreshes, so 2 s later it must.
    private final ZoomStandIn zoom = ZoomStandIn.http().user("uid-finn", "finn@example.com").consentAs("uid-finn")
            .expiresIn(62);
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        }
        zoom.close();
        dynalite.close();
        assertEquals(List.of(), zoom.problems());
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** {@code java -jar target/function.jar serve --port PORT}, listening, with the grants' settings. */
    private Process serve(int port, String publicUrl) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("ZOOM_OAUTH_URL", zoom.url(), "ZOOM_API_URL", zoom.url(),
                "ZOOM_MEETING_SDK_KEY", ZoomStandIn.USER_CLIENT_ID, "ZOOM_MEETING_SDK_SECRET", ZoomStandIn.USER_CLIENT_SECRET,
                "GRANTS_TABLE", table, "GRANTS_KEY", KEY, "CALLBACK_SECRET", CALLBACK_SECRET,
                "ZOOM_WEBHOOK_SECRET_TOKEN", "unused-webhook-secret", "PUBLIC_URL", publicUrl));
        env.putAll(Map.of("AWS_REGION", Dynalite.REGION, "AWS_ACCESS_KEY_ID", Dynalite.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", Dynalite.SECRET_ACCESS_KEY, "AWS_ENDPOINT_URL_DYNAMODB", dynalite.url()));
        Path err = Files.createTempFile("serve", ".err");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/function.jar", "serve", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        Await.until("serve on port " + port + " to listen", () -> {
            try {
                return Files.readString(err, StandardCharsets.UTF_8).contains("listening on");
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void authorizedOnOneAnsweredByTheOtherAndRacingRefreshesLoseNothing() throws Exception {
        int a = freePort();
        int b = freePort();
        // Both stand behind one public address, as containers behind API Gateway do: it names the redirect URI.
        String publicUrl = "http://127.0.0.1:" + a;
        serve(a, publicUrl);
        serve(b, publicUrl);
        String toZoom = get("http://127.0.0.1:" + a + "/oauth/authorize").headers().firstValue("Location").orElseThrow();
        String back = get(toZoom).headers().firstValue("Location").orElseThrow();
        assertTrue(back.startsWith(publicUrl + "/oauth/callback?code="), back);
        HttpResponse<String> connected = get(back.replace(publicUrl, "http://127.0.0.1:" + b));
        assertEquals(200, connected.statusCode(), connected.body());
        long authorizedAt = System.nanoTime();

        Await.until("the access token to be within a minute of its expiry",
                () -> System.nanoTime() - authorizedAt > Duration.ofSeconds(3).toNanos());
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int port = i % 2 == 0 ? a : b;
            requests.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/obf?user=finn%40example.com&meeting_number=8574606543" + (i % 10) + "&secret=" + CALLBACK_SECRET
                    + "&bot_id=bot-" + i)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> tokens = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> request : requests) {
            HttpResponse<String> answer = request.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(ZoomStandIn.obfUserAndMeeting(answer.body()).startsWith("uid-finn@85746065"), answer.body());
            tokens.add(answer.body());
        }
        assertEquals(24, tokens.size());
        assertTrue(zoom.refreshes() >= 1 && zoom.refreshes() <= 2, zoom.refreshes() + " refreshes at Zoom");
        HttpResponse<String> after = get("http://127.0.0.1:" + b + "/zak?user=uid-finn&secret=" + CALLBACK_SECRET);
        assertEquals(200, after.statusCode(), "the grant works afterwards: " + after.body());
    }
}
