package dev.sdkauth.grants;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.Json;
import dev.sdkauth.Mode;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.local.LocalServer;
import dev.sdkauth.testing.Assertions;
import dev.sdkauth.testing.Dynalite;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import dev.sdkauth.testing.ZoomStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users' grants end to end through the real handler on REST API events, two handlers standing for two containers
 * that share the table: authorize on one, the callback on the other; bot-style GETs for OBF tokens and ZAKs as plain
 * text; Zoom's webhooks, signed and forged.
 */
class UserGrantsFlowTest {
    private static final String CALLBACK_SECRET = "callback-secret-of-the-operator-0123";
    private static final String WEBHOOK_SECRET = "webhook-secret-token-0123456789";
    private static final String KEY = Base64.getEncoder().encodeToString("flow-test-grants-key-of-32-bytes".getBytes());
    private static final String DOMAIN = "abc123.execute-api.us-east-1.amazonaws.com";
    private static Dynalite dynalite;
    private static String table;
    private final ZoomStandIn zoom = ZoomStandIn.http().user("uid-erin", "erin@example.com").consentAs("uid-erin");
    private final MutableClock clock = new MutableClock(Instant.now());
    private final RecordingLogger log = new RecordingLogger();
    private final StringBuilder answers = new StringBuilder();

    @BeforeAll
    static void startDynamoDb() {
        dynalite = Dynalite.start();
        table = dynalite.createTableFromTemplate(Path.of("template.yaml"));
    }

    @AfterAll
    static void stopDynamoDb() {
        dynalite.close();
    }

    @AfterEach
    void nothingLeaked() {
        zoom.close();
        assertEquals(List.of(), zoom.problems());
        Assertions.assertNoSecret("the log", log.all(), CALLBACK_SECRET, WEBHOOK_SECRET, KEY,
                ZoomStandIn.USER_CLIENT_SECRET, "standin-user-access-token", "standin-user-refresh-token");
        assertFalse(log.all().contains("secret="), "a query string reached the log");
        Assertions.assertNoSecret("an answer", answers.toString(), CALLBACK_SECRET, WEBHOOK_SECRET, KEY,
                ZoomStandIn.USER_CLIENT_SECRET, "standin-user-refresh-token");
        String table = dynalite.call("Scan", "{\"TableName\":\"" + UserGrantsFlowTest.table + "\"}").body().toString();
        assertFalse(table.contains("standin-user-"), "a readable token in the table");
    }

