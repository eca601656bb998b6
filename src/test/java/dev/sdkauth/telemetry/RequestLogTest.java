package dev.sdkauth.telemetry;

import dev.sdkauth.testing.Assertions;
import dev.sdkauth.Mode;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.local.LocalContext;
import dev.sdkauth.testing.DirectHandler;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one line each request leaves: its fields, its embedded metrics, and what it must never hold. */
class RequestLogTest {
    private static final String SECRET = "log-secret-0123456789abcdefghijklmnopqrs";
    private static final Instant NOW = DirectHandler.NOW;
    private final RecordingLogger log = new RecordingLogger();

    private TokenHandler handler(String... settings) {
        return DirectHandler.of(SECRET, log, settings);
    }

    /** Handles one request and answers the one line it logged. */
    private JsonNode lineOf(TokenHandler handler, APIGatewayProxyRequestEvent event, String requestId) {
        int before = requestLines().size();
        Proxy.call(handler, event, new LocalContext(requestId, log));
        List<JsonNode> lines = requestLines();
        assertEquals(before + 1, lines.size(), "exactly one line per request: " + log.all());
        return lines.get(lines.size() - 1);
    }

    private List<JsonNode> requestLines() {
        return log.lines.stream().filter(line -> line.startsWith("{")).map(Proxy::json).toList();
    }

    @Test
    void anIssuedTokenIsCountedByRouteAndRole() {
        JsonNode line = lineOf(handler(), EventLoader.loadApiGatewayRestEvent("events/video-sdk.json"), "req-1");
        assertEquals("req-1", line.get("requestId").textValue());
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", line.get("apiRequestId").textValue());
        assertEquals("video", line.get("route").textValue());
        assertEquals("official", line.get("dialect").textValue());
        assertEquals("0", line.get("role").textValue());
        assertEquals("issued", line.get("outcome").textValue());
        assertNull(line.get("reason"));
        assertEquals(200, line.get("status").intValue());
        assertTrue(line.get("latencyUs").isIntegralNumber() && line.get("latencyUs").longValue() >= 0);
        assertEquals("cold", line.get("start").textValue());

        JsonNode emf = line.get("_aws");
        assertEquals(NOW.toEpochMilli(), emf.get("Timestamp").longValue());
        JsonNode directive = emf.get("CloudWatchMetrics").get(0);
        assertEquals("ZoomSdkAuth", directive.get("Namespace").textValue());
        assertEquals("[[\"route\",\"role\"]]", directive.get("Dimensions").toString());
        assertEquals("TokensIssued", directive.get("Metrics").get(0).get("Name").textValue());
        assertEquals("Count", directive.get("Metrics").get(0).get("Unit").textValue());
        assertEquals(1, line.get("TokensIssued").intValue(), "the metric's value is a top-level member");
    }

    @Test
    void onlyTheFirstRequestOfAHandlerIsCold() {
        TokenHandler handler = handler();
        assertEquals("cold", lineOf(handler, Proxy.post("/meeting", "{}"), "a").get("start").textValue());
        assertEquals("warm", lineOf(handler, Proxy.post("/meeting", "{}"), "b").get("start").textValue());
        assertEquals("warm", lineOf(handler, Proxy.post("/nowhere", "{}"), "c").get("start").textValue());
    }

