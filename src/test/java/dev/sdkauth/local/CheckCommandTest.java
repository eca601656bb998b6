package dev.sdkauth.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.Mode;
import dev.sdkauth.handler.TokenHandler;
import com.sun.net.httpserver.HttpServer;
import dev.sdkauth.testing.Assertions;
import dev.sdkauth.testing.HandMadeJwt;
import dev.sdkauth.testing.LoopbackServer;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import dev.sdkauth.testing.SsmStandIn;
import dev.sdkauth.testing.ZoomStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check} against {@code serve}'s own server over real sockets, with and without a front door that wants an
 * API key, a bearer token or a SigV4 signature, and with the credentials read as the function reads them.
 */
class CheckCommandTest {
    private static final String VIDEO_SECRET = "video-secret-for-check-0123456789abcdef";
    private static final String MEETING_SECRET = "meeting-secret-for-check-0123456789abcd";
    private static final String OTHER_SECRET = "another-secret-for-check-0123456789abcd";
    private static final String API_KEY = "api-key-of-the-usage-plan-0123456789";
    private static final String BEARER = "eyJraWQiOiJjb2duaXRvIn0.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
    private static final Map<String, String> BOTH = Map.of(
            "ZOOM_VIDEO_SDK_KEY", "VIDEO_KEY", "ZOOM_VIDEO_SDK_SECRET", VIDEO_SECRET,
            "ZOOM_MEETING_SDK_KEY", "MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", MEETING_SECRET);

    /** The user of the Zoom stand-in's account whose ZAK the ZAK tests ask for. */
    private static final String ZAK_USER = "alice@example.com";
    /** The header and signature of the stand-in's ZAKs (and of those scripted here): a ZAK is never printed. */
    private static final String ZAK_HEADER = HandMadeJwt.base64url("{\"typ\":\"JWT\",\"alg\":\"ES256\"}");
    private static final String ZAK_SIGNATURE = HandMadeJwt.base64url("standin-signature-uid-alice");
    private static final String OPAQUE_ZAK = "an-opaque-zak-0123456789abcdef";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<AutoCloseable> started = new ArrayList<>();
    private ZoomStandIn zoom;

