package dev.sdkauth.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Json;
import dev.sdkauth.testing.ZoomStandIn;
import dev.sdkauth.testing.ClientHelloTap;
import dev.sdkauth.testing.ContainerCredentialsStandIn;
import dev.sdkauth.testing.Events;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RuntimeApiStandIn;
import dev.sdkauth.testing.SelfSignedTls;
import dev.sdkauth.testing.SsmStandIn;
import dev.sdkauth.testing.TaskRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.sdkauth.testing.Assertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged function run the way Lambda runs it ({@link TaskRoot}: the unpacked jar under Lambda's own Java
 * runtime interface client, with the handler string from template.yaml and the managed runtime's JVM flags, against
 * a loopback Runtime API). Every file in events/ is one invocation. This proves the handler name, the event
 * hand-over and the init path as the cloud does them, which {@code invoke} (our own adapter) cannot.
 */
class RuntimeClientIT {
    private static final String SECRET = "runtime-client-secret-0123456789abcdefgh";
    private static final String TOKEN = "container-authorization-token";
    private static final Map<String, String> PARAMETERS = Map.of("/zoom/video-sdk/key", "VIDEO_KEY",
            "/zoom/video-sdk/secret", SECRET, "/zoom/meeting-sdk/key", "MEETING_KEY",
            "/zoom/meeting-sdk/secret", SECRET);
    private static TaskRoot taskRoot;

    @BeforeAll
    static void unpackTheDeploymentPackage() {
        taskRoot = TaskRoot.unpack();
    }

    @AfterAll
    static void removeIt() {
        taskRoot.close();
    }