    @Test
    void seedDialectAndNativeMeetingTokensAreLabelled() {
        TokenHandler handler = handler();
        JsonNode seed = lineOf(handler, EventLoader.loadApiGatewayRestEvent("events/video-sdk-seed.json"), "s");
        assertEquals("seed", seed.get("dialect").textValue());
        JsonNode nativeToken = lineOf(handler, Proxy.post("/meeting", "{}"), "n");
        assertEquals("meeting", nativeToken.get("route").textValue());
        assertEquals("none", nativeToken.get("role").textValue(), "a dimension value is always a string");
        assertNull(nativeToken.get("dialect"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3} {4}")
    @CsvSource(delimiter = '|', value = {
            "POST   | /        | {\"sessionName\":\"\",\"role\":1}           | 400 | invalid_request",
            "POST   | /        | {\"sessionName\":\"s\",\"roleType\":1}      | 400 | invalid_request",
            "POST   | /        | {not json                                   | 400 | malformed_body",
            "POST   | /        | [1,2]                                       | 400 | malformed_body",
            "POST   | /        | {\"a\":1,\"a\":2}                           | 400 | malformed_body",
            "POST   | /nowhere | {}                                          | 404 | not_found",
            "GET    | /meeting | {}                                          | 405 | method_not_allowed",
            "POST   | /meeting | {\"meetingNumber\":\"1\",\"role\":1}       | 403 | role_refused",
    })
    void rejectionsAreCountedByReason(String method, String path, String body, int status, String reason) {
        JsonNode line = lineOf(handler("MAX_ROLE", "0"), Proxy.post(path, body).withHttpMethod(method), "r");
        assertEquals("rejected", line.get("outcome").textValue());
        assertEquals(reason, line.get("reason").textValue());
        assertEquals(status, line.get("status").intValue());
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("[[\"reason\"]]", directive.get("Dimensions").toString());
        assertEquals("Rejections", directive.get("Metrics").get(0).get("Name").textValue());
        assertEquals(1, line.get("Rejections").intValue());
    }

    @Test
    void anOversizedBodyAndMissingCredentialsHaveTheirOwnReasons() {
        JsonNode tooLarge = lineOf(handler(), Proxy.post("/", "{\"x\":\"" + "a".repeat(70_000) + "\"}"), "big");
        assertEquals("body_too_large", tooLarge.get("reason").textValue());
        TokenHandler unconfigured = new TokenHandler(Environment.of(Map.of()), Mode.DEPLOYED, new MutableClock(NOW), log);
        JsonNode unavailable = lineOf(unconfigured, Proxy.post("/", "{\"sessionName\":\"s\",\"role\":0}"), "u");
        assertEquals(503, unavailable.get("status").intValue());
        assertEquals("credentials_unavailable", unavailable.get("reason").textValue());
    }

    @Test
    void aPreflightIsLoggedButNotCounted() {
        JsonNode line = lineOf(handler(), Proxy.post("/", null).withHttpMethod("OPTIONS"), "p");
        assertEquals("preflight", line.get("outcome").textValue());
        assertEquals(204, line.get("status").intValue());
        assertNull(line.get("_aws"));
    }

    @Test
    void requestIdsAreEscaped() {
        JsonNode line = lineOf(handler(), Proxy.post("/meeting", "{}"), "id \"with\" \\ and \n");
        assertEquals("id \"with\" \\ and \n", line.get("requestId").textValue());
    }

    @Test
    void theNamespaceCanBeChosen() {
        JsonNode line = lineOf(handler("METRICS_NAMESPACE", "Team/Tokens"), Proxy.post("/meeting", "{}"), "ns");
        assertEquals("Team/Tokens", line.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").textValue());
    }

    @Test
    void neitherTheBodyNorTheTokenNorTheSecretNorThePathIsLogged() {
        TokenHandler handler = handler();
        String marker = "marker-7f3a9c";
        APIGatewayProxyResponseEvent response = Proxy.call(handler, Proxy.post("/",
                "{\"sessionName\":\"" + marker + "\",\"role\":0,\"userIdentity\":\"" + marker + "\"}"));
        String token = Proxy.body(response).get("signature").textValue();
        Proxy.call(handler, Proxy.post("/" + marker, "{}"));
        Proxy.call(handler, Proxy.post("/", "{\"sessionName\":" + marker + "}"));
        String everything = log.all();
        assertFalse(everything.contains(marker), everything);
        assertFalse(everything.contains(token));
        assertFalse(everything.contains(token.substring(token.lastIndexOf('.') + 1)), "not even the signature");
        Assertions.assertNoSecret("the log lines", everything, SECRET);
    }
}
