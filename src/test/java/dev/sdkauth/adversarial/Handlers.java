package dev.sdkauth.adversarial;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.testing.DirectHandler;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;

import java.time.Instant;

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

    /**
     * A 200 with a token that verifies, or a 4xx with a non-empty error list: JSON either way, never a 5xx, never
     * the secret. Answers the parsed body.
     */
    static JsonNode assertWellFormed(APIGatewayProxyResponseEvent response) {
        int status = response.getStatusCode();
        assertTrue(status == 200 || status == 400 || status == 413, "status " + status + ": " + response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertFalse(response.getBody().contains(SECRET));
        JsonNode body = Proxy.body(response);
        if (status == 200) {
            String token = body.has("signature") ? body.get("signature").textValue() : body.get("token").textValue();
            Jwt.verify(token, SECRET);
        } else {
            assertTrue(body.get("errors").isArray() && !body.get("errors").isEmpty(), response.getBody());
            body.get("errors").forEach(error -> assertFalse(error.get("reason").textValue().isBlank()));
        }
        return body;
    }

    /**
     * The same for the handler's raw answer to any event, in whatever door's shape: JSON with a status, never a 5xx,
     * never the secret; a 204 (a preflight) without a body, a 200 with a token that verifies, any other status a 4xx
     * with errors. Answers the status.
     */
    static int assertWellFormedEventAnswer(String raw) {
        assertFalse(raw.contains(SECRET));
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
            assertTrue(body.get("errors").isArray() && !body.get("errors").isEmpty(), raw);
            body.get("errors").forEach(error -> assertFalse(error.get("reason").textValue().isBlank(), raw));
        }
        return status;
    }
}
