package dev.sdkauth.handler;

import dev.sdkauth.Mode;
import dev.sdkauth.testing.Await;

import dev.sdkauth.testing.Proxy;
import dev.sdkauth.Environment;
import dev.sdkauth.credentials.CredentialStore;
import dev.sdkauth.credentials.Credentials;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.aws.SsmParameters;
import dev.sdkauth.testing.RecordingLogger;
import dev.sdkauth.testing.SsmStandIn;
import dev.sdkauth.testing.ZoomStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SnapStart hooks, called directly: on an ordinary JVM CRaC never calls them. */
class WarmupTest {
    private static final String SECRET = "real-secret-from-ssm-0123456789abcdefghij";
    private final RecordingLogger log = new RecordingLogger();
    private SsmStandIn ssm;
    private Environment env;
    private SsmParameters parameters;
    private CredentialStore store;
    private Warmup warmup;

    @BeforeEach
    void start() {
        ssm = SsmStandIn.http();
        ssm.put("/k", "String", "REAL_KEY").put("/s", "SecureString", SECRET);
        Map<String, String> variables = new java.util.HashMap<>(ssm.environment());
        variables.putAll(Map.of("ZOOM_VIDEO_SDK_KEY_PARAMETER", "/k", "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/s"));
        env = Environment.of(variables);
        parameters = new SsmParameters(env);
        store = Credentials.store(env, parameters, false, Duration.ofSeconds(300), Clock.systemUTC(), log);
        warmup = new Warmup(store, parameters, log);
    }

    @AfterEach
    void stop() {
        ssm.close();
        assertEquals(List.of(), ssm.problems());
        assertFalse(log.all().contains(SECRET));
    }

    /**
     * With ZAKs on, the checkpoint hooks run the ZAK path against a Zoom played on loopback: the real Zoom (here the
     * stand-in) hears nothing before the restore, and the first real ZAK after it is one grant and one call.
     */
    @Test
    void withZaksOnTheZakPathIsPrimedOnLoopbackAndZoomHearsNothingBeforeTheRestore() throws Exception {
        try (ZoomStandIn zoom = ZoomStandIn.http().user("uid-hal", "hal@example.com")) {
            Map<String, String> variables = new java.util.HashMap<>(ssm.environment());
            variables.putAll(zoom.environment());
            variables.putAll(Map.of("ZOOM_MEETING_SDK_KEY", "MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", SECRET,
                    "ZAK_USERS", "*", "ANONYMOUS_HOST_TOKENS", "true"));
            CredentialStore withZaks = Credentials.store(Environment.of(variables), parameters, false,
                    Duration.ofSeconds(300), Clock.systemUTC(), log);
            Warmup primed = new Warmup(withZaks, parameters, log);
            assertEquals(Warmup.ZAK_ROUNDS, primed.primeZakPath());
            primed.beforeCheckpoint(null);
            assertEquals(List.of(), zoom.calls(), "priming never calls the real Zoom");
            assertFalse(log.all().contains("WARN"), log.all());
            TokenHandler handler = new TokenHandler(Environment.of(variables), dev.sdkauth.Mode.DEPLOYED,
                    Clock.systemUTC(), log);
            assertEquals(200, Proxy.call(handler, Proxy.post("/meeting",
                    "{\"meetingNumber\":\"1\",\"role\":0,\"zakUser\":\"uid-hal\"}")).getStatusCode());
            assertEquals(1, zoom.grants());
        }
    }

    private int ssmCalls() {
        return ssm.count();
    }

    private void awaitFetch() {
        Await.until("the background fetch", () -> !store.empty());
    }

    @Test
    void primingRunsEveryKindOfRequestToTheStatusItShouldGet() {
        assertEquals(6, Warmup.prime());
    }

    @Test
    void beforeTheCheckpointNothingIsFetchedAndNothingIsHeld() throws Exception {
        warmup.beforeCheckpoint(null);
        assertEquals(0, ssmCalls(), "priming uses a throwaway key; SSM is not called before the snapshot");
        assertTrue(store.empty());
        assertEquals("", log.all(), "priming is silent");
    }

    @Test
    void credentialsFetchedBeforeTheCheckpointAreDroppedFromTheSnapshot() throws Exception {
        assertEquals("REAL_KEY", store.load(Product.VIDEO_SDK).key());
        warmup.beforeCheckpoint(null);
        assertTrue(store.empty());
    }

    @Test
    void aFailedPrimingStepLogsOneWarningAndTheFunctionStillStartsAndAnswers() throws Exception {
        // The loopback SSM lacks the priming's secret: the credential path's priming fails as any step could.
        Warmup failing = new Warmup(store, parameters, log, Map.of("/priming/video-sdk/key", "priming"));
        failing.beforeCheckpoint(null);
        assertEquals(1, log.lines.size(), "one line: " + log.lines);
        assertTrue(log.lines.get(0).startsWith("WARN Priming the credential path failed"), log.lines.get(0));
        assertTrue(store.empty());
        assertEquals(0, ssmCalls());
        failing.afterRestore(null);
        awaitFetch();
        assertEquals("REAL_KEY", store.load(Product.VIDEO_SDK).key());
        assertEquals(1, ssmCalls());
    }

    @Test
    void afterTheRestoreTheCredentialsAreFetchedFreshOnceInTheBackground() throws Exception {
        warmup.beforeCheckpoint(null);
        warmup.afterRestore(null);
        awaitFetch();
        assertEquals(1, ssmCalls());
        assertEquals("REAL_KEY", store.load(Product.VIDEO_SDK).key());
        assertEquals(1, ssmCalls(), "the first request after the restore found them fetched");
    }

    /** The Lambda constructor's policy, by AWS_LAMBDA_INITIALIZATION_TYPE. */
    private TokenHandler lambdaHandler(String initializationType) {
        Map<String, String> variables = new java.util.HashMap<>();
        for (String name : List.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL_SSM",
                "ZOOM_VIDEO_SDK_KEY_PARAMETER", "ZOOM_VIDEO_SDK_SECRET_PARAMETER")) {
            variables.put(name, env.named(name));
        }
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
        return new TokenHandler(Environment.of(variables), Mode.DEPLOYED, Clock.systemUTC(), log, TokenHandler.Start.LAMBDA,
                log::log);
    }

    private void awaitFirstCall() {
        Await.until("the first SSM call", () -> ssmCalls() > 0);
    }

    @Test
    void anOnDemandLambdaInitFetchesBeforeTheFirstRequest() throws Exception {
        lambdaHandler("on-demand");
        awaitFirstCall();
        assertEquals(1, ssmCalls());
    }

    @Test
    void aSnapStartInitFetchesNothingBeforeTheSnapshot() throws Exception {
        // An on-demand init first, so the client is loaded and a wrongly started fetch would land well inside the wait.
        lambdaHandler("on-demand");
        awaitFirstCall();
        int before = ssmCalls();
        TokenHandler handler = lambdaHandler("snap-start");
        Await.never("an SSM call before afterRestore", Duration.ofMillis(500), () -> ssmCalls() != before);
        assertEquals(200, Proxy.call(handler, new com.amazonaws.services.lambda.runtime.events
                .APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/")
                .withBody("{\"sessionName\":\"s\",\"role\":0}")).getStatusCode());
        assertEquals(before + 1, ssmCalls(), "the first request fetched them");
    }

    @Test
    void withoutSnapStartTheFetchStartsRightAway() throws Exception {
        warmup.now();
        awaitFetch();
        assertEquals(1, ssmCalls());
        assertFalse(store.empty());
    }
}
