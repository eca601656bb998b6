package dev.sdkauth.aws;

import dev.sdkauth.testing.Assertions;

import dev.sdkauth.Environment;
import dev.sdkauth.testing.ContainerCredentialsStandIn;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.SelfSignedTls;
import dev.sdkauth.testing.SsmStandIn;
import dev.sdkauth.testing.SsmStandIn.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SSM client on its own, over real sockets to {@link SsmStandIn}, which checks every signature independently:
 * where the AWS credentials come from, retries, clock skew, HTTPS, and what each failure says.
 */
class SsmParametersTest {
    private static final List<String> NAMES = List.of("/zoom/video-sdk/key", "/zoom/video-sdk/secret");
    private static final String SECRET = "ssm-secret-value-0123456789abcdefghijklm";
    private static final String TOKEN = "container-authorization-token-value";

    @TempDir
    Path home;
    private final SsmStandIn ssm = SsmStandIn.http();
    private final Map<String, String> env = new HashMap<>();
    private final List<String> messages = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void configure() {
        ssm.put(NAMES.get(0), "THE_KEY").put(NAMES.get(1), SECRET);
        env.putAll(ssm.environment());
        // Never the developer's own ~/.aws.
        env.put("HOME", home.toString());
    }

    @AfterEach
    void noProblemsAndNoSecretInAnyMessage() throws Exception {
        for (AutoCloseable resource : closing) {
            resource.close();
        }
        ssm.close();
        assertEquals(List.of(), ssm.problems(), "the stand-in saw requests off the protocol");
        for (String message : messages) {
            Assertions.assertNoSecret("an error message", message, SECRET, SsmStandIn.SECRET_ACCESS_KEY, TOKEN,
                    "wrong-secret-access-key", "session-token-value", "container-secret-", "container-session-token-",
                    "profile-secret");
        }
    }

    private SsmParameters client() {
        return new SsmParameters(Environment.of(env));
    }

    private String failure(SsmParameters client) {
        String message = assertThrows(AwsException.class, () -> client.get(NAMES)).getMessage();
        messages.add(message);
        return message;
    }

    private void readsTheParameters(SsmParameters client) {
        Map<String, SsmParameter> parameters = client.get(NAMES);
        assertEquals("THE_KEY", parameters.get(NAMES.get(0)).value());
        assertEquals(SECRET, parameters.get(NAMES.get(1)).value());
        assertTrue(parameters.get(NAMES.get(1)).secure());
        assertFalse(parameters.get(NAMES.get(0)).secure());
    }

    @Test
    void withKeysFromTheEnvironmentOneSignedCallReadsThemDecrypted() {
        readsTheParameters(client());
        assertEquals(1, ssm.count());
        SsmStandIn.Call call = ssm.calls().get(0);
        assertEquals(SsmStandIn.ACCESS_KEY_ID, call.accessKeyId());
        assertEquals(NAMES, call.names());
        assertEquals("{\"Names\":[\"/zoom/video-sdk/key\",\"/zoom/video-sdk/secret\"],\"WithDecryption\":true}",
                call.body());
        assertNull(call.refusedWith());
        assertFalse(call.headers().keySet().stream().anyMatch(name -> name.equalsIgnoreCase("X-Amz-Security-Token")));
    }

    @Test
    void consecutiveCallsShareOneKeptAliveConnectionEvenAfterAnError() {
        SsmParameters client = client();
        ssm.answer(Reply.error(400, "ThrottlingException", "Rate exceeded"));
        readsTheParameters(client);
        readsTheParameters(client);
        assertEquals(3, ssm.count());
        assertEquals(1, ssm.calls().stream().map(SsmStandIn.Call::clientPort).distinct().count(),
                "one connection: " + ssm.calls().stream().map(SsmStandIn.Call::clientPort).toList());
    }

    @Test
    void namesSsmDoesNotHaveAreAbsentFromTheAnswer() {
        ssm.clear();
        ssm.put(NAMES.get(0), "THE_KEY");
        Map<String, SsmParameter> parameters = client().get(NAMES);
        assertEquals(List.of(NAMES.get(0)), List.copyOf(parameters.keySet()));
    }

    @Test
    void aSessionTokenFromTheEnvironmentIsSentAndSigned() {
        ssm.allow("ASIASESSION", "session-secret-access-key", "session-token-value");
        env.putAll(Map.of("AWS_ACCESS_KEY_ID", "ASIASESSION", "AWS_SECRET_ACCESS_KEY", "session-secret-access-key",
                "AWS_SESSION_TOKEN", "session-token-value"));
        readsTheParameters(client());
        String authorization = ssm.calls().get(0).headers().get("Authorization").get(0);
        assertTrue(authorization.contains("x-amz-security-token"), authorization);
    }

