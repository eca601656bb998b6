package dev.sdkauth.local;

import dev.sdkauth.Mode;
import dev.sdkauth.testing.Assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.testing.HandMadeJwt;
import dev.sdkauth.testing.SsmStandIn;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import dev.sdkauth.testing.ZoomStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code doctor} through the jar's command line: exit statuses, both outputs, and how it finds secrets. */
class DoctorCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String VIDEO_SECRET = "video-secret-for-the-cli-0123456789abcde";
    private static final String MEETING_SECRET = "meeting-secret-for-the-cli-0123456789abc";
    private static final String AWS_SECRET = SsmStandIn.SECRET_ACCESS_KEY;
    private static final String DEVELOPMENT_SECRET = "development-only-secret-that-zoom-will-reject";
    private static final Map<String, String> CREDENTIALS = Map.of(
            "ZOOM_VIDEO_SDK_KEY", "VIDEO_KEY", "ZOOM_VIDEO_SDK_SECRET", VIDEO_SECRET,
            "ZOOM_MEETING_SDK_KEY", "MEETING_KEY", "ZOOM_MEETING_SDK_SECRET", MEETING_SECRET,
            "ANONYMOUS_HOST_TOKENS", "true");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int doctor(Map<String, String> env, InputStream in, String... args) throws Exception {
        return doctor(env, in, new MutableClock(NOW.plusSeconds(3)), args);
    }

    private int doctor(Map<String, String> env, InputStream in, Clock clock, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "doctor";
        System.arraycopy(args, 0, command, 1, args.length);
        return Main.run(command, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Environment.of(env), new CountDownLatch(0), clock);
    }

    private int doctor(Map<String, String> env, String... args) throws Exception {
        return doctor(env, InputStream.nullInputStream(), args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json() {
        return Proxy.json(stdout());
    }

    /** Whatever a test did, no secret it had reached either stream. */
    @AfterEach
    void noSecretIsEverPrinted() {
        String printed = stdout() + err.toString(StandardCharsets.UTF_8);
        Assertions.assertNoSecret("the output", printed, VIDEO_SECRET, MEETING_SECRET, AWS_SECRET, DEVELOPMENT_SECRET,
                ZoomStandIn.CLIENT_SECRET, "standin-access-token");
    }

    private static Map<String, Object> videoClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("app_key", "VIDEO_KEY");
        claims.put("role_type", 0L);
        claims.put("tpc", "Cool Cars");
        claims.put("version", 1L);
        claims.put("iat", NOW.getEpochSecond() - 30);
        claims.put("exp", NOW.getEpochSecond() - 30 + 7200);
        return claims;
    }

    private static String issue(String path, String body) {
        TokenHandler handler = new TokenHandler(Environment.of(CREDENTIALS), Mode.DEPLOYED, new MutableClock(NOW),
                new RecordingLogger());
        return Proxy.body(Proxy.call(handler, Proxy.post(path, body))).get("signature").textValue();
    }

    @Test
    void aTokenTheEndpointJustIssuedHasNoFindingAndAValidSignature() throws Exception {
        String video = issue("/", "{\"sessionName\":\"Cool Cars\",\"role\":1,\"userIdentity\":\"u1\","
                + "\"geoRegions\":\"US,DE\",\"cloudRecordingOption\":1,\"videoWebRtcMode\":1}");
        Map<String, String> env = Map.of("THE_SECRET", VIDEO_SECRET);
        assertEquals(0, doctor(env, video, "--secret-env", "THE_SECRET", "--session", "Cool Cars", "--json"));
        assertEquals("video-sdk", json().get("kind").textValue());
        assertEquals("valid", json().get("signature").textValue());
        assertEquals(0, json().get("findings").size(), stdout());

        out.reset();
        String meeting = issue("/meeting", "{\"meetingNumber\":\"85746065432\",\"role\":0}");
        assertEquals(0, doctor(CREDENTIALS, meeting, "--meeting", "857 4606 5432", "--json"));
        assertEquals("meeting-sdk", json().get("kind").textValue());
        assertEquals("valid", json().get("signature").textValue(), "checked with the configured secret");
        assertEquals(0, json().get("findings").size(), stdout());
    }

    @Test
    void theHumanReportShowsTimesAsDatesAndFromNow() throws Exception {
        String token = issue("/", "{\"sessionName\":\"Cool Cars\",\"role\":1}");
        assertEquals(0, doctor(CREDENTIALS, token));
        String report = stdout();
        assertTrue(report.startsWith("Kind: Video SDK JWT (video-sdk)"), report);
        assertTrue(report.contains("2026-11-22T11:59:30Z, 33 s ago"), report);
        assertTrue(report.contains("2026-11-22T13:59:30Z, in 1 h 59 min"), report);
        assertTrue(report.contains("Signature: valid"), report);
        assertTrue(report.contains("No findings"), report);
    }

    @Test
    void aMeetingReportMentionsObfAndZakForMeetingsOutsideTheAccount() throws Exception {
        assertEquals(0, doctor(CREDENTIALS, issue("/meeting", "{\"meetingNumber\":\"85746065432\",\"role\":0}")));
        assertTrue(stdout().contains("OBF or ZAK"), stdout());
    }

    @Test
    void aVideoTokenSignedWithTheMeetingSecretIsCaughtThroughConfiguredCredentials() throws Exception {
        assertEquals(1, doctor(CREDENTIALS, HandMadeJwt.sign(videoClaims(), MEETING_SECRET), "--json"));
        assertEquals("other-product", json().get("signature").textValue());
        JsonNode finding = json().get("findings").get(0);
        assertEquals("error", finding.get("severity").textValue());
        assertTrue(finding.get("message").textValue()
                .startsWith("Signed with the Meeting SDK secret, but this is a Video SDK token"), stdout());
    }

    @Test
    void credentialsInSsmAreReadAsTheFunctionReadsThem() throws Exception {
        try (SsmStandIn ssm = SsmStandIn.http()) {
            ssm.put("/zoom/video-sdk/key", "String", "VIDEO_KEY").put("/zoom/video-sdk/secret", "SecureString",
                    VIDEO_SECRET);
            Map<String, String> env = new HashMap<>(ssm.environment());
            env.putAll(Map.of("ZOOM_VIDEO_SDK_KEY_PARAMETER", "/zoom/video-sdk/key",
                    "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/zoom/video-sdk/secret"));
            assertEquals(0, doctor(env, HandMadeJwt.sign(videoClaims(), VIDEO_SECRET), "--json"));
            assertEquals("valid", json().get("signature").textValue());
            assertEquals(1, ssm.count(), "one signed GetParameters call");
            assertEquals(List.of(), ssm.problems());
        }
    }

    /** What serve signs with when nothing is configured is recognised, and never taken for the configured secret. */
    @Test
    void aTokenSignedWithTheDevelopmentCredentialsExitsOne() throws Exception {
        assertEquals(1, doctor(Map.of(), HandMadeJwt.sign(videoClaims(), DEVELOPMENT_SECRET), "--json"));
        assertEquals("development", json().get("signature").textValue());
        assertTrue(json().get("findings").get(0).get("message").textValue()
                .startsWith("Signed with the development credentials: Zoom rejects it"), stdout());
        out.reset();
        assertEquals(0, doctor(Map.of(), HandMadeJwt.sign(videoClaims(), VIDEO_SECRET), "--json"));
        assertEquals("not-checked", json().get("signature").textValue(), "no credentials, no check, no finding");
    }

    /** A ZAK as the Zoom stand-in issues it (two hours to live), fetched through the handler as a front end is. */
    static String standInZak(ZoomStandIn zoom) {
        Map<String, String> env = new HashMap<>(CREDENTIALS);
        env.putAll(zoom.environment());
        env.put("ZAK_USERS", "*");
        TokenHandler handler = new TokenHandler(Environment.of(env), Mode.DEPLOYED, Clock.systemUTC(),
                new RecordingLogger());
        return Proxy.body(Proxy.call(handler, Proxy.post("/meeting",
                "{\"meetingNumber\":\"85746065432\",\"role\":1,\"zakUser\":\"alice@example.com\"}")))
                .get("zak").textValue();
    }

    @Test
    void aZakFromZoomIsSaidWhoseAndUntilWhenUnverifiedAndExitsOneOnceExpired() throws Exception {
        try (ZoomStandIn zoom = ZoomStandIn.http().user("uid-alice", "alice@example.com")) {
            String zak = standInZak(zoom);
            MutableClock clock = new MutableClock(Instant.now());
            assertEquals(0, doctor(CREDENTIALS, InputStream.nullInputStream(), clock, zak));
            String report = stdout();
            assertTrue(report.startsWith("Kind: ZAK (Zoom Access Key) of a Zoom user (zak)"), report);
            assertTrue(report.contains("Note: This is a ZAK: Zoom's token that lets its holder start and join meetings"
                    + " as user uid-alice, valid until "), report);
            assertTrue(report.contains("Signature: not-checked"), report);
            assertTrue(report.contains("it cannot tell a genuine ZAK from a forged one"), report);
            assertTrue(report.contains("No findings: the ZAK has not expired."), report);
            assertTrue(!report.contains("OBF or ZAK"), "no Meeting SDK token note for a ZAK: " + report);
            Assertions.assertNoSecret("the doctor's report", report, zak);

            out.reset();
            clock.advance(Duration.ofHours(2).plusMinutes(1));
            assertEquals(1, doctor(CREDENTIALS, InputStream.nullInputStream(), clock, zak, "--json"));
            assertEquals("zak", json().get("kind").textValue());
            assertEquals("not-checked", json().get("signature").textValue());
            assertEquals(1, json().get("findings").size(), stdout());
            assertEquals("exp", json().get("findings").get(0).get("claim").textValue());
            assertTrue(json().get("findings").get(0).get("message").textValue().startsWith("The ZAK expired 1 min"),
                    stdout());
            Assertions.assertNoSecret("the doctor's JSON", stdout(), zak);
            assertEquals(List.of(), zoom.problems());
        }
    }

    @Test
    void theTokenCanComeFromStandardInput() throws Exception {
        String token = HandMadeJwt.sign(videoClaims(), VIDEO_SECRET) + "\n";
        assertEquals(0, doctor(CREDENTIALS, new ByteArrayInputStream(token.getBytes(StandardCharsets.UTF_8)), "-",
                "--json"));
        assertEquals("valid", json().get("signature").textValue());
    }

    @Test
    void aBadTokenExitsOneAndSaysWhy() throws Exception {
        Map<String, Object> claims = videoClaims();
        claims.put("role_type", "1");
        assertEquals(1, doctor(Map.of(), HandMadeJwt.sign(claims, VIDEO_SECRET)));
        assertTrue(stdout().contains("ERROR role_type: role_type is the string \"1\""), stdout());
    }

    @Test
    void undecodableInputIsAnErrorFindingOfKindUnknown() throws Exception {
        assertEquals(1, doctor(Map.of(), "not-a-token", "--json"));
        JsonNode report = json();
        List<String> members = new java.util.ArrayList<>();
        report.fieldNames().forEachRemaining(members::add);
        assertEquals(List.of("kind", "header", "claims", "signature", "findings"), members);
        assertEquals("unknown", report.get("kind").textValue());
        assertTrue(report.get("header").isNull() && report.get("claims").isNull());
        assertEquals("not-checked", report.get("signature").textValue());
        assertEquals("error", report.get("findings").get(0).get("severity").textValue());
        assertTrue(report.get("findings").get(0).get("claim").isNull());
        assertEquals(1, stdout().lines().count(), "one JSON object on one line");
    }

    /** Each line: the words after doctor, then (after the last bar) what the one line said must contain. */
    @ParameterizedTest
    @ValueSource(strings = {
            "|give the token, or - to read it from standard input",
            "--json|give the token",
            "TOKEN|--session|--session needs a value",
            "TOKEN|--meeting|abc|--meeting needs a meeting number",
            "TOKEN|--secret-env|UNSET_VARIABLE|UNSET_VARIABLE (named by --secret-env) is not set",
            "TOKEN|--verbose|unknown option --verbose; it takes --session VALUE, --meeting VALUE",
            "TOKEN|--bogus|unknown option --bogus",
            "TOKEN|--json|--json|--json is given twice",
            "TOKEN|--session|Cool Cars|--meeting|85746065432|--session and --meeting exclude each other",
            "TOKEN|TOKEN|takes one argument (the token, or - to read it from standard input), got 2"})
    void usageMistakesExitTwoWithOneLineAndNothingOnStandardOutput(String line) throws Exception {
        String token = HandMadeJwt.sign(videoClaims(), VIDEO_SECRET);
        List<String> words = new java.util.ArrayList<>(List.of(line.replace("TOKEN", token).split("\\|", -1)));
        String expected = words.remove(words.size() - 1);
        words.remove("");
        assertEquals(2, doctor(CREDENTIALS, words.toArray(String[]::new)));
        assertEquals("", stdout());
        List<String> said = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("doctor: ") && said.get(0).contains(expected), said.get(0));
        assertTrue(said.get(0).endsWith("(java -jar function.jar doctor --help shows its usage)"), said.get(0));
        Assertions.assertNoSecret("the usage line", said.get(0), token);
    }
}
