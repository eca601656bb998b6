package dev.sdkauth.credentials;

import dev.sdkauth.Mode;
import dev.sdkauth.testing.Await;

import dev.sdkauth.testing.Assertions;

import dev.sdkauth.aws.SsmParameters;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import dev.sdkauth.testing.SsmStandIn;
import dev.sdkauth.testing.SsmStandIn.Reply;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real SSM client over real HTTP to {@link SsmStandIn} (which checks every signature), driven through the real
 * handler: what a deployed function does on its first request, on warm requests, across a rotation and through
 * SSM trouble.
 */
class CredentialStoreTest {
    private static final String KEY_PARAMETER = "/zoom/video-sdk/key";
    private static final String SECRET_PARAMETER = "/zoom/video-sdk/secret";
    private static final String SECRET = "first-secret-0123456789abcdefghijklmnopq";
    private static final String ROTATED = "rotated-secret-0123456789abcdefghijklmno";
    private static final String VIDEO_BODY = "{\"sessionName\":\"s\",\"role\":0}";
    private static final String MEETING_BODY = "{\"meetingNumber\":\"123456789\",\"role\":0}";

    private SsmStandIn ssm;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final RecordingLogger log = new RecordingLogger();
    private final List<APIGatewayProxyResponseEvent> responses = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private TokenHandler handler;

    @BeforeEach
    void start() {
        ssm = SsmStandIn.http();
        env.putAll(ssm.environment());
        env.putAll(Map.of(
                "ZOOM_VIDEO_SDK_KEY_PARAMETER", KEY_PARAMETER,
                "ZOOM_VIDEO_SDK_SECRET_PARAMETER", SECRET_PARAMETER));
    }

    @AfterEach
    void noSecretEverLeaks() {
        ssm.close();
        assertEquals(List.of(), ssm.problems(), "the stand-in saw requests off the protocol");
        List<String> secrets = List.of(SECRET, ROTATED, "too-short-secret", "aws-test-secret-access-key");
        Assertions.assertNoSecret("the log", log.all(), secrets);
        for (APIGatewayProxyResponseEvent response : responses) {
            Assertions.assertNoSecret("a response", response.getBody(), secrets);
            Assertions.assertNoSecret("a header", response.getHeaders().toString(), secrets);
        }
    }

    private TokenHandler handler() {
        if (handler == null) {
            handler = new TokenHandler(Environment.of(env), Mode.DEPLOYED, clock, log);
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

    /** SSM holds exactly these parameters and answers normally: a name not given is one SSM does not know. */
    private void ssmAnswers(Map<String, String> parameters) {
        ssm.normal();
        ssm.clear();
        parameters.forEach(ssm::put);
    }

    private void ssmReplies(Reply reply) {
        ssm.always(reply);
    }

    private int ssmCalls() {
        return ssm.count();
    }

    private String lastBody() {
        List<SsmStandIn.Call> calls = ssm.calls();
        return calls.get(calls.size() - 1).body();
    }

    /**
     * The detail of a deployed 503, from the log line, after checking that the answer itself only gives the kind
     * of failure and the request ID: what the operator reads, never what a stranger is told.
     */
    private String failureDetail(APIGatewayProxyResponseEvent response) {
        assertEquals(503, response.getStatusCode());
        Assertions.assertDeployedFailure(Proxy.body(response), "Credentials unavailable", null);
        String line = log.last("ERROR Answering 503 (credentials_unavailable) to request null: ");
        return line.substring(line.indexOf(": ") + 2);
    }

    @Test
    void keyAndSecretComeFromOneDecryptedGetParametersCall() {
        ssmAnswers(Map.of(KEY_PARAMETER, "VIDEO_KEY_FROM_SSM", SECRET_PARAMETER, SECRET));
        String token = videoToken();
        Jwt.verify(token, SECRET);
        assertEquals("VIDEO_KEY_FROM_SSM", Jwt.payload(token).get("app_key").textValue());
        assertEquals(1, ssmCalls());
        assertTrue(ssm.calls().get(0).headers().get("Authorization").get(0).startsWith("AWS4-HMAC-SHA256 "));
        assertEquals("{\"Names\":[\"" + KEY_PARAMETER + "\",\"" + SECRET_PARAMETER + "\"],\"WithDecryption\":true}",
                lastBody());
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
        ssmReplies(Reply.error(500, "InternalServerError", "down"));
        clock.advance(Duration.ofSeconds(301));
        Jwt.verify(videoToken(), SECRET);
        assertTrue(log.all().contains("WARN") && log.all().contains("last good"), log.all());
        int callsAfterFailure = ssmCalls();
        videoToken();
        assertEquals(callsAfterFailure, ssmCalls(), "a failed refresh is not retried on every request");

        ssmReplies(Reply.DROP);
        clock.advance(Duration.ofSeconds(30));
        Jwt.verify(videoToken(), SECRET);

        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, ROTATED));
        clock.advance(Duration.ofSeconds(30));
        Jwt.verify(videoToken(), ROTATED);
    }