    @Test
    void halfAKeyPairInTheEnvironmentIsReportedByName() {
        env.remove("AWS_SECRET_ACCESS_KEY");
        assertTrue(failure(client()).contains("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));
        assertEquals(0, ssm.count());
    }

    // --- the container credential endpoint (SnapStart, ECS, EKS)

    private ContainerCredentialsStandIn containerEndpoint(Clock clock) {
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        ContainerCredentialsStandIn endpoint = new ContainerCredentialsStandIn(TOKEN, ssm, clock);
        closing.add(endpoint);
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url());
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN);
        return endpoint;
    }

    @Test
    void withoutKeysTheContainerEndpointProvidesTemporaryCredentialsOnceUntilNearTheirExpiry() {
        MutableClock clock = new MutableClock(Instant.now());
        ContainerCredentialsStandIn endpoint = containerEndpoint(clock);
        // Seven minutes: refreshed from two minutes on. (The clock signs too: it stays well within SSM's 5 minutes.)
        endpoint.lifetime(Duration.ofMinutes(7));
        SsmParameters client = new SsmParameters(Environment.of(env), clock);
        readsTheParameters(client);
        clock.advance(Duration.ofSeconds(110));
        readsTheParameters(client);
        assertEquals(1, endpoint.fetches(), "held while more than five minutes are left");
        assertEquals(List.of("ASIACONTAINER0001", "ASIACONTAINER0001"),
                ssm.calls().stream().map(SsmStandIn.Call::accessKeyId).toList());
        clock.advance(Duration.ofSeconds(20));
        readsTheParameters(client);
        assertEquals(2, endpoint.fetches(), "refreshed five minutes ahead of the expiry");
        assertEquals("ASIACONTAINER0002", ssm.calls().get(2).accessKeyId());
        assertEquals(List.of(TOKEN, TOKEN), endpoint.authorizations);
    }

    @Test
    void whileTheEndpointIsDownCredentialsWithAMinuteLeftKeepSigning() {
        MutableClock clock = new MutableClock(Instant.now());
        ContainerCredentialsStandIn endpoint = containerEndpoint(clock);
        endpoint.lifetime(Duration.ofMinutes(7));
        SsmParameters client = new SsmParameters(Environment.of(env), clock);
        readsTheParameters(client);
        endpoint.close();
        clock.advance(Duration.ofSeconds(130));
        readsTheParameters(client);
        assertEquals("ASIACONTAINER0001", ssm.calls().get(1).accessKeyId(), "due for a refresh, still valid");
        clock.advance(Duration.ofSeconds(250));
        String message = failure(client);
        assertTrue(message.contains("container credential endpoint") && message.contains("ConnectException"),
                message);
        assertEquals(2, ssm.count(), "less than a minute left: not signed with them");
    }

