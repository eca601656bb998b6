package dev.sdkauth.credentials;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.sdkauth.Environment;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real SDK client over real HTTP to WireMock standing in for SSM, driven through the real handler: what a
 * deployed function does on its first request, on warm requests, across a rotation and through SSM trouble.
 */
class SsmCredentialsTest {
    private static final String KEY_PARAMETER = "/zoom/video-sdk/key";
    private static final String SECRET_PARAMETER = "/zoom/video-sdk/secret";
    private static final String SECRET = "first-secret-0123456789abcdefghijklmnopq";
    private static final String ROTATED = "rotated-secret-0123456789abcdefghijklmno";
    private static final String VIDEO_BODY = "{\"sessionName\":\"s\",\"role\":1}";
    private static final String MEETING_BODY = "{\"meetingNumber\":\"123456789\",\"role\":0}";

    private WireMockServer ssm;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final RecordingLogger log = new RecordingLogger();
    private final List<APIGatewayProxyResponseEvent> responses = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private TokenHandler handler;

    @BeforeEach
    void start() {
        ssm = new WireMockServer(options().dynamicPort());
        ssm.start();
        env.putAll(Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "aws-test-secret-access-key",
                "AWS_ENDPOINT_URL_SSM", ssm.baseUrl(),
                "ZOOM_VIDEO_SDK_KEY_PARAMETER", KEY_PARAMETER,
                "ZOOM_VIDEO_SDK_SECRET_PARAMETER", SECRET_PARAMETER));
    }

    @AfterEach
    void noSecretEverLeaks() {
        ssm.stop();
        for (String secret : List.of(SECRET, ROTATED, "too-short-secret", "aws-test-secret-access-key")) {
            assertFalse(log.all().contains(secret), "a secret reached the log");
            for (APIGatewayProxyResponseEvent response : responses) {
                assertFalse(response.getBody().contains(secret), "a secret reached a response");
                assertFalse(response.getHeaders().toString().contains(secret), "a secret reached a header");
            }
        }
    }

    private TokenHandler handler() {
        if (handler == null) {
            handler = new TokenHandler(Environment.of(env), false, clock, log);
        }
        return handler;
    }

    private APIGatewayProxyResponseEvent call(String path, String body) {
        APIGatewayProxyResponseEvent response = Proxy.call(handler(), Proxy.post(path, body));
        responses.add(response);
        return response;
    }

    private String videoToken() {
        APIGatewayProxyResponseEvent response = call("/", VIDEO_BODY);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Proxy.body(response).get("signature").textValue();
    }

    private void ssmAnswers(Map<String, String> parameters, String... invalid) {
        StringBuilder json = new StringBuilder("{\"Parameters\":[");
        parameters.forEach((name, value) -> json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                .append("{\"Name\":\"").append(name).append("\",\"Type\":\"")
                .append(name.endsWith("secret") ? "SecureString" : "String")
                .append("\",\"Value\":\"").append(value).append("\",\"Version\":1}"));
        json.append("],\"InvalidParameters\":[");
        for (int i = 0; i < invalid.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(invalid[i]).append('"');
        }
        json.append("]}");
        ssmReplies(aResponse().withStatus(200).withBody(json.toString()));
    }

    private void ssmReplies(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        ssm.resetMappings();
        ssm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameters"))
                .willReturn(response.withHeader("Content-Type", "application/x-amz-json-1.1")));
    }

    private int ssmCalls() {
        return ssm.countRequestsMatching(postRequestedFor(urlEqualTo("/")).build()).getCount();
    }

    private JsonNode firstError(APIGatewayProxyResponseEvent response) {
        return Proxy.body(response).get("errors").get(0);
    }

    @Test
    void keyAndSecretComeFromOneDecryptedGetParametersCall() {
        ssmAnswers(Map.of(KEY_PARAMETER, "VIDEO_KEY_FROM_SSM", SECRET_PARAMETER, SECRET));
        String token = videoToken();
        Jwt.verify(token, SECRET);
        assertEquals("VIDEO_KEY_FROM_SSM", Jwt.payload(token).get("app_key").textValue());
        assertEquals(1, ssmCalls());
        ssm.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", containing("AWS4-HMAC-SHA256"))
                .withRequestBody(equalToJson("{\"Names\":[\"" + KEY_PARAMETER + "\",\"" + SECRET_PARAMETER + "\"],"
                        + "\"WithDecryption\":true}")));
    }

    /** Rows: CREDENTIALS_CACHE_TTL_SECONDS as set (empty = unset), the TTL in force, whether a warning is due. */
    @ParameterizedTest(name = "setting \"{0}\" -> {1} s")
    @CsvSource({"'', 300, false", "10, 10, false", "0, 0, false", "-5, 300, true", "soon, 300, true",
            "86401, 300, true"})
    void warmRequestsUseTheCacheUntilTheTtlRunsOut(String setting, long ttl, boolean warned) {
        env.put("CREDENTIALS_CACHE_TTL_SECONDS", setting);
        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, SECRET));
        videoToken();
        if (ttl > 0) {
            videoToken();
            clock.advance(Duration.ofSeconds(ttl - 1));
            videoToken();
            assertEquals(1, ssmCalls(), "cache hits make no SSM call");
            clock.advance(Duration.ofSeconds(1));
        }
        videoToken();
        assertEquals(2, ssmCalls(), "the TTL is " + ttl + " s");
        assertEquals(warned, log.all().contains("CREDENTIALS_CACHE_TTL_SECONDS"), log.all());
    }

    @Test
    void aRotatedSecretTakesEffectAfterTheTtlWithoutARedeploy() {
        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, SECRET));
        Jwt.verify(videoToken(), SECRET);
        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, ROTATED));
        Jwt.verify(videoToken(), SECRET);
        clock.advance(Duration.ofSeconds(300));
        Jwt.verify(videoToken(), ROTATED);
    }

    @Test
    void whenSsmFailsOnRefreshTheLastGoodSecretKeepsSigning() {
        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, SECRET));
        videoToken();
        ssmReplies(aResponse().withStatus(500).withBody("{\"__type\":\"InternalServerError\",\"message\":\"down\"}"));
        clock.advance(Duration.ofSeconds(301));
        Jwt.verify(videoToken(), SECRET);
        assertTrue(log.all().contains("WARN") && log.all().contains("last good"), log.all());
        int callsAfterFailure = ssmCalls();
        videoToken();
        assertEquals(callsAfterFailure, ssmCalls(), "a failed refresh is not retried on every request");

        ssmReplies(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        clock.advance(Duration.ofSeconds(30));
        Jwt.verify(videoToken(), SECRET);

        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, ROTATED));
        clock.advance(Duration.ofSeconds(30));
        Jwt.verify(videoToken(), ROTATED);
    }

    @Test
    void aMissingParameterIs503NamingItThenHealsWithoutARestart() {
        ssmAnswers(Map.of(KEY_PARAMETER, "K"), SECRET_PARAMETER);
        APIGatewayProxyResponseEvent response = call("/", VIDEO_BODY);
        assertEquals(503, response.getStatusCode());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        String reason = firstError(response).get("reason").textValue();
        assertTrue(reason.contains(SECRET_PARAMETER) && reason.contains("ZOOM_VIDEO_SDK_SECRET_PARAMETER"), reason);

        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, SECRET));
        Jwt.verify(videoToken(), SECRET);
    }

    @Test
    void accessDeniedIs503WithWhatPermissionIsMissing() {
        ssmReplies(aResponse().withStatus(400)
                .withBody("{\"__type\":\"AccessDeniedException\",\"Message\":\"not authorized to perform ssm:GetParameters\"}"));
        APIGatewayProxyResponseEvent response = call("/", VIDEO_BODY);
        assertEquals(503, response.getStatusCode());
        String reason = firstError(response).get("reason").textValue();
        assertTrue(reason.contains("denied") && reason.contains("ssm:GetParameters"), reason);
    }

    @Test
    void anUnreachableSsmIs503AndTheNextRequestStillWorks() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        env.put("AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:" + closedPort);
        APIGatewayProxyResponseEvent response = call("/", VIDEO_BODY);
        assertEquals(503, response.getStatusCode());
        assertTrue(firstError(response).get("reason").textValue().contains("Could not read SSM"));
        assertTrue(log.all().contains("503"), "a 503 is logged with its reason");
        assertEquals(400, call("/", "{}").getStatusCode(), "validation still answers");
    }

    @Test
    void aSecretShorterThan32BytesIsRefusedInWords() {
        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, "too-short-secret"));
        APIGatewayProxyResponseEvent response = call("/", VIDEO_BODY);
        assertEquals(503, response.getStatusCode());
        String reason = firstError(response).get("reason").textValue();
        assertTrue(reason.contains("at least 32 bytes") && reason.contains("HS256"), reason);
    }

    @Test
    void aSecretStoredAsPlainStringWorksButIsWarnedAbout() {
        ssmReplies(aResponse().withStatus(200).withBody("{\"Parameters\":[{\"Name\":\"" + KEY_PARAMETER
                + "\",\"Type\":\"String\",\"Value\":\"K\"},{\"Name\":\"" + SECRET_PARAMETER
                + "\",\"Type\":\"String\",\"Value\":\"" + SECRET + "\"}],\"InvalidParameters\":[]}"));
        Jwt.verify(videoToken(), SECRET);
        assertTrue(log.all().contains("not a SecureString"), log.all());
    }

    @Test
    void bothProductsComeFromOneCallAndStaySeparate() {
        env.put("ZOOM_MEETING_SDK_KEY_PARAMETER", "/zoom/meeting-sdk/key");
        env.put("ZOOM_MEETING_SDK_SECRET_PARAMETER", "/zoom/meeting-sdk/secret");
        ssmAnswers(Map.of(KEY_PARAMETER, "VIDEO_KEY", SECRET_PARAMETER, SECRET,
                "/zoom/meeting-sdk/key", "MEETING_KEY", "/zoom/meeting-sdk/secret", ROTATED));
        Jwt.verify(videoToken(), SECRET);
        APIGatewayProxyResponseEvent meeting = call("/meeting", MEETING_BODY);
        assertEquals(200, meeting.getStatusCode(), meeting.getBody());
        Jwt.verify(Proxy.body(meeting).get("signature").textValue(), ROTATED);
        assertEquals("MEETING_KEY", Proxy.body(meeting).get("sdkKey").textValue());
        assertEquals(1, ssmCalls(), "one GetParameters call serves both products");
        ssm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson("{\"Names\":[\"" + KEY_PARAMETER
                + "\",\"" + SECRET_PARAMETER + "\",\"/zoom/meeting-sdk/key\",\"/zoom/meeting-sdk/secret\"],"
                + "\"WithDecryption\":true}")));
    }

    @Test
    void aBrokenMeetingSetupNeitherBlocksNorCostsVideoRequests() {
        env.put("ZOOM_MEETING_SDK_KEY_PARAMETER", "/zoom/meeting-sdk/key");
        env.put("ZOOM_MEETING_SDK_SECRET_PARAMETER", "/zoom/meeting-sdk/secret");
        ssmAnswers(Map.of(KEY_PARAMETER, "VIDEO_KEY", SECRET_PARAMETER, SECRET),
                "/zoom/meeting-sdk/key", "/zoom/meeting-sdk/secret");
        Jwt.verify(videoToken(), SECRET);
        APIGatewayProxyResponseEvent meeting = call("/meeting", MEETING_BODY);
        assertEquals(503, meeting.getStatusCode());
        assertTrue(firstError(meeting).get("reason").textValue().contains("/zoom/meeting-sdk/key"));
        int calls = ssmCalls();
        assertEquals(2, calls, "the Meeting SDK request retried, since it has never had credentials");
        videoToken();
        videoToken();
        assertEquals(calls, ssmCalls(), "Video SDK requests keep using their cached credentials");
    }

    @Test
    void directCredentialsKeepSigningWhileSsmIsDown() {
        env.put("ZOOM_MEETING_SDK_KEY", "MEETING_KEY");
        env.put("ZOOM_MEETING_SDK_SECRET", ROTATED);
        ssmReplies(aResponse().withStatus(500).withBody("{\"__type\":\"InternalServerError\",\"message\":\"down\"}"));
        assertEquals(503, call("/", VIDEO_BODY).getStatusCode());
        APIGatewayProxyResponseEvent meeting = call("/meeting", MEETING_BODY);
        assertEquals(200, meeting.getStatusCode(), meeting.getBody());
        Jwt.verify(Proxy.body(meeting).get("signature").textValue(), ROTATED);
    }

    @Test
    void aPrefetchFetchesBeforeTheFirstRequestWhichThenMakesNoCall() throws Exception {
        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, SECRET));
        CredentialStore store = Credentials.store(Environment.of(env), new SsmParameters(Environment.of(env)), false,
                Duration.ofSeconds(300), clock, log);
        assertTrue(store.empty());
        store.prefetch();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (store.empty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(store.empty(), "the prefetch thread fetched");
        assertEquals(1, ssmCalls());
        assertEquals("K", store.load(Product.VIDEO_SDK).key());
        assertEquals(1, ssmCalls(), "the first request found the prefetched credentials");
    }

    @Test
    void aParameterNameWinsOverADirectValue() {
        env.put("ZOOM_VIDEO_SDK_SECRET", "direct-secret-0123456789abcdefghijklmnop");
        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, SECRET));
        Jwt.verify(videoToken(), SECRET);
    }

    @Test
    void aDirectSecretCanPairWithAKeyFromSsm() {
        env.remove("ZOOM_VIDEO_SDK_SECRET_PARAMETER");
        env.put("ZOOM_VIDEO_SDK_SECRET", SECRET);
        ssmAnswers(Map.of(KEY_PARAMETER, "K"));
        Jwt.verify(videoToken(), SECRET);
        ssm.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(equalToJson("{\"Names\":[\"" + KEY_PARAMETER + "\"],\"WithDecryption\":true}")));
    }

    @Test
    void throttlingIsRetriedByTheSdkWithinOneRequest() {
        String throttled = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}";
        ssmAnswers(Map.of(KEY_PARAMETER, "VIDEO_KEY_FROM_SSM", SECRET_PARAMETER, SECRET));
        for (String state : List.of(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED, "throttled once")) {
            ssm.stubFor(post(urlEqualTo("/")).inScenario("throttle").whenScenarioStateIs(state)
                    .willSetStateTo(state.equals("throttled once") ? "open" : "throttled once")
                    .willReturn(aResponse().withStatus(400).withBody(throttled)
                            .withHeader("Content-Type", "application/x-amz-json-1.1")));
        }
        Jwt.verify(videoToken(), SECRET);
        assertEquals(3, ssmCalls(), "two throttled attempts, then the answer: the standard retry mode");
    }

    @Test
    void retriesAreBoundedWhenSsmKeepsThrottling() {
        ssmReplies(aResponse().withStatus(400).withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate\"}"));
        APIGatewayProxyResponseEvent response = call("/", VIDEO_BODY);
        assertEquals(503, response.getStatusCode());
        assertTrue(firstError(response).get("reason").textValue().contains("ThrottlingException"), response.getBody());
        assertEquals(3, ssmCalls(), "at most three attempts per refresh");
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL, STANDARD", "standard, STANDARD", "legacy, STANDARD", "' Adaptive ', ADAPTIVE_V2"},
            nullValues = "NULL")
    void theRetryModeIsStandardUnlessAdaptiveIsAskedFor(String setting, String mode) {
        assertEquals(mode, SsmParameters.retryMode(setting).name());
    }
}