    @Test
    void aMissingParameterIs503NamingItThenHealsWithoutARestart() {
        ssmAnswers(Map.of(KEY_PARAMETER, "K"));
        APIGatewayProxyResponseEvent response = call("/", VIDEO_BODY);
        assertEquals(503, response.getStatusCode());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        String reason = failureDetail(response);
        assertTrue(reason.contains(SECRET_PARAMETER) && reason.contains("ZOOM_VIDEO_SDK_SECRET_PARAMETER"), reason);

        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, SECRET));
        Jwt.verify(videoToken(), SECRET);
    }

    @Test
    void accessDeniedIs503WithWhatPermissionIsMissing() {
        ssmReplies(new Reply(400,
                "{\"__type\":\"AccessDeniedException\",\"Message\":\"not authorized to perform ssm:GetParameters\"}"));
        APIGatewayProxyResponseEvent response = call("/", VIDEO_BODY);
        assertEquals(503, response.getStatusCode());
        String reason = failureDetail(response);
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
        assertTrue(failureDetail(response).contains("Could not read SSM"));
        assertTrue(log.all().contains("503"), "a 503 is logged with its reason");
        assertEquals(400, call("/", "{}").getStatusCode(), "validation still answers");
    }

    @Test
    void aSecretShorterThan32BytesIsRefusedInWords() {
        ssmAnswers(Map.of(KEY_PARAMETER, "K", SECRET_PARAMETER, "too-short-secret"));
        APIGatewayProxyResponseEvent response = call("/", VIDEO_BODY);
        assertEquals(503, response.getStatusCode());
        String reason = failureDetail(response);
        assertTrue(reason.contains("at least 32 bytes") && reason.contains("HS256"), reason);
    }

    @Test
    void aSecretStoredAsPlainStringWorksButIsWarnedAbout() {
        ssmAnswers(Map.of());
        ssm.put(KEY_PARAMETER, "String", "K").put(SECRET_PARAMETER, "String", SECRET);
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
        assertEquals("{\"Names\":[\"" + KEY_PARAMETER + "\",\"" + SECRET_PARAMETER
                + "\",\"/zoom/meeting-sdk/key\",\"/zoom/meeting-sdk/secret\"],\"WithDecryption\":true}", lastBody());
    }

    @Test
    void aBrokenMeetingSetupNeitherBlocksNorCostsVideoRequests() {
        env.put("ZOOM_MEETING_SDK_KEY_PARAMETER", "/zoom/meeting-sdk/key");
        env.put("ZOOM_MEETING_SDK_SECRET_PARAMETER", "/zoom/meeting-sdk/secret");
        ssmAnswers(Map.of(KEY_PARAMETER, "VIDEO_KEY", SECRET_PARAMETER, SECRET));
        Jwt.verify(videoToken(), SECRET);
        APIGatewayProxyResponseEvent meeting = call("/meeting", MEETING_BODY);
        assertEquals(503, meeting.getStatusCode());
        assertTrue(failureDetail(meeting).contains("/zoom/meeting-sdk/key"));
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
        ssmReplies(Reply.error(500, "InternalServerError", "down"));
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
        assertTrue(store.prefetch(), "a fetch was started");
        Await.until("the prefetch thread to fetch", () -> !store.empty());
        assertEquals(1, ssmCalls());
        assertEquals("K", store.load(Product.VIDEO_SDK).key());
        assertEquals(1, ssmCalls(), "the first request found the prefetched credentials");
    }

    @Test
    void withoutSsmNamesAPrefetchStartsNothing() {
        env.remove("ZOOM_VIDEO_SDK_KEY_PARAMETER");
        env.remove("ZOOM_VIDEO_SDK_SECRET_PARAMETER");
        env.put("ZOOM_VIDEO_SDK_KEY", "K");
        env.put("ZOOM_VIDEO_SDK_SECRET", SECRET);
        CredentialStore store = Credentials.store(Environment.of(env), new SsmParameters(Environment.of(env)), false,
                Duration.ofSeconds(300), clock, log);
        assertFalse(store.prefetch(), "nothing to fetch, so the caller need not overlap anything with it");
        assertEquals("K", store.load(Product.VIDEO_SDK).key());
        assertEquals(0, ssmCalls());
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
        assertEquals("{\"Names\":[\"" + KEY_PARAMETER + "\"],\"WithDecryption\":true}", lastBody());
    }

    @Test
    void throttlingIsRetriedWithinOneRequest() {
        Reply throttled = Reply.error(400, "ThrottlingException", "Rate exceeded");
        ssmAnswers(Map.of(KEY_PARAMETER, "VIDEO_KEY_FROM_SSM", SECRET_PARAMETER, SECRET));
        ssm.answer(throttled, throttled);
        Jwt.verify(videoToken(), SECRET);
        assertEquals(3, ssmCalls(), "two throttled attempts, then the answer");
    }

    /** AWS_RETRY_MODE is no longer read: whatever it says, the retries are the standard ones (README). */
    @ParameterizedTest
    @CsvSource(value = {"NULL", "standard", "adaptive", "legacy"}, nullValues = "NULL")
    void retriesAreBoundedWhenSsmKeepsThrottling(String retryMode) {
        env.put("AWS_RETRY_MODE", retryMode);
        ssmReplies(Reply.error(400, "ThrottlingException", "Rate"));
        APIGatewayProxyResponseEvent response = call("/", VIDEO_BODY);
        assertEquals(503, response.getStatusCode());
        assertTrue(failureDetail(response).contains("ThrottlingException"), response.getBody());
        assertEquals(3, ssmCalls(), "at most three attempts per refresh");
    }
}