    @AfterEach
    void stopAndCheckNothingSecretWasPrinted() throws Exception {
        for (AutoCloseable server : started) {
            server.close();
        }
        String printed = stdout() + stderr();
        Assertions.assertNoSecret("check's output", printed, VIDEO_SECRET, MEETING_SECRET, OTHER_SECRET, API_KEY,
                BEARER, SsmStandIn.SECRET_ACCESS_KEY, ZoomStandIn.CLIENT_SECRET, "standin-access-token", ZAK_HEADER,
                ZAK_SIGNATURE, OPAQUE_ZAK);
        // Claims are shown decoded; a token itself (base64url of {"alg"...}) never is.
        assertTrue(!printed.contains("eyJhbGciOi"), "a token reached the output");
        if (zoom != null) {
            assertEquals(List.of(), zoom.problems());
        }
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json() {
        return Proxy.json(stdout());
    }

    /** serve's server with this configuration; development credentials only when {@code local}. */
    private URI serve(Map<String, String> env, boolean local) throws Exception {
        Environment environment = Environment.of(env);
        TokenHandler handler = local ? TokenHandler.local(environment, Clock.systemUTC(), new RecordingLogger())
                : new TokenHandler(environment, Mode.DEPLOYED, Clock.systemUTC(), new RecordingLogger());
        LocalServer server = LocalServer.start(handler, "127.0.0.1", 0);
        started.add(server);
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    private URI serve(Map<String, String> env) throws Exception {
        return serve(env, false);
    }

    /** The Zoom stand-in, its user alice, started on first use and stopped after the test. */
    private ZoomStandIn zoom() {
        if (zoom == null) {
            zoom = started(ZoomStandIn.http().user("uid-alice", ZAK_USER));
        }
        return zoom;
    }

    /** serve's server (deployed) getting ZAKs from the Zoom stand-in; ZAK_USERS is among {@code settings} or unset. */
    private URI serveZaks(String... settings) throws Exception {
        Map<String, String> env = with(BOTH, "ANONYMOUS_HOST_TOKENS", "true");
        env.putAll(zoom().environment());
        return serve(with(env, settings));
    }

    private <T extends AutoCloseable> T started(T server) {
        started.add(server);
        return server;
    }

    private int check(Map<String, String> env, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "check";
        System.arraycopy(args, 0, command, 1, args.length);
        return Main.run(command, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Environment.of(env), new CountDownLatch(0));
    }

    private static Map<String, String> with(Map<String, String> env, String... more) {
        Map<String, String> all = new HashMap<>(env);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    private List<String> messages() {
        List<String> messages = new ArrayList<>();
        json().get("probes").forEach(probe -> probe.get("findings").forEach(finding ->
                messages.add(finding.get("severity").textValue() + " " + finding.get("message").textValue())));
        return messages;
    }

    private boolean said(String severity, String fragment) {
        return messages().stream().anyMatch(message -> message.startsWith(severity) && message.contains(fragment));
    }

    @Test
    void anEndpointSigningWithTheConfiguredCredentialsPassesBothProbes() throws Exception {
        URI url = serve(BOTH);
        assertEquals(0, check(BOTH, url.toString()), stdout());
        List<String> lines = stdout().lines().toList();
        assertEquals(List.of("Video SDK: POST " + url + ": answered 200, video-sdk token, signature valid",
                "Meeting SDK: POST " + url + "meeting: answered 200, meeting-sdk token, signature valid",
                "check: passed (0 errors, 0 warnings): every token verifies with the configured secret and the"
                        + " doctor finds no error."), lines);
        assertEquals("", stderr());
    }

    @Test
    void theJsonReportHasEveryProbeWithItsTokenAndFindings() throws Exception {
        URI url = serve(BOTH);
        assertEquals(0, check(BOTH, url.toString().replaceAll("/$", ""), "--json", "--session", "Cool Cars"));
        assertEquals(1, stdout().lines().count(), "one JSON object on one line");
        JsonNode report = json();
        assertTrue(report.get("passed").booleanValue());
        assertEquals("http://localhost:3000", report.get("origin").textValue());
        JsonNode video = report.get("probes").get(0);
        assertEquals("video-sdk", video.get("product").textValue());
        assertEquals(200, video.get("status").intValue());
        assertEquals("valid", video.get("token").get("signature").textValue());
        assertEquals("Cool Cars", video.get("token").get("claims").get("tpc").textValue(), "--session is sent");
        assertEquals(0, video.get("token").get("claims").get("role_type").intValue(), "a participant's token");
        JsonNode meeting = report.get("probes").get(1);
        assertEquals(url + "meeting", meeting.get("url").textValue());
        assertEquals("1234567890", meeting.get("token").get("claims").get("mn").textValue());
    }

    @Test
    void onlyTheVideoSdkIsProbedUnlessTheMeetingSdkIsConfiguredOrAskedFor() throws Exception {
        Map<String, String> video = Map.of("ZOOM_VIDEO_SDK_KEY", "VIDEO_KEY", "ZOOM_VIDEO_SDK_SECRET", VIDEO_SECRET);
        URI url = serve(BOTH);
        assertEquals(0, check(video, url.toString(), "--json"));
        assertEquals(1, json().get("probes").size());
        out.reset();
        assertEquals(1, check(video, url.toString(), "--json", "--meeting-number", "857 4606 5432"));
        assertEquals("85746065432", json().get("probes").get(1).get("token").get("claims").get("mn").textValue());
        assertTrue(said("error", "none are configured here"), messages().toString());
    }

    /** The operator's credentials are the function's SSM parameters, read with the operator's AWS keys. */
    @Test
    void theCredentialsCanComeFromSsmAsTheFunctionReadsThem() throws Exception {
        URI url = serve(BOTH);
        SsmStandIn ssm = started(SsmStandIn.http());
        ssm.put("/zoom/video-sdk/key", "VIDEO_KEY").put("/zoom/video-sdk/secret", VIDEO_SECRET)
                .put("/zoom/meeting-sdk/key", "MEETING_KEY").put("/zoom/meeting-sdk/secret", MEETING_SECRET);
        Map<String, String> env = with(ssm.environment(),
                "ZOOM_VIDEO_SDK_KEY_PARAMETER", "/zoom/video-sdk/key",
                "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/zoom/video-sdk/secret",
                "ZOOM_MEETING_SDK_KEY_PARAMETER", "/zoom/meeting-sdk/key",
                "ZOOM_MEETING_SDK_SECRET_PARAMETER", "/zoom/meeting-sdk/secret");
        assertEquals(0, check(env, url.toString()), stdout());
        assertEquals(1, ssm.count(), "one signed GetParameters for both products");
        assertEquals(List.of(), ssm.problems());
    }

    @Test
    void parametersSsmCannotReadAreSaidAndFail() throws Exception {
        URI url = serve(BOTH);
        SsmStandIn ssm = started(SsmStandIn.http());
        Map<String, String> env = with(ssm.environment(), "ZOOM_VIDEO_SDK_KEY_PARAMETER", "/missing/key",
                "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/missing/secret");
        assertEquals(1, check(env, url.toString(), "--json"));
        assertTrue(said("error", "/missing/key"), messages().toString());
        assertEquals(1, ssm.count(), "read once, not once a question");
    }

    @Test
    void aTokenSignedWithAnotherSecretFails() throws Exception {
        URI url = serve(with(BOTH, "ZOOM_VIDEO_SDK_SECRET", OTHER_SECRET));
        assertEquals(1, check(BOTH, url.toString(), "--json"));
        assertEquals("invalid", json().get("probes").get(0).get("token").get("signature").textValue());
        assertTrue(said("error", "does not verify with the configured Video SDK secret"), messages().toString());
        assertTrue(json().get("probes").get(1).get("passed").booleanValue(), "the Meeting SDK is fine");
    }

    @Test
    void aTokenSignedWithTheOtherProductsSecretIsNamed() throws Exception {
        URI url = serve(with(BOTH, "ZOOM_MEETING_SDK_SECRET", VIDEO_SECRET));
        assertEquals(1, check(BOTH, url.toString(), "--json"));
        assertEquals("other-product", json().get("probes").get(1).get("token").get("signature").textValue());
    }

    /** The doctor would only warn of a strange key; the token came from this deployment, so it is an error. */
    @Test
    void aTokenWithAnotherKeyFailsThoughItsSignatureVerifies() throws Exception {
        URI url = serve(with(BOTH, "ZOOM_VIDEO_SDK_KEY", "STALE_KEY"));
        assertEquals(1, check(BOTH, url.toString(), "--json"));
        JsonNode video = json().get("probes").get(0);
        assertEquals("valid", video.get("token").get("signature").textValue());
        assertEquals("app_key", video.get("findings").get(0).get("claim").textValue());
        assertTrue(said("error", "not the configured Video SDK key (VIDEO_KEY)"), messages().toString());
    }

    @Test
    void developmentCredentialsFailTheCheck() throws Exception {
        URI url = serve(Map.of(), true);
        assertEquals(1, check(Map.of(), url.toString(), "--meeting", "--json"));
        for (JsonNode probe : json().get("probes")) {
            assertEquals("development", probe.get("token").get("signature").textValue());
        }
        assertTrue(said("error", "Signed with the development credentials: Zoom rejects it"), messages().toString());
    }

    @Test
    void anEndpointThatIsNotThereIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertEquals(1, check(BOTH, "http://127.0.0.1:" + closed + "/"));
        assertTrue(stdout().contains("ERROR Cannot reach it: nothing answers at 127.0.0.1:" + closed
                + " (connection refused)"), stdout());
        out.reset();
        assertEquals(1, check(BOTH, "https://nosuch.invalid/Prod/", "--json"));
        assertTrue(said("error", "cannot resolve the host nosuch.invalid"), messages().toString());
        assertTrue(json().get("probes").get(0).get("status").isNull());
    }

    /** A policy refusal (403) and the function without credentials (503): the status and the function's reason. */
    @Test
    void fourAndFiveHundredsSayTheStatusAndTheReason() throws Exception {
        URI policed = serve(with(BOTH, "SESSION_NAME_PATTERN", "room-[0-9]+"));
        assertEquals(1, check(BOTH, policed.toString()));
        assertTrue(stdout().contains("ERROR The POST was answered 403: sessionName is not a session this endpoint"
                + " issues tokens for."), stdout());
        out.reset();
        assertEquals(0, check(BOTH, policed.toString(), "--session", "room-7"), stdout());

        out.reset();
        URI unconfigured = serve(Map.of());
        assertEquals(1, check(BOTH, unconfigured.toString(), "--json"));
        assertEquals(503, json().get("probes").get(0).get("status").intValue());
        // Deployed, the function tells a stranger only the kind of failure and the request ID to look up.
        assertTrue(said("error", "The POST was answered 503: Credentials unavailable:"), messages().toString());
        assertTrue(said("error", "under request ID"), messages().toString());

        out.reset();
        assertEquals(1, check(BOTH, unconfigured.resolve("/nowhere").toString(), "--json"));
        assertTrue(said("error", "answered 404: No route for /nowhere"), messages().toString());
        assertTrue(said("error", "VideoSdkEndpoint"), "what to do: " + messages());
    }

    /** The origin sent must be the one allowed back, on the preflight and on the answer. */
    @Test
    void corsIsJudgedForTheOriginSent() throws Exception {
        URI url = serve(with(BOTH, "ALLOWED_ORIGINS", "https://app.example.com"));
        assertEquals(1, check(BOTH, url.toString(), "--json"));
        assertTrue(said("error", "The CORS preflight (the OPTIONS a browser sends before the POST) allows the"
                + " origin https://app.example.com, not http://localhost:3000"), messages().toString());
        assertTrue(said("error", "The answer to the POST allows the origin"), messages().toString());
        out.reset();
        assertEquals(0, check(BOTH, url.toString(), "--origin", "https://app.example.com"), stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--api-key", "--bearer"})
    void aDoorThatWantsAKeyOrATokenGetsIt(String option) throws Exception {
        URI endpoint = serve(BOTH);
        String secret = option.equals("--api-key") ? API_KEY : BEARER;
        FrontDoorStandIn door = started(option.equals("--api-key") ? FrontDoorStandIn.apiKey(endpoint, API_KEY)
                : FrontDoorStandIn.bearer(endpoint, BEARER));
        assertEquals(0, check(BOTH, door.url().toString(), option, secret), stdout());
        assertEquals(List.of("/", "/meeting"), door.passed());
        assertEquals(List.of(), door.refusals());

        out.reset();
        assertEquals(1, check(BOTH, door.url().toString()));
        assertTrue(stdout().contains("ERROR The POST was answered 403: "), stdout());
        assertTrue(stdout().contains("Fix: the endpoint asks for authorization: give --api-key KEY, --bearer TOKEN"
                + " or --iam"), stdout());
        out.reset();
        assertEquals(1, check(BOTH, door.url().toString(), option, secret + "-wrong"));
        assertTrue(stdout().contains(option.equals("--api-key") ? "check the API key" : "check the token"), stdout());
    }

    /** SigV4 with the operator's AWS keys, checked by a door that recomputes it with testing/SigV4. */
    @Test
    void iamSignsEachPostForTheDoorsServiceAndRegion() throws Exception {
        URI endpoint = serve(BOTH);
        FrontDoorStandIn door = started(FrontDoorStandIn.iam(endpoint, "eu-west-1", "execute-api",
                SsmStandIn.ACCESS_KEY_ID, SsmStandIn.SECRET_ACCESS_KEY));
        Map<String, String> aws = with(BOTH, "AWS_ACCESS_KEY_ID", SsmStandIn.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", SsmStandIn.SECRET_ACCESS_KEY, "AWS_REGION", "eu-west-1");
        assertEquals(0, check(aws, door.url().toString(), "--iam", "--iam-service", "execute-api"), stdout());
        assertEquals(List.of(), door.refusals());
        assertEquals(List.of("/", "/meeting"), door.passed());

        out.reset();
        assertEquals(1, check(with(aws, "AWS_SECRET_ACCESS_KEY", OTHER_SECRET), door.url().toString(), "--iam",
                "--iam-service", "execute-api"));
        assertTrue(stdout().contains("signature we calculated does not match"), stdout());
        assertTrue(stdout().contains("execute-api in eu-west-1"), "the hint names what was signed for: " + stdout());

        out.reset();
        assertEquals(1, check(with(aws, "AWS_REGION", "us-east-2"), door.url().toString(), "--iam",
                "--iam-service", "execute-api"));
        assertTrue(door.refusals().get(door.refusals().size() - 1).contains("us-east-2/execute-api"),
                door.refusals().toString());
    }

    @Test
    void iamWithoutAwsCredentialsSaysWhereItLooked() throws Exception {
        URI endpoint = serve(BOTH);
        Map<String, String> env = with(BOTH, "AWS_REGION", "eu-west-1", "AWS_CONFIG_FILE", "/nonexistent/config",
                "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
        assertEquals(1, check(env, endpoint.toString(), "--iam", "--iam-service", "lambda"));
        List<String> lines = stderr().lines().toList();
        assertEquals(1, lines.size(), stderr());
        assertTrue(lines.get(0).startsWith("check: --iam signs with your AWS credentials, and there are none"),
                lines.get(0));
        assertEquals("", stdout());
    }

    /** The service and region SigV4 signs for, from AWS's own host names. */
    @ParameterizedTest
    @CsvSource({
            "https://abc123.execute-api.us-east-1.amazonaws.com/Prod/, execute-api, us-east-1",
            "https://abc123.execute-api.eu-central-1.amazonaws.com/, execute-api, eu-central-1",
            "https://abc123-vpce-0a1b.execute-api.ap-southeast-2.vpce.amazonaws.com/Prod/, execute-api, ap-southeast-2",
            "https://abc123.execute-api.cn-north-1.amazonaws.com.cn/Prod/, execute-api, cn-north-1",
            "https://abcdefghij.lambda-url.us-west-2.on.aws/, lambda, us-west-2"})
    void theServiceAndRegionComeFromTheUrl(String url, String service, String region) throws Exception {
        Authorization.Iam iam = Authorization.Iam.of(URI.create(url), null, Environment.of(Map.of()),
                Clock.systemUTC());
        assertEquals(service, iam.service());
        assertEquals(region, iam.region());
    }

    @Test
    void zakUserAsksForTheZakAndSaysWhoseAndUntilWhenButNeverTheZak() throws Exception {
        URI url = serveZaks("ZAK_USERS", "*");
        assertEquals(0, check(BOTH, url.toString(), "--zak-user", ZAK_USER), stdout());
        String meeting = stdout().lines().toList().get(1);
        assertTrue(meeting.startsWith("Meeting SDK: POST " + url + "meeting: answered 200, meeting-sdk token,"
                + " signature valid, ZAK of alice@example.com (uid uid-alice) valid until "), meeting);
        assertTrue(meeting.endsWith(" (in 2 h)") || meeting.endsWith(" (in 1 h 59 min)"), meeting);

        out.reset();
        assertEquals(0, check(BOTH, url.toString(), "--zak-user", "uid-alice", "--json"), stdout());
        JsonNode zak = json().get("probes").get(1).get("zak");
        assertEquals("uid-alice", zak.get("user").textValue());
        assertTrue(zak.get("returned").booleanValue());
        assertEquals("uid-alice", zak.get("uid").textValue());
        assertTrue(!zak.get("expired").booleanValue());
        long exp = zak.get("exp").longValue();
        long now = Instant.now().getEpochSecond();
        assertTrue(exp > now + 7000 && exp <= now + 7200, "two hours, as Zoom's: " + zak);
        assertEquals(Instant.ofEpochSecond(exp).toString(), zak.get("expires").textValue());
        assertTrue(json().get("probes").get(0).get("zak").isNull(), "the Video SDK probe asks for none");
        assertEquals(2, zoom().zakCalls());
        assertEquals(1, zoom().grants(), "the endpoint's cached access token served both");
    }

    /** --zak-user implies the Meeting SDK probe, even when the operator has no Meeting SDK credentials here. */
    @Test
    void zakUserImpliesTheMeetingProbe() throws Exception {
        URI url = serveZaks("ZAK_USERS", "*");
        Map<String, String> video = Map.of("ZOOM_VIDEO_SDK_KEY", "VIDEO_KEY", "ZOOM_VIDEO_SDK_SECRET", VIDEO_SECRET);
        assertEquals(1, check(video, url.toString(), "--zak-user", ZAK_USER, "--json"));
        JsonNode meeting = json().get("probes").get(1);
        assertEquals(url + "meeting", meeting.get("url").textValue());
        assertTrue(meeting.get("zak").get("returned").booleanValue());
        assertTrue(said("error", "none are configured here"), "the token still cannot be vouched for: " + messages());
    }

    @Test
    void aZakThePolicyRefusesIsA403WithTheEndpointsReason() throws Exception {
        URI url = serveZaks();
        assertEquals(1, check(BOTH, url.toString(), "--zak-user", ZAK_USER));
        List<String> lines = stdout().lines().toList();
        assertEquals("Video SDK: POST " + url + ": answered 200, video-sdk token, signature valid", lines.get(0));
        assertEquals("Meeting SDK: POST " + url + "meeting: answered 403, no ZAK of alice@example.com", lines.get(1));
        assertTrue(lines.get(2).startsWith("  ERROR The POST asking for the ZAK of alice@example.com was answered 403:"
                + " zakUser: this endpoint hands out no ZAKs; the operator chooses whose with the template parameter"
                + " ZakUsers (ZAK_USERS). The endpoint's policy hands check no ZAK of alice@example.com"), lines.get(2));
        assertEquals(List.of(), zoom().calls(), "refused before Zoom is asked");
    }

    @Test
    void aUserZoomDoesNotKnowIsA404NamingTheUser() throws Exception {
        URI url = serveZaks("ZAK_USERS", "*");
        assertEquals(1, check(BOTH, url.toString(), "--zak-user", "carol@example.com", "--json"));
        JsonNode meeting = json().get("probes").get(1);
        assertEquals(404, meeting.get("status").intValue());
        assertTrue(!meeting.get("zak").get("returned").booleanValue());
        assertTrue(said("error", "The POST asking for the ZAK of carol@example.com was answered 404: zakUser"
                + " is not a user Zoom knows in this account. Zoom does not know carol@example.com in the account of"
                + " the endpoint's Server-to-Server OAuth app."), messages().toString());
        assertTrue(!said("error", "VideoSdkEndpoint"), "not taken for a wrong URL: " + messages());
    }

    @Test
    void zoomThrottlingIsA503WithTheEndpointsReasonAndZoomsRetryAfter() throws Exception {
        URI url = serveZaks("ZAK_USERS", "*");
        zoom().next(new ZoomStandIn.Scripted("/v2/users/", 429, "{\"code\":429,\"message\":\"Too many requests\"}",
                Map.of("Retry-After", "12"), 0));
        assertEquals(1, check(BOTH, url.toString(), "--zak-user", ZAK_USER, "--json"));
        assertEquals(503, json().get("probes").get(1).get("status").intValue());
        // Deployed, the function tells a stranger the kind of failure and the request ID only.
        assertTrue(said("error", "was answered 503: Zoom unavailable: the endpoint could not get the ZAK from Zoom"
                + " right now"), messages().toString());
        assertTrue(said("error", "right now; the operator finds the cause in the function's log under request ID"),
                messages().toString());
        assertTrue(said("error", ". Retry-After: 12 s. Zoom throttled or failed (try again later)"),
                messages().toString());
        assertTrue(json().get("probes").get(0).get("passed").booleanValue(), "the Video SDK is fine");
    }

    /** Zoom's answer scripted: a ZAK that has expired fails the check; one that does not read is only a warning. */
    @Test
    void anExpiredZakFailsAndAZakThatDoesNotReadIsAWarning() throws Exception {
        URI url = serveZaks("ZAK_USERS", "*");
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "clientsm");
        claims.put("uid", "uid-alice");
        claims.put("exp", now - 60);
        claims.put("iat", now - 7260);
        String expired = ZAK_HEADER + "." + HandMadeJwt.base64url(HandMadeJwt.json(claims)) + "." + ZAK_SIGNATURE;
        zoom().next(new ZoomStandIn.Scripted("/v2/users/", 200, "{\"token\":\"" + expired + "\"}", Map.of(), 0));
        assertEquals(1, check(BOTH, url.toString(), "--zak-user", ZAK_USER, "--json"));
        assertTrue(said("error", "The ZAK expired 1 min"), messages().toString());
        assertTrue(json().get("probes").get(1).get("zak").get("expired").booleanValue());

        out.reset();
        zoom().next(new ZoomStandIn.Scripted("/v2/users/", 200, "{\"token\":\"" + OPAQUE_ZAK + "\"}", Map.of(), 0));
        assertEquals(0, check(BOTH, url.toString(), "--zak-user", ZAK_USER, "--json"), stdout());
        assertTrue(said("warning", "The answer's zak does not read as a ZAK"), messages().toString());
        JsonNode zak = json().get("probes").get(1).get("zak");
        assertTrue(zak.get("returned").booleanValue() && zak.get("uid").isNull(), zak.toString());
    }

    /** An endpoint that knows nothing of zakUser (as Zoom's own sample): a 200 with the signature alone. */
    @Test
    void anAnswerWithoutTheZakAskedForFailsTheCheck() throws Exception {
        byte[] answer = Proxy.call(new TokenHandler(Environment.of(BOTH), Mode.DEPLOYED, Clock.systemUTC(),
                new RecordingLogger()), Proxy.post("/meeting", "{\"meetingNumber\":\"1234567890\",\"role\":0}"))
                .getBody().getBytes(StandardCharsets.UTF_8);
        HttpServer sample = LoopbackServer.start("no-zak-endpoint", null, exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "*");
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                boolean preflight = exchange.getRequestMethod().equals("OPTIONS");
                exchange.sendResponseHeaders(preflight ? 204 : 200, preflight ? -1 : answer.length);
                if (!preflight) {
                    exchange.getResponseBody().write(answer);
                }
            }
        });
        started.add(() -> sample.stop(0));
        assertEquals(1, check(BOTH, LoopbackServer.url(sample) + "/", "--zak-user", ZAK_USER, "--json"));
        JsonNode meeting = json().get("probes").get(1);
        assertEquals("valid", meeting.get("token").get("signature").textValue());
        assertTrue(!meeting.get("zak").get("returned").booleanValue());
        assertTrue(meeting.get("findings").toString().contains("the answer has the signature but no zak beside it"),
                meeting.toString());
    }

    /** Each line: the words after check, then (after the last bar) what the one line said must contain. */
    @ParameterizedTest
    @ValueSource(strings = {
            "https://tokens.example.com/|--iam|--iam-service",
            "https://h.example.com/|--api-key|K|--bearer|T|--bearer",
            "https://h.example.com/|--iam-service|lambda|--iam-service",
            "ftp://h.example.com/|the URL must be http",
            "https://h.example.com/?stage=Prod|no query",
            "https://h.example.com/|--origin|https://h.example.com/app|--origin must be an origin",
            "https://h.example.com/|https://other.example.com/|takes one argument",
            "--json|give the endpoint's URL",
            "https://h.example.com/|--meeting-number|12ab|--meeting-number needs a meeting number",
            "https://h.example.com/|--zak-user| |--zak-user needs a Zoom user ID or e-mail",
            "https://h.example.com/|--verbose|unknown option --verbose"})
    void usageMistakesExitTwoWithOneLine(String line) {
        List<String> words = new ArrayList<>(List.of(line.split("\\|")));
        String expected = words.remove(words.size() - 1);
        assertEquals(2, check(Map.of(), words.toArray(String[]::new)));
        List<String> said = stderr().lines().toList();
        assertEquals(1, said.size(), stderr());
        assertTrue(said.get(0).startsWith("check: ") && said.get(0).contains(expected), said.get(0));
        assertTrue(said.get(0).endsWith("(java -jar function.jar check --help shows its usage)"), said.get(0));
        assertEquals("", stdout());
    }

    @ParameterizedTest
    @CsvSource({
            "https://h.example.com/Prod/, https://h.example.com/Prod/meeting",
            "https://h.example.com/Prod, https://h.example.com/Prod/meeting",
            "http://127.0.0.1:4000, http://127.0.0.1:4000/meeting",
            "https://h.example.com:443/, https://h.example.com/meeting"})
    void theMeetingProbeGoesToUrlSlashMeeting(String url, String meeting) throws Exception {
        assertEquals(meeting, CheckCommand.meetingUrl(CheckCommand.url(url)).toString());
    }
}