    /**
     * Both ways Lambda starts a function: on demand, and under SnapStart, where the runtime client runs the
     * checkpoint hooks, asks for {@code /restore/next} and then runs the restore hooks. The credentials come as a
     * SnapStart function gets them (the container credentials endpoint, no key variables) and the SDK keys from SSM
     * over HTTPS, from a stand-in that checks every signature; the function's JVM trusts the stand-in's certificate
     * through a copy of its own cacerts. When {@code /restore/next} is called, nothing may have been fetched yet; the
     * one TLS connection to SSM offers no session to resume (the priming's throwaway TLS never reaches it).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"on-demand", "snap-start"})
    void everyEventFileIsAnsweredUnderLambdasRuntimeClient(String initializationType) throws Exception {
        List<Path> files = Events.files();
        SelfSignedTls tls = SelfSignedTls.get();
        try (RuntimeApiStandIn api = new RuntimeApiStandIn();
             SsmStandIn ssm = SsmStandIn.https(tls.serverContext());
             ClientHelloTap tap = new ClientHelloTap(Integer.parseInt(ssm.url().replaceAll(".*:", "")));
             ContainerCredentialsStandIn credentials = new ContainerCredentialsStandIn(TOKEN, ssm,
                     Clock.systemUTC())) {
            PARAMETERS.forEach(ssm::put);
            List<String> fetchedBeforeTheSnapshot = new java.util.concurrent.CopyOnWriteArrayList<>();
            api.onRestore(() -> fetchedBeforeTheSnapshot.add(credentials.fetches() + " credential fetches, "
                    + ssm.count() + " SSM calls"));
            Map<String, Path> byRequestId = new LinkedHashMap<>();
            for (Path file : files) {
                String requestId = "req-" + byRequestId.size();
                byRequestId.put(requestId, file);
                api.queue(requestId, Files.readString(file));
            }
            Map<String, String> env = new HashMap<>(Map.of(
                    // As a SnapStart function gets its role's credentials: no key variables, the container endpoint.
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.url(),
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN,
                    "AWS_ENDPOINT_URL_SSM", "https://127.0.0.1:" + tap.port()));
            env.putAll(Map.of("ZOOM_VIDEO_SDK_KEY_PARAMETER", "/zoom/video-sdk/key",
                    "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/zoom/video-sdk/secret",
                    "ZOOM_MEETING_SDK_KEY_PARAMETER", "/zoom/meeting-sdk/key",
                    "ZOOM_MEETING_SDK_SECRET_PARAMETER", "/zoom/meeting-sdk/secret"));
            Path out = Files.createTempFile("runtime", ".out");
            Path err = Files.createTempFile("runtime", ".err");
            long started = System.nanoTime();
            TaskRoot.Jdk jdk = taskRoot.java();
            Path trustStore = tls.trustStoreWithJdkRoots(jdk.java().getParent().getParent());
            Process process = taskRoot.start(api, jdk, initializationType, env,
                    List.of("-Djavax.net.ssl.trustStore=" + trustStore), out, err);
            try {
                for (Map.Entry<String, Path> invocation : byRequestId.entrySet()) {
                    String answer = api.response(invocation.getKey());
                    if (invocation.getKey().equals("req-0")) {
                        System.out.printf("RuntimeClientIT (%s, Java %d): process start to first response %d ms%n",
                                initializationType, jdk.feature(),
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    }
                    assertNotNull(answer, "no answer to " + invocation.getValue() + "; errors: " + api.errors
                            + "; standard error: " + Files.readString(err));
                    check(invocation.getValue(), Proxy.json(answer));
                }
            } finally {
                process.destroy();
                assertTrue(process.waitFor(20, TimeUnit.SECONDS));
            }
            assertEquals(List.of(), api.errors, "no init or invocation error reached the Runtime API");
            assertEquals(List.of(), ssm.problems(), "every SSM call was signed as SSM checks it");
            assertEquals(initializationType.equals("snap-start") ? List.of("0 credential fetches, 0 SSM calls")
                    : List.of(), fetchedBeforeTheSnapshot, "under SnapStart nothing is fetched before the restore");
            assertEquals(1, credentials.fetches(), "one credential fetch");
            assertEquals(1, ssm.count(), "one SSM call for both products");
            assertEquals(1, tap.hellos().size(), "one TLS connection to SSM");
            assertFalse(tap.hellos().get(0).offersSession(), "it resumes no session (in particular none of the"
                    + " priming's): " + tap.hellos().get(0));
            assertEquals(List.of(), tap.problems());
            String stderr = Files.readString(err);
            List<String> stdout = Files.readAllLines(out);
            assertEquals("", stderr, "nothing on standard error");
            assertEquals(files.size(), stdout.size(), "one line per invocation on standard output, and nothing"
                    + " from priming: " + stdout);
            for (int i = 0; i < stdout.size(); i++) {
                JsonNode line = Proxy.json(stdout.get(i));
                assertEquals("req-" + i, line.get("requestId").textValue(), "Lambda's request id reaches the log");
                assertTrue(line.has("_aws"), "each line is an EMF document as it is: " + line);
            }
            assertNoSecret("standard output", String.join("\n", stdout), SECRET);
        }
    }

    /**
     * Under Lambda's runtime client, through SnapStart's hooks: a ZAK beside the Meeting SDK signature from the Zoom
     * stand-in (and a user Zoom does not know: 404), and a deployed 503 that tells the caller only the kind of
     * failure and Lambda's request ID, while the log line holds the detail.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"on-demand", "snap-start"})
    void aZakAndADeployedFailureUnderLambdasRuntimeClient(String initializationType) throws Exception {
        try (RuntimeApiStandIn api = new RuntimeApiStandIn();
             ZoomStandIn zoom = ZoomStandIn.http().user("uid-gus", "gus@example.com")) {
            api.queue("zak-0", meetingEvent("gus@example.com"));
            api.queue("zak-1", meetingEvent("nobody@example.com"));
            api.queue("zak-2", Json.write(Map.of("httpMethod", "POST", "path", "/", "resource", "/",
                    "body", "{\"sessionName\":\"s\",\"role\":0}", "requestContext", Map.of("stage", "Prod"))));
            Map<String, String> env = new HashMap<>(zoom.environment());
            env.putAll(Map.of("ZOOM_MEETING_SDK_KEY", "MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", SECRET,
                    "ZAK_USERS", "*", "ANONYMOUS_HOST_TOKENS", "true"));
            Path out = Files.createTempFile("runtime", ".out");
            Path err = Files.createTempFile("runtime", ".err");
            Process process = taskRoot.start(api, taskRoot.java(), initializationType, env, List.of(), out, err);
            try {
                JsonNode zak = Proxy.json(api.response("zak-0"));
                assertEquals(200, zak.get("statusCode").intValue(), zak.toString());
                JsonNode body = Proxy.json(zak.get("body").textValue());
                Jwt.verify(body.get("signature").textValue(), SECRET);
                assertEquals("uid-gus", ZoomStandIn.uidOf(body.get("zak").textValue()));
                assertEquals(404, Proxy.json(api.response("zak-1")).get("statusCode").intValue());
                JsonNode failed = Proxy.json(api.response("zak-2"));
                assertEquals(503, failed.get("statusCode").intValue(), failed.toString());
                dev.sdkauth.testing.Assertions.assertDeployedFailure(Proxy.json(failed.get("body").textValue()),
                        "Credentials unavailable", "zak-2");
            } finally {
                process.destroy();
                assertTrue(process.waitFor(20, TimeUnit.SECONDS));
            }
            assertEquals(List.of(), api.errors);
            assertEquals(List.of(), zoom.problems());
            assertEquals(1, zoom.grants(), "one Server-to-Server grant, after the restore (priming never calls Zoom)");
            // The runtime client writes the function's log lines, as Lambda would ship them, to standard output.
            String logs = Files.readString(out) + Files.readString(err);
            assertTrue(logs.contains("Answering 503 (credentials_unavailable) to request zak-2")
                    && logs.contains("ZOOM_VIDEO_SDK_SECRET_PARAMETER"), "the log line holds the detail: " + logs);
            assertNoSecret("the logs", logs, SECRET, ZoomStandIn.CLIENT_SECRET, "standin-access-token");
        }
    }

    private static String meetingEvent(String zakUser) {
        return Json.write(Map.of("httpMethod", "POST", "path", "/meeting", "resource", "/meeting",
                "body", "{\"meetingNumber\":\"85746065432\",\"role\":1,\"zakUser\":\"" + zakUser + "\"}",
                "requestContext", Map.of("stage", "Prod")));
    }

    private static void check(Path file, JsonNode answer) {
        String name = file.getFileName().toString();
        int status = answer.get("statusCode").intValue();
        assertEquals(Events.deployedStatus(file), status, name + ": " + answer);
        assertEquals(name.startsWith("alb-"), answer.has("statusDescription"), name);
        JsonNode body = Proxy.json(answer.get("body").textValue());
        if (status == 200) {
            Jwt.verify(body.has("token") ? body.get("token").textValue() : body.get("signature").textValue(), SECRET);
        }
    }
}
