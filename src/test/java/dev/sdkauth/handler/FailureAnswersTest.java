package dev.sdkauth.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.Mode;
import dev.sdkauth.testing.Assertions;
import dev.sdkauth.local.LocalContext;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures of the endpoint itself (5xx), both ways: deployed, the caller is a stranger and learns only the kind of
 * failure and the request ID, while the log line holds the detail; locally the operator reads the detail in the
 * answer. The request after a failure is answered as usual.
 */
class FailureAnswersTest {
    private static final String REQUEST_ID = "8f0c7a1e-5b2d-4c3e-9f1a-000000000001";
    private final RecordingLogger log = new RecordingLogger();

    private TokenHandler handler(Environment env, Mode mode) {
        return mode == Mode.LOCAL ? TokenHandler.local(env, new MutableClock(Instant.now()), log)
                : new TokenHandler(env, mode, new MutableClock(Instant.now()), log);
    }

    private static APIGatewayProxyResponseEvent call(TokenHandler handler, String path, String body) {
        return Proxy.call(handler, Proxy.post(path, body), new LocalContext(REQUEST_ID, null));
    }

    /** SSM unreachable: a closed loopback port. The detail names the parameters and the endpoint. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void credentialsUnavailable(Mode mode) throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "failure-test-secret-access-key", "AWS_ENDPOINT_URL_SSM",
                "http://127.0.0.1:" + closed, "ZOOM_VIDEO_SDK_KEY_PARAMETER", "/prod/zoom/key",
                "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/prod/zoom/secret"));
        TokenHandler handler = handler(Environment.of(env), mode);
        APIGatewayProxyResponseEvent response = call(handler, "/", "{\"sessionName\":\"s\",\"role\":0}");
        assertEquals(503, response.getStatusCode());
        String detail = log.last("ERROR Answering 503 (credentials_unavailable) to request " + REQUEST_ID);
        assertTrue(detail.contains("/prod/zoom/key") && detail.contains("127.0.0.1"), detail);
        judge(mode, Proxy.body(response), "Credentials unavailable", "/prod/zoom/key");
        Assertions.assertNoSecret("the log", log.all(), "failure-test-secret-access-key");
        assertEquals(400, call(handler, "/", "{}").getStatusCode(), "the next request is answered as usual");
    }

    /** A fault no input can cause, forced here by an environment that breaks once the handler is built. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void internalError(Mode mode) {
        AtomicBoolean broken = new AtomicBoolean();
        Map<String, String> env = Map.of("ZOOM_VIDEO_SDK_KEY_PARAMETER", "/k", "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/s");
        TokenHandler handler = handler(name -> {
            if (broken.get() && name.startsWith("AWS_")) {
                throw new IllegalStateException("marker-internal-detail");
            }
            return env.get(name);
        }, mode);
        broken.set(true);
        APIGatewayProxyResponseEvent response = call(handler, "/", "{\"sessionName\":\"s\",\"role\":0}");
        assertEquals(500, response.getStatusCode());
        String detail = log.last("ERROR Answering 500 (internal_error) to request " + REQUEST_ID);
        assertTrue(detail.contains("IllegalStateException"), detail);
        assertTrue(!log.all().contains("marker-internal-detail"), "an exception's message could echo input");
        judge(mode, Proxy.body(response), "Internal error", "IllegalStateException");
        broken.set(false);
        assertEquals(400, call(handler, "/", "{}").getStatusCode(), "the next request is answered as usual");
    }

    private static void judge(Mode mode, JsonNode body, String kind, String detail) {
        if (mode == Mode.DEPLOYED) {
            Assertions.assertDeployedFailure(body, kind, REQUEST_ID);
        } else {
            String reason = Assertions.assertErrorShape(body).get(0).get("reason").asText();
            assertTrue(reason.contains(detail), "locally the operator reads the cause: " + reason);
        }
    }
}
