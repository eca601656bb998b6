package dev.sdkauth.zoom;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.Mode;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.local.LocalServer;
import dev.sdkauth.testing.Assertions;
import dev.sdkauth.local.LocalContext;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import dev.sdkauth.testing.SsmStandIn;
import dev.sdkauth.testing.ZoomStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /meeting} with {@code zakUser}, through the real handler (and {@code serve}) against the Zoom
 * stand-in: who may have whose ZAK, what Zoom's refusals become, and that the signature never goes out without it.
 */
class ZakRequestTest {
    private static final String SECRET = "zak-test-meeting-secret-0123456789abcdef";
    private static final String REQUEST_ID = "0f0e0d0c-0000-4000-8000-00000000zak1";
    private final ZoomStandIn zoom = ZoomStandIn.http().user("uid-alice", "alice@example.com")
            .user("uid-bob", "bob@example.com");
    private final RecordingLogger log = new RecordingLogger();
    private final List<APIGatewayProxyResponseEvent> responses = new ArrayList<>();

    @AfterEach
    void protocolKeptAndNothingLeaked() {
        zoom.close();
        assertEquals(List.of(), zoom.problems());
        List<String> secrets = List.of(SECRET, ZoomStandIn.CLIENT_SECRET, "standin-access-token");
        Assertions.assertNoSecret("the log", log.all(), secrets);
        for (APIGatewayProxyResponseEvent response : responses) {
            Assertions.assertNoSecret("an answer", response.getBody(), secrets);
        }
    }

    private Map<String, String> env(String... settings) {
        Map<String, String> env = new HashMap<>(zoom.environment());
        env.putAll(Map.of("ZOOM_MEETING_SDK_KEY", "MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", SECRET,
                "ANONYMOUS_HOST_TOKENS", "true"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return env;
    }

    private TokenHandler handler(Mode mode, String... settings) {
        Environment env = Environment.of(env(settings));
        return mode == Mode.LOCAL ? TokenHandler.local(env, new MutableClock(Instant.now()), log)
                : new TokenHandler(env, mode, new MutableClock(Instant.now()), log);
    }

    private APIGatewayProxyResponseEvent ask(TokenHandler handler, String zakUser, Map<String, Object> authorizer) {
        APIGatewayProxyRequestEvent event = Proxy.post("/meeting",
                "{\"meetingNumber\":\"85746065432\",\"role\":1,\"zakUser\":\"" + zakUser + "\"}");
        if (authorizer != null) {
            ProxyRequestContext context = new ProxyRequestContext();
            context.setAuthorizer(authorizer);
            event.withRequestContext(context);
        }
        APIGatewayProxyResponseEvent response = Proxy.call(handler, event, new LocalContext(REQUEST_ID, null));
        responses.add(response);
        return response;
    }

    private static String reason(APIGatewayProxyResponseEvent response) {
        return Assertions.assertErrorShape(Proxy.body(response)).get(0).get("reason").asText();
    }

    @Test
    void anAllowedUsersZakComesBesideTheSignature() {
        TokenHandler handler = handler(Mode.DEPLOYED, "ZAK_USERS", "alice@example.com, uid-bob");
        APIGatewayProxyResponseEvent response = ask(handler, "ALICE@example.com", null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = Proxy.body(response);
        Jwt.verify(body.get("signature").textValue(), SECRET);
        assertEquals("MEETING_KEY", body.get("sdkKey").textValue());
        assertEquals("uid-alice", ZoomStandIn.uidOf(body.get("zak").textValue()));
        assertEquals("uid-bob", ZoomStandIn.uidOf(Proxy.body(ask(handler, "uid-bob", null)).get("zak").textValue()));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, ask(handler, "uid-bob", null).getStatusCode());
        }
        assertEquals(1, zoom.grants(), "the cached access token serves repeated ZAKs");
    }

    @Test
    void withoutZakUserNothingChangesAndZoomIsNotAsked() {
        APIGatewayProxyResponseEvent response = Proxy.call(handler(Mode.DEPLOYED, "ZAK_USERS", "*"),
                Proxy.post("/meeting", "{\"meetingNumber\":\"85746065432\",\"role\":0}"));
        assertEquals(200, response.getStatusCode());
        assertFalse(Proxy.body(response).has("zak"));
        assertEquals(List.of(), zoom.calls());
    }

    @Test
    void byDefaultNobodysZakIsHandedOutAndTheRefusalSaysWhichSettingChangesThat() {
        APIGatewayProxyResponseEvent response = ask(handler(Mode.DEPLOYED), "alice@example.com", null);
        assertEquals(403, response.getStatusCode());
        assertTrue(reason(response).contains("ZakUsers") && reason(response).contains("ZAK_USERS"), reason(response));
        assertEquals("zakUser", Proxy.body(response).at("/errors/0/property").textValue());
        assertFalse(Proxy.body(response).has("signature"), "all or nothing");
        assertEquals(List.of(), zoom.calls());
    }

    @ParameterizedTest(name = "ZAK_USERS={0}, zakUser={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "alice@example.com        | bob@example.com   | 403",
            "uid-alice                | UID-ALICE         | 403",
            "*                        | bob@example.com   | 200",
            "' , '                    | bob@example.com   | 403",
    })
    void onlyTheListedUsersZaks(String setting, String user, int status) {
        assertEquals(status, ask(handler(Mode.DEPLOYED, "ZAK_USERS", setting), user, null).getStatusCode());
    }

