package dev.sdkauth.handler;

import dev.sdkauth.testing.Assertions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.Mode;
import dev.sdkauth.testing.Events;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private TokenHandler handler = handler(DIRECT_CREDENTIALS, Mode.DEPLOYED);

    private TokenHandler handler(Map<String, String> env, Mode mode) {
        return new TokenHandler(Environment.of(env), mode,
                new MutableClock(Instant.parse("2026-11-22T12:00:00Z")), log);
    }

    private APIGatewayProxyResponseEvent call(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = Proxy.call(handler, event);
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
                Assertions.assertErrorShape(Proxy.body(response));
            }
            Assertions.assertNoSecret("an answer", response.getBody(), VIDEO_SECRET, MEETING_SECRET);
        }
        Assertions.assertNoSecret("the log", log.all(), VIDEO_SECRET, MEETING_SECRET);
    }

    /**
     * Every file in events/, whatever door it comes from (REST API, HTTP API, function URL, load balancer), gets its
     * answer in that door's shape: a token signed with its product's secret, or for the invalid sample a 400.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.sdkauth.testing.Events#files")
    void everySampleEventGetsItsDocumentedAnswerInItsDoorsShape(Path file) throws IOException {
        String name = file.getFileName().toString();
        JsonNode answer = Proxy.json(Proxy.invoke(handler, Files.readString(file), null));
        int status = answer.get("statusCode").intValue();
        assertEquals(Events.deployedStatus(file), status, answer.toString());
        assertEquals(false, answer.get("isBase64Encoded").booleanValue());
        assertEquals(name.startsWith("alb-"), answer.has("statusDescription"), "only a load balancer wants one");
        boolean multiValue = name.contains("multivalue");
        assertEquals(multiValue, answer.has("multiValueHeaders"));
        assertEquals(!multiValue, answer.has("headers"));
        JsonNode headers = multiValue ? answer.get("multiValueHeaders") : answer.get("headers");
        String contentType = multiValue ? headers.get("Content-Type").get(0).textValue()
                : headers.get("Content-Type").textValue();
        assertEquals("application/json", contentType);
        assertTrue(headers.has("Access-Control-Allow-Origin"));
        JsonNode body = Proxy.json(answer.get("body").textValue());
        if (status == 200) {
            String token = body.has("token") ? body.get("token").textValue() : body.get("signature").textValue();
            Jwt.verify(token, name.contains("meeting") ? MEETING_SECRET : VIDEO_SECRET);
            assertEquals(name.contains("meeting"), body.has("sdkKey"));
        } else {
            Assertions.assertErrorShape(body);
        }
        Assertions.assertNoSecret("an answer", answer.toString(), VIDEO_SECRET, MEETING_SECRET);
    }

    @Test
    void anHttpApiJwtAuthorizersListClaimGrantsTheHostRole() throws IOException {
        Map<String, String> env = new HashMap<>(DIRECT_CREDENTIALS);
        env.putAll(Map.of("HOST_ROLE_CLAIM", "cognito:groups", "HOST_ROLE_VALUE", "hosts"));
        handler = handler(env, Mode.DEPLOYED);
        String event = Files.readString(Path.of("events/http-api-meeting-sdk-jwt.json"));
        JsonNode answer = Proxy.json(Proxy.invoke(handler, event, null));
        assertEquals(200, answer.get("statusCode").intValue(), answer.toString());
        String token = Proxy.json(answer.get("body").textValue()).get("signature").textValue();
        assertEquals(1, Jwt.payload(token).get("role").intValue());
        env.put("HOST_ROLE_VALUE", "admins-only");
        handler = handler(env, Mode.DEPLOYED);
        assertEquals(403, Proxy.json(Proxy.invoke(handler, event, null)).get("statusCode").intValue());
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

    /** A browser reads the 404 that follows only if the preflight passed, so every path answers it. */
    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/meeting/extra", "/oauth/whatever", "/favicon.ico"})
    void optionsOnAnyPathAnswersThePreflightAndThePostAfterItIsAJson404(String path) {
        APIGatewayProxyResponseEvent preflight = call(new APIGatewayProxyRequestEvent().withHttpMethod("OPTIONS")
                .withPath(path).withHeaders(Map.of("origin", "https://app.example.com",
                        "access-control-request-method", "POST")));
        assertEquals(204, preflight.getStatusCode());
        assertEquals("*", preflight.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals(404, call(Proxy.post(path, "{}")).getStatusCode());
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
        handler = handler(env, Mode.DEPLOYED);
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
        handler = handler(env, Mode.DEPLOYED);
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
        handler = handler(Map.of(), Mode.DEPLOYED);
        APIGatewayProxyResponseEvent response = call(Proxy.post("/", "{\"sessionName\":\"s\",\"role\":0}"));
        assertEquals(503, response.getStatusCode());
        Assertions.assertDeployedFailure(Proxy.body(response), "Credentials unavailable", null);
        String reason = log.last("ERROR Answering 503 (credentials_unavailable)");
        assertTrue(reason.contains("not configured") && reason.contains("ZOOM_VIDEO_SDK_SECRET_PARAMETER"), reason);
        assertEquals(400, call(Proxy.post("/", "{}")).getStatusCode(), "validation comes before credentials");
    }

    @Test
    void aHalfConfiguredProductNamesWhatIsMissingEvenLocally() {
        handler = handler(Map.of("ZOOM_MEETING_SDK_KEY", "K"), Mode.LOCAL);
        APIGatewayProxyResponseEvent response = call(Proxy.post("/meeting", "{}"));
        assertEquals(503, response.getStatusCode());
        assertTrue(response.getBody().contains("ZOOM_MEETING_SDK_SECRET"), response.getBody());
    }

    @Test
    void locallyNothingConfiguredSignsWithDevelopmentCredentials() {
        handler = handler(Map.of(), Mode.LOCAL);
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
        handler = handler(env, Mode.DEPLOYED);
        APIGatewayProxyResponseEvent response = call(Proxy.post("/", "{\"sessionName\":\"s\",\"role\":0}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("*", response.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void tokensAreNeverCached() {
        APIGatewayProxyResponseEvent response = call(Proxy.post("/", "{\"sessionName\":\"s\",\"role\":0}"));
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
    }

    @ParameterizedTest(name = "ISSUED_AT_LEEWAY_SECONDS={0} -> iat {1} s before now")
    @CsvSource(delimiter = '|', value = {"|30", "0|0", "300|300", "' 45 '|45", "301|30", "-1|30", "abc|30", "1.5|30"})
    void iatIsBackdatedAsConfiguredAndABadSettingFallsBackLoudly(String setting, long backdated) {
        Map<String, String> env = new HashMap<>(DIRECT_CREDENTIALS);
        if (setting != null) {
            env.put("ISSUED_AT_LEEWAY_SECONDS", setting);
        }
        handler = handler(env, Mode.DEPLOYED);
        long now = Instant.parse("2026-11-22T12:00:00Z").getEpochSecond();
        for (String path : List.of("/", "/meeting")) {
            APIGatewayProxyResponseEvent response = call(Proxy.post(path,
                    path.equals("/") ? "{\"sessionName\":\"s\",\"role\":0}" : "{}"));
            JsonNode claims = Jwt.payload(Proxy.body(response).get("signature").textValue());
            assertEquals(now - backdated, claims.get("iat").longValue(), path);
            assertEquals(now - backdated + 7200, claims.get("exp").longValue(), path);
        }
        boolean invalid = setting != null && backdated == 30 && !setting.isBlank();
        assertEquals(invalid, log.all().contains("ISSUED_AT_LEEWAY_SECONDS must be a whole number of seconds from 0 to 300"),
                log.all());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "\"text\""})
    void anEventThatIsNotAnObjectIsA400NotACrash(String event) {
        APIGatewayProxyResponseEvent response = Proxy.response(Proxy.invoke(handler, event, null));
        responses.add(response);
        assertEquals(400, response.getStatusCode());
        assertTrue(Proxy.body(response).get("errors").get(0).get("reason").textValue().startsWith("The event"));
        assertEquals(200, call(Proxy.post("/meeting", "{}")).getStatusCode(), "and the next request still works");
    }
}