    @Test
    void theAuthorizationTokenFileWinsOverTheVariable() throws Exception {
        ContainerCredentialsStandIn endpoint = containerEndpoint(Clock.systemUTC());
        Path file = home.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "not-the-token");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.toString());
        readsTheParameters(client());
        assertEquals(List.of(TOKEN), endpoint.authorizations);
    }

    @Test
    void aRefusedContainerTokenIsReportedWithoutTheToken() {
        ContainerCredentialsStandIn endpoint = containerEndpoint(Clock.systemUTC());
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong-" + TOKEN);
        String message = failure(client());
        assertTrue(message.contains("HTTP 401") && message.contains("AWS_CONTAINER_AUTHORIZATION_TOKEN"), message);
        assertFalse(message.contains("wrong-"), message);
        assertEquals(1, endpoint.fetches() + endpoint.authorizations.size());
        assertEquals(0, ssm.count());
    }

    @ParameterizedTest
    @CsvSource({"http://192.0.2.10/credentials", "http://10.0.0.1:9001/credentials", "ftp://127.0.0.1/credentials"})
    void plainHttpGoesOnlyToLoopbackAndTheEcsAndEksHosts(String uri) {
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri);
        String message = failure(client());
        assertTrue(message.contains("must be https, or http to a loopback address"), message);
    }

    @Test
    void theCheckpointForgetsContainerCredentials() {
        ContainerCredentialsStandIn endpoint = containerEndpoint(Clock.systemUTC());
        SsmParameters client = client();
        readsTheParameters(client);
        client.prepare();
        assertEquals(1, ssm.count(), "preparing calls nothing");
        readsTheParameters(client);
        assertEquals(2, endpoint.fetches(), "fetched anew after the snapshot");
    }

    @Test
    void credentialsSsmCallsExpiredAreFetchedAnewOnTheNextCall() {
        ContainerCredentialsStandIn endpoint = containerEndpoint(Clock.systemUTC());
        SsmParameters client = client();
        readsTheParameters(client);
        ssm.expectAuthFailures();
        ssm.expire("ASIACONTAINER0001");
        String message = failure(client);
        assertTrue(message.contains("ExpiredTokenException") && message.contains("container credential endpoint"),
                message);
        readsTheParameters(client);
        assertEquals(2, endpoint.fetches());
    }

    // --- shared files, for serve on a laptop

    private void files(String credentials, String config) throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), credentials);
        Files.writeString(home.resolve(".aws/config"), config);
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        env.remove("AWS_REGION");
    }

    @Test
    void aProfileGivesKeysAndRegion() throws Exception {
        ssm.allow("AKIDPROFILE", "profile-secret", "profile-session");
        files("""
                [default]
                aws_access_key_id = AKIDDEFAULT
                aws_secret_access_key = not-this-one

                [dev]
                # a comment
                aws_access_key_id = AKIDPROFILE
                aws_secret_access_key = profile-secret
                aws_session_token = profile-session
                """, """
                [default]
                region = eu-west-1
                [profile dev]
                region = us-east-1
                s3 =
                  max_concurrent_requests = 20
                """);
        env.put("AWS_PROFILE", "dev");
        readsTheParameters(client());
        assertEquals("AKIDPROFILE", ssm.calls().get(0).accessKeyId());
    }

    @Test
    void filesNamedByTheVariablesWinOverTheHomeDirectory() throws Exception {
        files("", "");
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("creds"), "[default]\naws_access_key_id=" + SsmStandIn.ACCESS_KEY_ID
                + "\naws_secret_access_key=" + SsmStandIn.SECRET_ACCESS_KEY + "\n");
        Files.writeString(elsewhere.resolve("conf"), "[default]\nregion=us-east-1\n");
        env.put("AWS_SHARED_CREDENTIALS_FILE", elsewhere.resolve("creds").toString());
        env.put("AWS_CONFIG_FILE", elsewhere.resolve("conf").toString());
        readsTheParameters(client());
    }

    @Test
    void aProfileThatNeedsSsoAsksForExportedCredentials() throws Exception {
        files("", """
                [profile sso-dev]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = Developer
                region = us-east-1
                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                """);
        env.put("AWS_PROFILE", "sso-dev");
        String message = failure(client());
        assertTrue(message.contains("sso_session")
                && message.contains("aws configure export-credentials --profile sso-dev --format env"), message);
        assertEquals(0, ssm.count());
    }

    @Test
    void withNoCredentialsAnywhereTheMessageSaysWhereItLooked() throws Exception {
        files("", "[default]\nregion = us-east-1\n");
        String message = failure(client());
        assertTrue(message.contains("AWS_ACCESS_KEY_ID") && message.contains("profile 'default'")
                && message.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI")
                && message.contains("aws configure export-credentials --format env"), message);
    }

    // --- retries

    private static Reply throttled() {
        return Reply.error(400, "ThrottlingException", "Rate exceeded");
    }

    @Test
    void aThrottledAttemptIsRetriedAndTheNextOneAnswers() {
        ssm.answer(throttled(), new Reply(429, ""));
        readsTheParameters(client());
        assertEquals(3, ssm.count(), "throttled, throttled (HTTP 429), answered");
    }

    @Test
    void persistentThrottlingGivesUpAfterThreeAttempts() {
        ssm.always(throttled());
        String message = failure(client());
        assertTrue(message.contains("ThrottlingException") && message.contains("after 3 attempts"), message);
        assertEquals(3, ssm.count());
    }

    @Test
    void anOutageIsRetriedThenReportedWithItsErrorType() {
        ssm.always(Reply.error(500, "InternalServerError", "down"));
        String message = failure(client());
        assertTrue(message.contains("InternalServerError") && message.contains("HTTP 500")
                && message.contains(NAMES.get(1)), message);
        assertEquals(3, ssm.count());
    }

    @Test
    void aProxysPageInsteadOfSsmsJsonIsReportedByItsStatus() {
        ssm.always(new Reply(502, "<html><body>Bad Gateway</body></html>"));
        String message = failure(client());
        assertTrue(message.endsWith(": HTTP 502 after 3 attempts"), message);
        ssm.always(new Reply(200, "<html>a captive portal</html>"));
        assertTrue(failure(client()).contains("not its JSON"));
    }

    @Test
    void aDroppedConnectionIsRetried() {
        ssm.answer(Reply.DROP);
        readsTheParameters(client());
        assertEquals(2, ssm.count());
    }

    @Test
    void aRefusedConnectionIsReportedAsUnreachable() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        env.put("AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:" + closed);
        String message = failure(client());
        assertTrue(message.startsWith("Could not read SSM parameter(s)") && message.contains("ConnectException")
                && message.contains("from http://127.0.0.1:" + closed + ":") && message.contains("after 3 attempts"),
                message);
    }

    @Test
    void aHungSsmIsGivenUpOnWithinTheCallBudget() {
        ssm.behaviour(call -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        long started = System.nanoTime();
        String message = failure(client());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(message.contains("SocketTimeoutException"), message);
        assertTrue(millis < SsmParameters.CALL_BUDGET.toMillis() + 1_500, millis + " ms");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "AccessDeniedException | not authorized to perform: ssm:GetParameters | was denied",
            "AccessDeniedException | not authorized to perform: kms:Decrypt (Service: AWSKMS) | could not decrypt",
            "KMSAccessDeniedException | denied | could not decrypt",
            "ValidationException | bad names | ValidationException (HTTP 400)",
            "ParameterNotFound | none | not found"})
    void refusalsAreReportedOnceWithTheirTypeAndNoRetry(String type, String message, String says) {
        ssm.always(Reply.error(400, type, message));
        String reported = failure(client());
        assertTrue(reported.contains(type) && reported.contains(says) && reported.contains(NAMES.get(0)), reported);
        assertEquals(1, ssm.count());
    }

    @Test
    void aWrongSecretIsRefusedByTheStandInAndNotRetried() {
        ssm.expectAuthFailures();
        env.put("AWS_SECRET_ACCESS_KEY", "wrong-secret-access-key");
        String message = failure(client());
        assertTrue(message.contains("InvalidSignatureException") && message.contains(SsmStandIn.ACCESS_KEY_ID)
                && message.contains("the environment"), message);
        assertEquals(1, ssm.count());
    }

    @Test
    void anUnknownAccessKeyIsReportedAsSuch() {
        ssm.expectAuthFailures();
        env.put("AWS_ACCESS_KEY_ID", "AKIDUNKNOWN");
        String message = failure(client());
        assertTrue(message.contains("UnrecognizedClientException"), message);
        assertEquals(1, ssm.count());
    }

    // --- clock skew

    @ParameterizedTest
    @CsvSource({"-20", "20"})
    void aSkewedClockIsCorrectedOnceFromSsmsDateAndTheOffsetKept(long minutes) {
        ssm.expectAuthFailures();
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(minutes));
        SsmParameters client = new SsmParameters(Environment.of(env), skewed);
        readsTheParameters(client);
        assertEquals(2, ssm.count(), "refused for its time, re-signed, answered");
        assertEquals("InvalidSignatureException", ssm.calls().get(0).refusedWith());
        readsTheParameters(client);
        assertEquals(3, ssm.count(), "the offset is kept");
        client.prepare();
        readsTheParameters(client);
        assertEquals(5, ssm.count(), "a snapshot does not keep the offset: learnt anew after it");
    }

    // --- HTTPS

    @Test
    void overHttpsWithACertificateTheJdkTrusts() throws Exception {
        SelfSignedTls tls = SelfSignedTls.get();
        try (SsmStandIn secure = SsmStandIn.https(tls.serverContext());
             AutoCloseable trusted = tls.trustedByHttpsUrlConnection()) {
            secure.put(NAMES.get(0), "THE_KEY").put(NAMES.get(1), SECRET);
            env.put("AWS_ENDPOINT_URL_SSM", secure.url());
            readsTheParameters(client());
            assertEquals(1, secure.count());
            assertEquals(List.of(), secure.problems());
        }
    }

    @Test
    void anUntrustedCertificateIsAnUnreachableSsm() {
        SelfSignedTls tls = SelfSignedTls.get();
        try (SsmStandIn secure = SsmStandIn.https(tls.serverContext())) {
            env.put("AWS_ENDPOINT_URL_SSM", secure.url());
            String message = failure(client());
            assertTrue(message.contains("Could not read SSM") && message.contains("SSL"), message);
        }
    }

    // --- endpoint and region

    private static SsmEndpoint endpoint(Map<String, String> variables, String profileRegion) {
        Supplier<AwsProfiles> profiles = () -> {
            throw new AssertionError("the profile is read only without a region variable");
        };
        if (profileRegion != null) {
            return SsmEndpoint.resolve(Environment.of(variables), () -> AwsProfiles.load(Environment.of(
                    Map.of("HOME", "/nonexistent", "AWS_CONFIG_FILE", profileRegion))));
        }
        return SsmEndpoint.resolve(Environment.of(variables), profiles);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "us-east-1 | - | - | - | https://ssm.us-east-1.amazonaws.com/ | us-east-1",
            "- | eu-central-1 | - | - | https://ssm.eu-central-1.amazonaws.com/ | eu-central-1",
            "cn-north-1 | - | - | - | https://ssm.cn-north-1.amazonaws.com.cn/ | cn-north-1",
            "eu-west-1 | us-east-1 | http://127.0.0.1:4566 | - | http://127.0.0.1:4566/ | eu-west-1",
            "eu-west-1 | - | http://localhost:4566/all | http://127.0.0.1:9/ssm | http://127.0.0.1:9/ssm | eu-west-1"})
    void endpointAndRegionAreResolvedAsTheSdkDoes(String region, String defaultRegion, String endpointUrl,
                                                  String ssmEndpointUrl, String uri, String signingRegion) {
        Map<String, String> variables = new HashMap<>();
        if (region != null) {
            variables.put("AWS_REGION", region);
        }
        if (defaultRegion != null) {
            variables.put("AWS_DEFAULT_REGION", defaultRegion);
        }
        if (endpointUrl != null) {
            variables.put("AWS_ENDPOINT_URL", endpointUrl);
        }
        if (ssmEndpointUrl != null) {
            variables.put("AWS_ENDPOINT_URL_SSM", ssmEndpointUrl);
        }
        SsmEndpoint resolved = endpoint(variables, null);
        assertEquals(uri, resolved.uri().toString());
        assertEquals(signingRegion, resolved.region());
    }

    @Test
    void theProfilesRegionIsTheLastResort() throws Exception {
        Path config = home.resolve("config");
        Files.writeString(config, "[default]\nregion = ap-southeast-2\n");
        assertEquals("ap-southeast-2", endpoint(Map.of(), config.toString()).region());
    }

    @Test
    void withoutARegionEvenAnEndpointOverrideCannotBeSignedFor() {
        env.remove("AWS_REGION");
        String message = failure(client());
        assertTrue(message.contains("no AWS region is configured; set AWS_REGION"), message);
        env.put("AWS_REGION", "not a region");
        assertTrue(failure(client()).contains("is not a region name"));
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_SSM", "127.0.0.1:4566");
        assertTrue(failure(client()).contains("AWS_ENDPOINT_URL_SSM must be an http(s) URL"));
        assertEquals(0, ssm.count());
    }

    /** The signer signs the path as it is and no query: an override it could not sign right is refused up front. */
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:4566/?x=1", "http://127.0.0.1:4566/#top", "http://u:p@127.0.0.1:4566/",
            "http://127.0.0.1:4566/a%20b", "http://127.0.0.1:4566/../ssm", "http://127.0.0.1:4566/a b"})
    void anOverrideWithAQueryOrAPathToEncodeIsRefusedByName(String url) {
        env.put("AWS_ENDPOINT_URL_SSM", url);
        String message = failure(client());
        assertTrue(message.startsWith("Cannot call SSM: AWS_ENDPOINT_URL_SSM m"), message);
        assertFalse(message.contains("u:p"), "no credentials of the URL in the message: " + message);
        assertEquals(0, ssm.count());
    }

    @Test
    void anOverridesDotSegmentsAreResolvedBeforeSigning() {
        SsmEndpoint resolved = endpoint(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:9/a/./b/../ssm"), null);
        assertEquals("http://127.0.0.1:9/a/ssm", resolved.uri().toString());
    }

    // --- SnapStart and secrecy

    @Test
    void preparingSignsNothingRealAndCallsNobody() {
        SsmParameters client = client();
        client.prepare();
        assertEquals(0, ssm.count());
    }

    @Test
    void neitherAParameterNorAwsCredentialsShowTheirSecretsWhenPrinted() {
        String parameter = new SsmParameter("/s", "SecureString", SECRET).toString();
        String credentials = new AwsCredentials("AKID", SsmStandIn.SECRET_ACCESS_KEY, "session-token-value", null,
                "test").toString();
        messages.add(parameter);
        messages.add(credentials);
        assertTrue(parameter.contains("/s") && credentials.contains("AKID"));
    }
}