    @Test
    void callerGivesEachCallerOnlyTheirOwnZakByTheirEmailClaim() {
        TokenHandler handler = handler(Mode.DEPLOYED, "ZAK_USERS", "caller", "ANONYMOUS_HOST_TOKENS", "false");
        Map<String, Object> alice = Map.of("claims", Map.of("sub", "s-1", "email", "Alice@Example.com"));
        assertEquals(200, ask(handler, "alice@example.com", alice).getStatusCode());
        assertEquals(403, ask(handler, "bob@example.com", alice).getStatusCode());
        assertEquals(403, ask(handler, "alice@example.com", Map.of("claims", Map.of("sub", "s-2"))).getStatusCode(),
                "no email claim, no ZAK");
    }

    @Test
    void deployedWithTheDefaultsAnAnonymousCallerGetsNoZak() {
        TokenHandler handler = handler(Mode.DEPLOYED, "ZAK_USERS", "*", "ANONYMOUS_HOST_TOKENS", "");
        APIGatewayProxyResponseEvent response = Proxy.call(handler, Proxy.post("/meeting",
                "{\"meetingNumber\":\"85746065432\",\"role\":0,\"zakUser\":\"uid-alice\"}"));
        responses.add(response);
        assertEquals(403, response.getStatusCode());
        assertTrue(reason(response).contains("AnonymousHostTokens"), reason(response));
        Map<String, Object> identified = Map.of("claims", Map.of("sub", "s-1"));
        assertEquals(200, ask(handler, "uid-alice", identified).getStatusCode());
    }

    @Test
    void aUserZoomDoesNotKnowIs404NamingZakUser() {
        APIGatewayProxyResponseEvent response = ask(handler(Mode.DEPLOYED, "ZAK_USERS", "*"), "carol@example.com", null);
        assertEquals(404, response.getStatusCode());
        assertEquals("zakUser", Proxy.body(response).at("/errors/0/property").textValue());
    }

    @Test
    void aMissingScopeIsMisconfiguredDeployedWithTheDetailInTheLogAndLocallyInTheAnswer() {
        zoom.withoutZakScope();
        APIGatewayProxyResponseEvent deployed = ask(handler(Mode.DEPLOYED, "ZAK_USERS", "*"), "uid-alice", null);
        assertEquals(503, deployed.getStatusCode());
        Assertions.assertDeployedFailure(Proxy.body(deployed), "Misconfigured", REQUEST_ID);
        assertTrue(log.last("ERROR Answering 503 (misconfigured) to request " + REQUEST_ID).contains("4700"), log.all());
        APIGatewayProxyResponseEvent local = ask(handler(Mode.LOCAL, "ZAK_USERS", "*"), "uid-alice", null);
        assertEquals(503, local.getStatusCode());
        assertTrue(reason(local).contains("user:read:token:admin"), reason(local));
    }

