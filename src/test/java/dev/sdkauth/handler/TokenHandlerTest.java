package dev.sdkauth.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenHandlerTest {
    static final String VIDEO_SECRET = "video-secret-for-tests-0123456789abcdef";
    static final String MEETING_SECRET = "meeting-secret-for-tests-0123456789abcd";
    static final Map<String, String> DIRECT_CREDENTIALS = Map.of(
            "ZOOM_VIDEO_SDK_KEY", "VIDEO_KEY", "ZOOM_VIDEO_SDK_SECRET", VIDEO_SECRET,
            "ZOOM_MEETING_SDK_KEY", "MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", MEETING_SECRET);

    private final RecordingLogger log = new RecordingLogger();
    private final List<APIGatewayProxyResponseEvent> responses = new ArrayList<>();
    private TokenHandler handler = handler(DIRECT_CREDENTIALS, false);

    private TokenHandler handler(Map<String, String> env, boolean allowDevelopment) {
        return new TokenHandler(Environment.of(env), allowDevelopment,
                new MutableClock(Instant.parse("2026-11-22T12:00:00Z")), log);
    }

    private APIGatewayProxyResponseEvent call(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        responses.add(response);
        return response;
    }

    /** Every answer, whatever went wrong, is JSON with CORS headers; every error has a reason; no secret leaks. */
    @AfterEach
    void everyResponseKeepsTheContract() {
        for (APIGatewayProxyResponseEvent response : responses) {
            assertEquals("application/json", response.getHeaders().get("Content-Type"));
            assertTrue(response.getHeaders().containsKey("Access-Control-Allow-Origin"));
            assertTrue(response.getStatusCode() < 500 || response.getStatusCode() == 503, "no 500: " + response);
            if (response.getStatusCode() >= 400) {
                JsonNode errors = Proxy.body(response).get("errors");
                assertTrue(errors.isArray() && !errors.isEmpty(), response.getBody());
                errors.forEach(error -> {
                    assertTrue(error.has("property"), error.toString());
                    assertFalse(error.get("reason").asText().isBlank(), error.toString());
                });
            }
            for (String secret : List.of(VIDEO_SECRET, MEETING_SECRET)) {
                assertFalse(String.valueOf(response.getBody()).contains(secret));
            }
        }
        assertFalse(log.all().contains(VIDEO_SECRET) || log.all().contains(MEETING_SECRET));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "events/video-sdk.json, 200",
            "events/video-sdk-seed.json, 200",
            "events/meeting-sdk.json, 200",
            "events/meeting-sdk-native.json, 200",
            "events/invalid-request.json, 400",
    })
    void sampleEventsGiveTheirDocumentedAnswers(String file, int status) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent(file);
        APIGatewayProxyResponseEvent response = call(event);
        assertEquals(status, response.getStatusCode(), response.getBody());
        JsonNode body = Proxy.body(response);
        if (file.contains("seed")) {
            Jwt.verify(body.get("token").textValue(), VIDEO_SECRET);
        } else if (file.contains("meeting")) {
            Jwt.verify(body.get("signature").textValue(), MEETING_SECRET);
        } else if (status == 200) {
            Jwt.verify(body.get("signature").textValue(), VIDEO_SECRET);
        }
    }

    @Test
    void theInvalidSampleNamesEveryBadProperty() {
        JsonNode errors = Proxy.body(call(EventLoader.loadApiGatewayRestEvent("events/invalid-request.json"))).get("errors");
        List<String> properties = new ArrayList<>();
        errors.forEach(error -> properties.add(error.get("property").textValue()));
        assertEquals(List.of("sessionName", "role", "expirationSeconds", "geoRegions"), properties);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/meeting/extra", "/Meeting", "/video"})
    void unknownPathsAre404(String path) {
        APIGatewayProxyResponseEvent response = call(Proxy.post(path, "{}"));
        assertEquals(404, response.getStatusCode());
        assertNull(Proxy.body(response).get("errors").get(0).get("property").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "HEAD", "get"})
    void otherMethodsAre405WithAllow(String method) {
        APIGatewayProxyResponseEvent response = call(Proxy.post("/meeting", null).withHttpMethod(method));
        assertEquals(405, response.getStatusCode());
        assertEquals("POST, OPTIONS", response.getHeaders().get("Allow"));
    }

    @Test
    void aMissingMethodOrANullEventIs405NotACrash() {
        assertEquals(405, call(new APIGatewayProxyRequestEvent().withPath("/")).getStatusCode());
        assertEquals(405, call(null).getStatusCode());
    }

    @Test
    void optionsAnswersThePreflight() {
        APIGatewayProxyResponseEvent response = call(new APIGatewayProxyRequestEvent().withHttpMethod("OPTIONS")
                .withPath("/").withHeaders(Map.of("origin", "https://app.example.com",
                        "access-control-request-method", "POST", "access-control-request-headers", "content-type,x-trace")));
        assertEquals(204, response.getStatusCode());
        assertEquals("*", response.getHeaders().get("Access-Control-Allow-Origin"));
        assertTrue(response.getHeaders().get("Access-Control-Allow-Methods").contains("POST"));
        assertEquals("content-type,x-trace", response.getHeaders().get("Access-Control-Allow-Headers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-a\u0001", "<script>", "x\"y"})
    void onlyHeaderNameListsAreEchoedInThePreflight(String requested) {
        APIGatewayProxyResponseEvent response = call(new APIGatewayProxyRequestEvent().withHttpMethod("OPTIONS")
                .withPath("/meeting").withHeaders(Map.of("Access-Control-Request-Headers", requested)));
        assertEquals(204, response.getStatusCode());
        assertTrue(response.getHeaders().get("Access-Control-Allow-Headers").startsWith("Content-Type"));
    }

    @Test
    void allowedOriginsListEchoesOnlyListedOrigins() {
        Map<String, String> env = new HashMap<>(DIRECT_CREDENTIALS);
        env.put("ALLOWED_ORIGINS", "https://app.example.com, https://admin.example.com");
        handler = handler(env, false);
        APIGatewayProxyResponseEvent listed = call(Proxy.post("/", "{}")
                .withHeaders(Map.of("ORIGIN", "https://admin.example.com")));
        assertEquals("https://admin.example.com", listed.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals("Origin", listed.getHeaders().get("Vary"));
        APIGatewayProxyResponseEvent other = call(Proxy.post("/", "{}")
                .withHeaders(Map.of("Origin", "https://evil.example.net")));
        assertEquals("https://app.example.com", other.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void originIsFoundInMultiValueHeadersToo() {
        Map<String, String> env = new HashMap<>(DIRECT_CREDENTIALS);
        env.put("ALLOWED_ORIGINS", "https://a.example,https://b.example");
        handler = handler(env, false);
        APIGatewayProxyResponseEvent response = call(Proxy.post("/", "{}").withHeaders(null)
                .withMultiValueHeaders(Map.of("origin", List.of("https://b.example"))));
        assertEquals("https://b.example", response.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void nullHeadersNullBodyAndNullFlagsWork() {
        APIGatewayProxyRequestEvent bare = new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/");
        APIGatewayProxyResponseEvent response = call(bare);
        assertEquals(400, response.getStatusCode());
        List<String> properties = new ArrayList<>();
        Proxy.body(response).get("errors").forEach(error -> properties.add(error.get("property").textValue()));
        assertEquals(List.of("sessionName", "role"), properties, "an empty body is judged as the official dialect");
        Map<String, String> nullValued = new HashMap<>();
        nullValued.put("Origin", null);
        assertEquals(200, call(Proxy.post("/meeting", null).withHeaders(nullValued)).getStatusCode());
    }

    @Test
    void base64BodiesAreDecoded() {
        String body = Base64.getEncoder().encodeToString("{\"sessionName\":\"Café\",\"role\":0}"
                .getBytes(StandardCharsets.UTF_8));
        APIGatewayProxyResponseEvent response = call(Proxy.post("/", body).withIsBase64Encoded(true));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("Café", Jwt.payload(Proxy.body(response).get("signature").textValue()).get("tpc").textValue());
        assertEquals(400, call(Proxy.post("/", "%%%").withIsBase64Encoded(true)).getStatusCode());
    }

    @Test
    void badBodiesGetJsonErrorsAndTheNextRequestStillWorks() {
        for (String bad : List.of("{", "[1,2]", "null", "{\"role\":1,\"role\":0}", "x".repeat(70_000),
                "{\"a\":" + "[".repeat(10_000))) {
            APIGatewayProxyResponseEvent response = call(Proxy.post("/", bad));
            assertTrue(response.getStatusCode() == 400 || response.getStatusCode() == 413, response.getBody());
            assertEquals(200, call(Proxy.post("/", "{\"sessionName\":\"ok\",\"role\":0}")).getStatusCode());
        }
        assertEquals(413, call(Proxy.post("/meeting", "{\"p\":\"" + "x".repeat(65_536) + "\"}")).getStatusCode());
    }

    @ParameterizedTest(name = "path {0}, resource {1}")
    @CsvSource(delimiter = '|', value = {"/meeting/|", "/auth/meeting|/meeting", "|/meeting"})
    void routesByResourceOrNormalisedPath(String path, String resource) {
        APIGatewayProxyResponseEvent response = call(Proxy.post(path, "{}").withResource(resource));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(Proxy.body(response).has("sdkKey"), "routed to the Meeting SDK");
    }

    @Test
    void insideLambdaNothingConfiguredIs503NotConfigured() {
        handler = handler(Map.of(), false);
        APIGatewayProxyResponseEvent response = call(Proxy.post("/", "{\"sessionName\":\"s\",\"role\":0}"));
        assertEquals(503, response.getStatusCode());
        String reason = Proxy.body(response).get("errors").get(0).get("reason").textValue();
        assertTrue(reason.contains("not configured") && reason.contains("ZOOM_VIDEO_SDK_SECRET_PARAMETER"), reason);
        assertEquals(400, call(Proxy.post("/", "{}")).getStatusCode(), "validation comes before credentials");
    }

    @Test
    void aHalfConfiguredProductNamesWhatIsMissingEvenLocally() {
        handler = handler(Map.of("ZOOM_MEETING_SDK_KEY", "K"), true);
        APIGatewayProxyResponseEvent response = call(Proxy.post("/meeting", "{}"));
        assertEquals(503, response.getStatusCode());
        assertTrue(response.getBody().contains("ZOOM_MEETING_SDK_SECRET"), response.getBody());
    }

    @Test
    void locallyNothingConfiguredSignsWithDevelopmentCredentials() {
        handler = handler(Map.of(), true);
        APIGatewayProxyResponseEvent response = call(Proxy.post("/", "{\"sessionName\":\"s\",\"role\":0}"));
        assertEquals(200, response.getStatusCode());
        String token = Proxy.body(response).get("signature").textValue();
        assertTrue(Jwt.payload(token).get("app_key").textValue().startsWith("development-"));
    }

    @Test
    void emptyVariablesCountAsUnset() {
        Map<String, String> env = new HashMap<>(DIRECT_CREDENTIALS);
        env.put("ZOOM_VIDEO_SDK_KEY_PARAMETER", "");
        env.put("ZOOM_VIDEO_SDK_SECRET_PARAMETER", " ");
        env.put("ALLOWED_ORIGINS", "");
        handler = handler(env, false);
        APIGatewayProxyResponseEvent response = call(Proxy.post("/", "{\"sessionName\":\"s\",\"role\":0}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("*", response.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void tokensAreNeverCached() {
        APIGatewayProxyResponseEvent response = call(Proxy.post("/", "{\"sessionName\":\"s\",\"role\":0}"));
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
    }
}