    private Map<String, String> env(String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("ZOOM_OAUTH_URL", zoom.url(), "ZOOM_API_URL", zoom.url(),
                "ZOOM_MEETING_SDK_KEY", ZoomStandIn.USER_CLIENT_ID, "ZOOM_MEETING_SDK_SECRET", ZoomStandIn.USER_CLIENT_SECRET,
                "GRANTS_TABLE", table, "GRANTS_KEY", KEY, "CALLBACK_SECRET", CALLBACK_SECRET,
                "ZOOM_WEBHOOK_SECRET_TOKEN", WEBHOOK_SECRET, "AWS_REGION", Dynalite.REGION));
        env.putAll(Map.of("AWS_ACCESS_KEY_ID", Dynalite.ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY",
                Dynalite.SECRET_ACCESS_KEY, "AWS_ENDPOINT_URL_DYNAMODB", dynalite.url()));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return env;
    }

    private TokenHandler container(String... settings) {
        return new TokenHandler(Environment.of(env(settings)), Mode.DEPLOYED, clock, log);
    }

    /** A REST API event, as API Gateway sends it for the stage Prod. */
    private JsonNode call(TokenHandler handler, String method, String path, Map<String, String> query,
                          Map<String, String> headers, String body) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", method);
        event.put("path", path);
        event.put("resource", path);
        event.put("headers", headers);
        event.put("queryStringParameters", query.isEmpty() ? null : query);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        event.put("requestContext", Map.of("stage", "Prod", "domainName", DOMAIN, "requestId", "api-1"));
        String raw = Proxy.invoke(handler, Json.write(event), null);
        answers.append(raw);
        return Proxy.json(raw);
    }

    private JsonNode get(TokenHandler handler, String path, Map<String, String> query) {
        return call(handler, "GET", path, query, Map.of(), null);
    }

    private static Map<String, String> queryOf(String location) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /** Authorize on one container, Zoom's consent, the callback on the other: answers the callback's query. */
    private Map<String, String> authorizeThroughZoom(TokenHandler first) throws Exception {
        JsonNode redirect = get(first, "/oauth/authorize", Map.of());
        assertEquals(302, redirect.get("statusCode").intValue(), redirect.toString());
        String toZoom = redirect.at("/headers/Location").textValue();
        assertTrue(toZoom.startsWith(zoom.url() + "/oauth/authorize?response_type=code&client_id="), toZoom);
        Map<String, String> asked = queryOf(toZoom);
        assertEquals("https://" + DOMAIN + "/Prod/oauth/callback", asked.get("redirect_uri"));
        assertEquals("S256", asked.get("code_challenge_method"));
        HttpResponse<Void> consented = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(toZoom)).build(),
                HttpResponse.BodyHandlers.discarding());
        return queryOf(consented.headers().firstValue("Location").orElseThrow());
    }

    private JsonNode obf(TokenHandler handler, Map<String, String> query, Map<String, String> headers) {
        return call(handler, "GET", "/obf", query, headers, null);
    }

    @Test
    void aUserAuthorizesOnceAndBotsFetchTokensAsPlainText() throws Exception {
        TokenHandler first = container();
        TokenHandler second = container();
        Map<String, String> callback = authorizeThroughZoom(first);
        JsonNode connected = get(second, "/oauth/callback", callback);
        assertEquals(200, connected.get("statusCode").intValue(), connected.toString());
        assertTrue(connected.get("body").textValue().contains("Connected as erin@example.com"));
        assertEquals("text/html; charset=utf-8", connected.at("/headers/Content-Type").textValue());

        JsonNode replayed = get(first, "/oauth/callback", callback);
        assertEquals(400, replayed.get("statusCode").intValue(), "a state works once");

        JsonNode text = obf(first, Map.of("user", "erin@example.com", "secret", CALLBACK_SECRET,
                "meeting_number", "85746065432", "bot_id", "b-1"), Map.of());
        assertEquals(200, text.get("statusCode").intValue(), text.toString());
        assertTrue(text.at("/headers/Content-Type").textValue().startsWith("text/plain"));
        assertEquals("uid-erin@85746065432", ZoomStandIn.obfUserAndMeeting(text.get("body").textValue()));

        JsonNode json = obf(second, Map.of("user", "uid-erin", "meeting", "123"), Map.of(
                "X-Callback-Secret", CALLBACK_SECRET, "Accept", "application/json"));
        assertEquals("uid-erin@123", ZoomStandIn.obfUserAndMeeting(Proxy.json(json.get("body").textValue())
                .get("obfToken").textValue()));

        JsonNode zak = get(second, "/zak", Map.of("user", "erin@example.com", "secret", CALLBACK_SECRET));
        assertEquals("uid-erin", ZoomStandIn.uidOf(zak.get("body").textValue()));
    }

    @Test
    void withASuccessUrlTheCallbackSendsTheBrowserThereAndAPublicUrlNamesTheRedirect() throws Exception {
        TokenHandler handler = container("OAUTH_SUCCESS_URL", "https://app.example.com/connected",
                "PUBLIC_URL", "https://auth.example.com");
        JsonNode redirect = get(handler, "/oauth/authorize", Map.of());
        String toZoom = redirect.at("/headers/Location").textValue();
        assertEquals("https://auth.example.com/oauth/callback", queryOf(toZoom).get("redirect_uri"));
        HttpResponse<Void> consented = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(toZoom)).build(),
                HttpResponse.BodyHandlers.discarding());
        JsonNode done = get(handler, "/oauth/callback", queryOf(consented.headers().firstValue("Location").orElseThrow()));
        assertEquals(302, done.get("statusCode").intValue(), done.toString());
        assertEquals("https://app.example.com/connected", done.at("/headers/Location").textValue());
    }

    @Test
    void aDeclinedAuthorizationIs400() {
        JsonNode declined = get(container(), "/oauth/callback", Map.of("error", "access_denied", "state", "s"));
        assertEquals(400, declined.get("statusCode").intValue());
    }

    @Test
    void aBadReplayedOrExpiredStateIs400AndNothingIsStored() throws Exception {
        TokenHandler handler = container();
        Map<String, String> callback = authorizeThroughZoom(handler);
        Map<String, String> tampered = new HashMap<>(callback);
        tampered.put("state", callback.get("state") + "x");
        assertEquals(400, get(handler, "/oauth/callback", tampered).get("statusCode").intValue());
        assertEquals(400, get(handler, "/oauth/callback", Map.of("code", "c")).get("statusCode").intValue());
        clock.advance(Duration.ofMinutes(11));
        assertEquals(400, get(handler, "/oauth/callback", callback).get("statusCode").intValue(), "expired");
        assertEquals(404, obf(handler, Map.of("user", "erin@example.com", "secret", CALLBACK_SECRET), Map.of())
                .get("statusCode").intValue(), "no grant was stored");
    }

    @Test
    void withoutTheCallbackSecretOrWithAWrongOneIs401() throws Exception {
        TokenHandler handler = container();
        get(handler, "/oauth/callback", authorizeThroughZoom(handler));
        assertEquals(401, obf(handler, Map.of("user", "erin@example.com"), Map.of()).get("statusCode").intValue());
        assertEquals(401, obf(handler, Map.of("user", "erin@example.com", "secret", CALLBACK_SECRET + "x"), Map.of())
                .get("statusCode").intValue());
        assertEquals(404, obf(handler, Map.of("user", "nobody@example.com", "secret", CALLBACK_SECRET), Map.of())
                .get("statusCode").intValue(), "a user who never authorized");
        assertEquals(400, obf(handler, Map.of("user", "uid-erin", "secret", CALLBACK_SECRET, "meeting", "12a"),
                Map.of()).get("statusCode").intValue());
    }

    private static String signature(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode event(TokenHandler handler, String body, String timestamp, String signature) {
        return call(handler, "POST", "/zoom/events", Map.of(), Map.of("x-zm-request-timestamp", timestamp,
                "x-zm-signature", signature, "content-type", "application/json"), body);
    }

    @Test
    void zoomsWebhooksAreVerifiedAndADeauthorizationRemovesTheGrant() throws Exception {
        TokenHandler handler = container();
        get(handler, "/oauth/callback", authorizeThroughZoom(handler));
        String now = String.valueOf(clock.instant().getEpochSecond());

        String validation = "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"}}";
        JsonNode validated = event(handler, validation, now, signature(now, validation));
        assertEquals(200, validated.get("statusCode").intValue(), validated.toString());
        JsonNode tokens = Proxy.json(validated.get("body").textValue());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals(HexFormat.of().formatHex(mac.doFinal("qgg8vlvZRS6UYooatFL8Aw".getBytes(StandardCharsets.UTF_8))),
                tokens.get("encryptedToken").textValue());

        String deauthorized = "{\"event\":\"app_deauthorized\",\"payload\":{\"user_id\":\"uid-erin\",\"account_id\":\"a\"}}";
        assertEquals(401, event(handler, deauthorized, now, "v0=forged").get("statusCode").intValue());
        String old = String.valueOf(clock.instant().minusSeconds(301).getEpochSecond());
        assertEquals(401, event(handler, deauthorized, old, signature(old, deauthorized)).get("statusCode").intValue(),
                "a timestamp more than 5 minutes off");
        assertEquals(200, obf(handler, Map.of("user", "uid-erin", "secret", CALLBACK_SECRET), Map.of())
                .get("statusCode").intValue(), "forged events changed nothing");

        assertEquals(200, event(handler, deauthorized, now, signature(now, deauthorized)).get("statusCode").intValue());
        assertEquals(404, obf(handler, Map.of("user", "uid-erin", "secret", CALLBACK_SECRET), Map.of())
                .get("statusCode").intValue());
        assertEquals(200, event(handler, deauthorized, now, signature(now, deauthorized)).get("statusCode").intValue(),
                "idempotent");
    }

    @Test
    void withoutAGrantsTableTheRoutesDoNotExist() {
        TokenHandler handler = new TokenHandler(Environment.of(Map.of("ZOOM_MEETING_SDK_KEY", "k")), Mode.DEPLOYED,
                clock, log);
        assertEquals(404, get(handler, "/oauth/authorize", Map.of()).get("statusCode").intValue());
        assertEquals(404, obf(handler, Map.of("user", "u", "secret", CALLBACK_SECRET), Map.of())
                .get("statusCode").intValue());
    }

    @Test
    void theRoutesTakeTheirOwnMethodOnly() {
        JsonNode wrong = call(container(), "POST", "/obf", Map.of(), Map.of(), "{}");
        assertEquals(405, wrong.get("statusCode").intValue());
        assertEquals("GET, OPTIONS", wrong.at("/headers/Allow").textValue());
    }

    /** Through serve over real sockets, as a bot platform calls it: a GET with the customer's own query. */
    @Test
    void serveAnswersABotsGetWithTheTokenAsText() throws Exception {
        TokenHandler handler = TokenHandler.local(Environment.of(env()), clock, log);
        try (LocalServer server = LocalServer.start(handler, "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<Void> toZoom = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/authorize")).build(),
                    HttpResponse.BodyHandlers.discarding());
            String location = toZoom.headers().firstValue("Location").orElseThrow();
            assertEquals(base + "/oauth/callback", queryOf(location).get("redirect_uri"), "serve's own address");
            HttpResponse<Void> back = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpResponse<String> connected = http.send(HttpRequest.newBuilder(URI.create(
                    back.headers().firstValue("Location").orElseThrow())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, connected.statusCode(), connected.body());
            HttpResponse<String> obf = http.send(HttpRequest.newBuilder(URI.create(base + "/obf?user=erin%40example.com"
                    + "&secret=" + CALLBACK_SECRET + "&extra=customer-param")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, obf.statusCode(), obf.body());
            assertEquals("uid-erin@", ZoomStandIn.obfUserAndMeeting(obf.body()));
        }
    }
}
