package dev.sdkauth.adversarial;

import dev.sdkauth.testing.Assertions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.testing.DirectHandler;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;

import java.time.Instant;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real handler with direct credentials, and the checks every answer to hostile input must pass. */
final class Handlers {
    static final String SECRET = "adversarial-secret-0123456789abcdefghij";
    static final Instant NOW = DirectHandler.NOW;

    private Handlers() {
    }

    static TokenHandler handler(RecordingLogger log) {
        return DirectHandler.of(SECRET, log);
    }

    /** The same handler with another secret: see {@link #assertNoLeak}. */
    static TokenHandler twin(RecordingLogger log) {
        return DirectHandler.of("twin-secret-for-the-leak-checks-9876543210", log);
    }

    /**
     * The secret in an answer or a log line is a leak unless the request itself carried it: errors quote what was
     * sent, and a fuzzer that sees the test compare with the secret soon sends it. So {@code twin} gives what a
     * {@link #twin} handler, which signs with another secret, answered and logged for the same input; it holds the
     * secret too only when the secret came from the input.
     */
    static void assertNoLeak(String what, String text, Supplier<String> twin) {
        if (text.contains(SECRET)) {
            assertTrue(twin.get().contains(SECRET), "the secret is in the " + what
                    + ", and not because the request sent it: " + text);
        }
    }

    /**
     * A 200 with a token that verifies, or a 4xx with a non-empty error list: JSON either way, never a 5xx, never
     * the secret. Answers the parsed body.
     */
    static JsonNode assertWellFormed(APIGatewayProxyResponseEvent response) {
        return assertWellFormed(response, () -> "");
    }

    /** The same, where the secret may be in the answer if the input carried it ({@link #assertNoLeak}). */
    static JsonNode assertWellFormed(APIGatewayProxyResponseEvent response, Supplier<String> twin) {
        int status = response.getStatusCode();
        assertTrue(status == 200 || status == 400 || status == 413, "status " + status + ": " + response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertNoLeak("answer", response.getBody(), twin);
        JsonNode body = Proxy.body(response);
        if (status == 200) {
            String token = body.has("signature") ? body.get("signature").textValue() : body.get("token").textValue();
            Jwt.verify(token, SECRET);
        } else {
            Assertions.assertErrorShape(body);
        }
        return body;
    }

    /**
     * The same for the handler's raw answer to any event, in whatever door's shape: JSON with a status, never a 5xx,
     * never the secret; a 204 (a preflight) without a body, a 200 with a token that verifies, any other status a 4xx
     * with errors. Answers the status. {@code twin} as for {@link #assertNoLeak}.
     */
    static int assertWellFormedEventAnswer(String raw, Supplier<String> twin) {
        assertNoLeak("answer", raw, twin);
        JsonNode answer = Proxy.json(raw);
        int status = answer.path("statusCode").asInt(-1);
        assertTrue(status == 200 || status == 204 || status >= 400 && status < 500, "status " + status + ": " + raw);
        JsonNode contentType = answer.has("multiValueHeaders")
                ? answer.at("/multiValueHeaders/Content-Type/0") : answer.at("/headers/Content-Type");
        assertEquals("application/json", contentType.textValue(), raw);
        assertFalse(answer.path("isBase64Encoded").asBoolean(), raw);
        if (status == 204) {
            assertFalse(answer.has("body"), raw);
            return status;
        }
        JsonNode body = Proxy.json(answer.get("body").textValue());
        if (status == 200) {
            String token = body.has("signature") ? body.get("signature").textValue() : body.get("token").textValue();
            Jwt.verify(token, SECRET);
        } else {
            Assertions.assertErrorShape(body);
        }
        return status;
    }
}