    @Test
    void throttledByZoomIs503WithZoomsRetryAfterAndNoSignature() {
        TokenHandler handler = handler(Mode.DEPLOYED, "ZAK_USERS", "*");
        zoom.next(new ZoomStandIn.Scripted("/v2/users/", 429, "{\"code\":429,\"message\":\"Too many requests\"}",
                Map.of("Retry-After", "12"), 0));
        APIGatewayProxyResponseEvent response = ask(handler, "uid-alice", null);
        assertEquals(503, response.getStatusCode());
        assertEquals("12", response.getHeaders().get("Retry-After"));
        Assertions.assertDeployedFailure(Proxy.body(response), "Zoom unavailable", REQUEST_ID);
        assertFalse(Proxy.body(response).has("signature"));
        assertEquals(200, ask(handler, "uid-alice", null).getStatusCode(), "the next request is answered as usual");
    }

    @Test
    void withoutAServerToServerAppAZakIsMisconfigured() {
        Map<String, String> env = env("ZAK_USERS", "*");
        env.keySet().removeIf(name -> name.startsWith("ZOOM_S2S_"));
        TokenHandler handler = TokenHandler.local(Environment.of(env), new MutableClock(Instant.now()), log);
        APIGatewayProxyResponseEvent response = ask(handler, "uid-alice", null);
        assertEquals(503, response.getStatusCode());
        assertTrue(reason(response).contains("ZOOM_S2S_ACCOUNT_ID_PARAMETER"), reason(response));
    }

    /** Deployed, the S2S app comes from SSM with the SDK secrets: one GetParameters call for all of them. */
    @Test
    void theServerToServerCredentialsComeFromSsmInTheSameCall() {
        try (SsmStandIn ssm = SsmStandIn.http()) {
            ssm.put("/zoom/meeting-sdk/key", "MEETING_KEY");
            ssm.put("/zoom/meeting-sdk/secret", SECRET);
            ssm.put("/zoom/s2s/account-id", ZoomStandIn.ACCOUNT_ID);
            ssm.put("/zoom/s2s/client-id", ZoomStandIn.CLIENT_ID);
            ssm.put("/zoom/s2s/client-secret", ZoomStandIn.CLIENT_SECRET);
            Map<String, String> env = new HashMap<>(ssm.environment());
            env.putAll(Map.of("ZOOM_OAUTH_URL", zoom.url(), "ZOOM_API_URL", zoom.url(), "ZAK_USERS", "*",
                    "ANONYMOUS_HOST_TOKENS", "true",
                    "ZOOM_MEETING_SDK_KEY_PARAMETER", "/zoom/meeting-sdk/key",
                    "ZOOM_MEETING_SDK_SECRET_PARAMETER", "/zoom/meeting-sdk/secret",
                    "ZOOM_S2S_ACCOUNT_ID_PARAMETER", "/zoom/s2s/account-id",
                    "ZOOM_S2S_CLIENT_ID_PARAMETER", "/zoom/s2s/client-id",
                    "ZOOM_S2S_CLIENT_SECRET_PARAMETER", "/zoom/s2s/client-secret"));
            TokenHandler handler = new TokenHandler(Environment.of(env), Mode.DEPLOYED,
                    new MutableClock(Instant.now()), log);
            APIGatewayProxyResponseEvent response = ask(handler, "alice@example.com", null);
            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals("uid-alice", ZoomStandIn.uidOf(Proxy.body(response).get("zak").textValue()));
            assertEquals(1, ssm.count(), "SDK secrets and S2S credentials in one GetParameters call");
            assertEquals(5, ssm.calls().get(0).names().size(), ssm.calls().get(0).names().toString());
            assertEquals(List.of(), ssm.problems());
        }
    }

    /** Through serve, over real sockets, as a front end calls it. */
    @Test
    void serveAnswersTheZakToAFrontEnd() throws Exception {
        try (LocalServer server = LocalServer.start(handler(Mode.LOCAL, "ZAK_USERS", "uid-alice"), "127.0.0.1", 0)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/meeting"))
                    .header("Content-Type", "application/json").header("Origin", "http://localhost:3000")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"meetingNumber\":\"85746065432\",\"role\":1,\"zakUser\":\"uid-alice\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = Proxy.json(response.body());
            assertEquals("uid-alice", ZoomStandIn.uidOf(body.get("zak").textValue()));
            Jwt.verify(body.get("signature").textValue(), SECRET);
            Assertions.assertNoSecret("the answer", response.body(), ZoomStandIn.CLIENT_SECRET, "standin-access-token");
        }
    }
}
