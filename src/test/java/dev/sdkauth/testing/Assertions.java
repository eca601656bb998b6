package dev.sdkauth.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks many tests share, written once: no secret in an output, the error body's shape, the EMF line. */
public final class Assertions {
    private Assertions() {
    }

    /** Fails when any of {@code secrets} occurs in {@code output}; {@code where} names the output, never the secret. */
    public static void assertNoSecret(String where, String output, Collection<String> secrets) {
        if (output == null) {
            return;
        }
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty() && output.contains(secret)) {
                // The message must not quote the secret either: it would then be in the test report.
                throw new AssertionError("a secret (" + secret.length() + " characters) reached " + where);
            }
        }
    }

    public static void assertNoSecret(String where, String output, String... secrets) {
        assertNoSecret(where, output, List.of(secrets));
    }

    /**
     * The one error shape, {@code {"errors": [{"property": name-or-null, "reason": sentence}, ...]}}: a non-empty
     * list whose entries each have a property (possibly null) and a non-blank reason. Answers the list.
     */
    public static JsonNode assertErrorShape(JsonNode body) {
        JsonNode errors = body == null ? null : body.get("errors");
        assertTrue(errors != null && errors.isArray() && !errors.isEmpty(), "an error body: " + body);
        errors.forEach(error -> {
            assertTrue(error.has("property"), "property in " + error);
            assertTrue(error.get("property").isNull() || error.get("property").isTextual(), "property in " + error);
            assertTrue(error.hasNonNull("reason") && !error.get("reason").asText().isBlank(), "reason in " + error);
        });
        return errors;
    }

    /** {@link #assertErrorShape(JsonNode)} on a JSON text. */
    public static JsonNode assertErrorShape(String body) {
        return assertErrorShape(Proxy.json(body));
    }

    /** Words that describe how an endpoint is set up, which a deployed answer must never carry. */
    private static final List<String> SET_UP = List.of("SSM", "ssm", "/zoom/", "_PARAMETER", "AWS_", "amazonaws",
            "http://", "https://", "127.0.0.1", "localhost", "Exception", "kms", "KMS", ".aws", "profile", "MAX_ROLE",
            "SESSION_NAME_PATTERN", "HOST_ROLE", "BIND_USER_IDENTITY", "ZOOM_");

    /**
     * A deployed 5xx: the one error says what kind of failure it was ({@code kind}, e.g. "Credentials unavailable")
     * and gives the request ID, which is also beside the errors; nothing in it describes the set-up.
     */
    public static void assertDeployedFailure(JsonNode body, String kind, String requestId) {
        JsonNode errors = assertErrorShape(body);
        assertEquals(1, errors.size(), body.toString());
        String reason = errors.get(0).get("reason").asText();
        assertTrue(reason.startsWith(kind), "the kind of failure first: " + reason);
        assertTrue(reason.contains("request ID " + requestId), "the request ID in: " + reason);
        assertEquals(requestId == null ? "null" : requestId, body.get("requestId").asText(), body.toString());
        for (String word : SET_UP) {
            assertFalse(body.toString().contains(word), "\"" + word + "\" describes the set-up: " + body);
        }
    }

    /**
     * One request's log line as CloudWatch reads it: a JSON object with the request fields, and, for an issued
     * token or a rejection, an embedded-metric block naming the one metric the line sets to 1. Answers the line.
     */
    public static JsonNode assertRequestLine(String line) {
        JsonNode json = Proxy.json(line);
        assertTrue(json.isObject(), line);
        for (String field : List.of("door", "route", "outcome", "status", "latencyUs", "start")) {
            assertTrue(json.has(field), field + " in " + line);
        }
        String outcome = json.get("outcome").asText();
        if (outcome.equals("issued") || outcome.equals("rejected")) {
            String metric = outcome.equals("issued") ? "TokensIssued" : "Rejections";
            assertEquals(metric, json.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText(), line);
            assertEquals(1, json.get(metric).asInt(), line);
        } else {
            assertFalse(json.has("_aws"), "no metric for " + outcome + ": " + line);
        }
        return json;
    }
}
