package dev.sdkauth.doctor;

import dev.sdkauth.credentials.CredentialsUnavailable;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.credentials.SdkCredentials;
import dev.sdkauth.request.Coerce;
import dev.sdkauth.request.Contract;
import dev.sdkauth.request.Contracts;
import dev.sdkauth.request.Field;
import dev.sdkauth.request.VideoDialect;
import dev.sdkauth.testing.HandMadeJwt;
import dev.sdkauth.token.ClaimProperty;
import dev.sdkauth.token.MeetingClaims;
import dev.sdkauth.token.VideoClaims;
import dev.sdkauth.testing.MutableClock;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.sdkauth.doctor.Severity.ERROR;
import static dev.sdkauth.doctor.Severity.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The doctor on hand-made tokens: every cause of a refusal, each on a token that has it and nothing else. */
class DoctorTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final long T = NOW.getEpochSecond();
    static final String VIDEO_SECRET = "video-secret-for-doctor-0123456789abcdef";
    static final String MEETING_SECRET = "meeting-secret-for-doctor-0123456789abcd";
    /** What serve and invoke sign with when a product is not configured (credentials/Credentials). */
    static final String DEVELOPMENT_SECRET = "development-only-secret-that-zoom-will-reject";

    private final Doctor doctor = new Doctor(new MutableClock(NOW), ConfiguredCredentials.NONE);

    /** What the endpoint issues, 30 s backdated, two hours long. */
    static Map<String, Object> video() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("app_key", "VIDEO_KEY");
        claims.put("role_type", 1L);
        claims.put("tpc", "Cool Cars");
        claims.put("version", 1L);
        claims.put("iat", T - 30);
        claims.put("exp", T - 30 + 7200);
        claims.put("user_identity", "user123");
        claims.put("geo_regions", "US,DE");
        return claims;
    }

    static Map<String, Object> meeting() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("appKey", "MEETING_KEY");
        claims.put("sdkKey", "MEETING_KEY");
        claims.put("mn", "85746065432");
        claims.put("role", 0L);
        claims.put("iat", T - 30);
        claims.put("exp", T - 30 + 7200);
        claims.put("tokenExp", T - 30 + 7200);
        return claims;
    }

    private Report examine(String token) {
        return doctor.examine(token, Expectations.NONE, null);
    }

    private static ExplicitSecret secret(String secret) {
        return new ExplicitSecret("SECRET", new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    private static boolean has(Report report, Severity severity, String claim) {
        return report.findings().stream()
                .anyMatch(finding -> finding.severity() == severity && java.util.Objects.equals(finding.claim(), claim));
    }

    private static void assertFinding(Report report, Severity severity, String claim) {
        assertTrue(has(report, severity, claim), "expected a " + severity + " on " + claim + " in " + report.findings());
    }

    @Test
    void goodTokensOfBothKindsHaveNoFindingAndAValidSignature() {
        Report video = doctor.examine(HandMadeJwt.sign(video(), VIDEO_SECRET), Expectations.NONE, secret(VIDEO_SECRET));
        assertEquals(List.of(), video.findings());
        assertEquals(Kind.VIDEO_SDK, video.kind());
        assertEquals(SignatureStatus.VALID, video.signature());
        assertEquals(0, video.exitStatus());
        Report meeting = doctor.examine(HandMadeJwt.sign(meeting(), MEETING_SECRET), Expectations.NONE,
                secret(MEETING_SECRET));
        assertEquals(List.of(), meeting.findings());
        assertEquals(Kind.MEETING_SDK, meeting.kind());
        assertEquals(SignatureStatus.VALID, meeting.signature());
        assertTrue(String.join(" ", meeting.notes()).contains("OBF"), "the join-outside-the-account note");
    }

    private static Arguments video(String name, Consumer<Map<String, Object>> mutation, Severity severity,
                                   String claim) {
        return Arguments.of(Named.of(name, mutation), severity, claim);
    }

    /** Each row: one mutation of a good Video SDK token, and the finding it must cause. */
    static Stream<Arguments> videoMutations() {
        return Stream.of(
                video("role_type as a string", c -> c.put("role_type", "1"), ERROR, "role_type"),
                video("role_type 2", c -> c.put("role_type", 2L), ERROR, "role_type"),
                video("role_type missing", c -> c.remove("role_type"), ERROR, "role_type"),
                video("role_type null", c -> c.put("role_type", null), ERROR, "role_type"),
                video("role_type 1.5", c -> c.put("role_type", new BigDecimal("1.5")), ERROR, "role_type"),
                video("role_type 1.0", c -> c.put("role_type", new BigDecimal("1.0")), WARNING, "role_type"),
                video("tpc empty", c -> c.put("tpc", ""), ERROR, "tpc"),
                video("tpc of 201 characters", c -> c.put("tpc", "x".repeat(201)), ERROR, "tpc"),
                video("tpc a number", c -> c.put("tpc", 5L), ERROR, "tpc"),
                video("tpc missing", c -> c.remove("tpc"), ERROR, "tpc"),
                video("tpc with a slash", c -> c.put("tpc", "cars/bikes"), WARNING, "tpc"),
                video("tpc with an apostrophe", c -> c.put("tpc", "Bob's room"), WARNING, "tpc"),
                video("tpc with a tab", c -> c.put("tpc", "Cool\tCars"), WARNING, "tpc"),
                video("tpc in another script", c -> c.put("tpc", "会議"), WARNING, "tpc"),
                video("app_key missing", c -> c.remove("app_key"), ERROR, "app_key"),
                video("app_key empty", c -> c.put("app_key", ""), ERROR, "app_key"),
                video("version missing", c -> c.remove("version"), ERROR, "version"),
                video("version as a string", c -> c.put("version", "1"), ERROR, "version"),
                video("user_identity of 36", c -> c.put("user_identity", "u".repeat(36)), ERROR, "user_identity"),
                video("user_key of 37", c -> c.put("user_key", "k".repeat(37)), ERROR, "user_key"),
                video("session_key of 37", c -> c.put("session_key", "s".repeat(37)), ERROR, "session_key"),
                video("an unknown geo region", c -> c.put("geo_regions", "US,XX"), ERROR, "geo_regions"),
                video("geo_regions as an array", c -> c.put("geo_regions", List.of("US")), ERROR, "geo_regions"),
                video("cloud_recording_option 2", c -> c.put("cloud_recording_option", 2L), ERROR,
                        "cloud_recording_option"),
                video("cloud_recording_election as a string", c -> c.put("cloud_recording_election", "1"), ERROR,
                        "cloud_recording_election"),
                video("cloud_recording_transcript_option 3", c -> c.put("cloud_recording_transcript_option", 3L),
                        ERROR, "cloud_recording_transcript_option"),
                video("telemetry_tracking_id a number", c -> c.put("telemetry_tracking_id", 5L), ERROR,
                        "telemetry_tracking_id"),
                video("video_webrtc_mode 2", c -> c.put("video_webrtc_mode", 2L), ERROR, "video_webrtc_mode"),
                video("audio_webrtc_mode 2", c -> c.put("audio_webrtc_mode", 2L), ERROR, "audio_webrtc_mode"),
                video("iat missing", c -> c.remove("iat"), ERROR, "iat"),
                video("exp missing", c -> c.remove("exp"), ERROR, "exp"),
                video("iat as a string", c -> c.put("iat", Long.toString(T - 30)), ERROR, "iat"),
                video("exp as a string", c -> c.put("exp", Long.toString(T + 7170)), ERROR, "exp"),
                video("iat with a fraction", c -> c.put("iat", new BigDecimal((T - 30) + ".5")), ERROR, "iat"),
                video("iat written as a decimal", c -> c.put("iat", new BigDecimal((T - 30) + ".0")), WARNING, "iat"),
                video("iat in milliseconds", c -> c.put("iat", (T - 30) * 1000), ERROR, "iat"),
                video("exp in milliseconds", c -> c.put("exp", (T + 7170) * 1000), ERROR, "exp"),
                video("iat two minutes ahead", c -> {
                    c.put("iat", T + 120);
                    c.put("exp", T + 120 + 7200);
                }, ERROR, "iat"),
                video("expired a minute ago", c -> {
                    c.put("iat", T - 7260);
                    c.put("exp", T - 60);
                }, ERROR, "exp"),
                video("lifetime 1799 s", c -> c.put("exp", T - 30 + 1799), ERROR, "exp"),
                video("lifetime 48 h + 1 s", c -> c.put("exp", T - 30 + 172801), ERROR, "exp"),
                video("exp before iat", c -> c.put("exp", T - 60), ERROR, "exp"),
                video("an unknown claim", c -> c.put("pwd", "secret?"), WARNING, "pwd"),
                video("Meeting SDK claims mixed in", c -> c.put("appKey", "VIDEO_KEY"), ERROR, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videoMutations")
    void everyVideoCheckFindsItsCause(Consumer<Map<String, Object>> mutation, Severity severity, String claim) {
        Map<String, Object> claims = video();
        mutation.accept(claims);
        Report report = examine(HandMadeJwt.sign(claims, VIDEO_SECRET));
        assertEquals(Kind.VIDEO_SDK, report.kind());
        assertFinding(report, severity, claim);
        assertEquals(severity == ERROR || report.count(ERROR) > 0 ? 1 : 0, report.exitStatus());
    }

    /** Each row: one mutation of a good Meeting SDK token, and the finding it must cause. */
    static Stream<Arguments> meetingMutations() {
        return Stream.of(
                video("mn with a letter", c -> c.put("mn", "8574606543a"), ERROR, "mn"),
                video("mn of 21 digits", c -> c.put("mn", "1".repeat(21)), ERROR, "mn"),
                video("mn zero", c -> c.put("mn", 0L), ERROR, "mn"),
                video("mn of 13 digits", c -> c.put("mn", "1".repeat(13)), WARNING, "mn"),
                video("mn of 13 digits as a number", c -> c.put("mn", 1_234_567_890_123L), WARNING, "mn"),
                video("mn missing while role is present", c -> c.remove("mn"), ERROR, "mn"),
                video("role missing while mn is present", c -> c.remove("role"), ERROR, "role"),
                video("role as a string", c -> c.put("role", "0"), ERROR, "role"),
                video("role 2", c -> c.put("role", 2L), ERROR, "role"),
                video("video_webrtc_mode 3", c -> c.put("video_webrtc_mode", 3L), ERROR, "video_webrtc_mode"),
                video("tokenExp missing", c -> c.remove("tokenExp"), ERROR, "tokenExp"),
                video("tokenExp as a string", c -> c.put("tokenExp", "soon"), ERROR, "tokenExp"),
                video("tokenExp before exp", c -> c.put("tokenExp", T + 3600), WARNING, "tokenExp"),
                video("tokenExp passed", c -> c.put("tokenExp", T - 10), ERROR, "tokenExp"),
                video("no key at all", c -> {
                    c.remove("appKey");
                    c.remove("sdkKey");
                }, ERROR, "appKey"),
                video("appKey and sdkKey differ", c -> c.put("sdkKey", "OTHER"), ERROR, "sdkKey"),
                video("only sdkKey", c -> c.remove("appKey"), WARNING, "appKey"),
                video("lifetime 49 h", c -> {
                    c.put("exp", T - 30 + 49 * 3600);
                    c.put("tokenExp", T - 30 + 49 * 3600);
                }, ERROR, "exp"),
                video("expired", c -> {
                    c.put("iat", T - 7300);
                    c.put("exp", T - 100);
                    c.put("tokenExp", T - 100);
                }, ERROR, "exp"),
                video("iat in milliseconds", c -> c.put("iat", (T - 30) * 1000), ERROR, "iat"),
                video("an unknown claim", c -> c.put("userName", "x"), WARNING, "userName"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("meetingMutations")
    void everyMeetingCheckFindsItsCause(Consumer<Map<String, Object>> mutation, Severity severity, String claim) {
        Map<String, Object> claims = meeting();
        mutation.accept(claims);
        Report report = examine(HandMadeJwt.sign(claims, MEETING_SECRET));
        assertEquals(Kind.MEETING_SDK, report.kind());
        assertFinding(report, severity, claim);
    }

    /** Every claims-table row names a row of its contract: the doctor judges each claim by that row. */
    @Test
    void everyClaimsTableRowHasAContractRow() {
        for (ClaimProperty row : VideoClaims.FROM_REQUEST) {
            for (String property : row.properties()) {
                assertTrue(VideoDialect.OFFICIAL.contract().field(property) != null, property);
            }
        }
        for (ClaimProperty row : MeetingClaims.FROM_REQUEST) {
            assertTrue(Contracts.MEETING.field(row.property()) != null, row.property());
        }
        assertTrue(Contracts.MEETING.field(MeetingClaims.LIFETIME_PROPERTY) != null);
        assertTrue(VideoDialect.OFFICIAL.contract().field(VideoDialect.OFFICIAL.lifetimeProperty()) != null);
    }

    /**
     * Property-style over the tables, so a claim added to them is covered without a new row here: an integer claim
     * sent as a string holding a valid value, and a string claim sent as a number, are each an error on that claim.
     */
    @Test
    void everyTableClaimIsTypeCheckedByItsContractRow() {
        check(VideoClaims.FROM_REQUEST, VideoDialect.OFFICIAL.contract(), DoctorTest::video, VIDEO_SECRET);
        check(MeetingClaims.FROM_REQUEST, Contracts.MEETING, DoctorTest::meeting, MEETING_SECRET);
    }

    private void check(List<ClaimProperty> rows, Contract contract, Supplier<Map<String, Object>> good,
                       String secret) {
        for (ClaimProperty row : rows) {
            Field<?> field = contract.field(row.property());
            Map<String, Object> claims = good.get();
            if (field.type() == Coerce.INTEGER) {
                long valid = field.judge(0L).violation() == null ? 0 : 1;
                claims.put(row.claim(), Long.toString(valid));
            } else if (field.type() == Coerce.TEXT) {
                claims.put(row.claim(), 5L);
            } else {
                claims.put(row.claim(), Boolean.TRUE);
            }
            if (row.claim().equals("mn") || row.claim().equals("role")) {
                claims.putIfAbsent("mn", "85746065432");
                claims.putIfAbsent("role", 0L);
            }
            assertFinding(examine(HandMadeJwt.sign(claims, secret)), ERROR, row.claim());
        }
    }

    @Test
    void boundaryValuesOfTheContractPass() {
        Map<String, Object> claims = video();
        claims.put("tpc", "x".repeat(200));
        claims.put("user_identity", "u".repeat(35));
        claims.put("exp", T - 30 + 1800);
        assertEquals(List.of(), examine(HandMadeJwt.sign(claims, VIDEO_SECRET)).findings());
        claims.put("exp", T - 30 + 172800);
        assertEquals(List.of(), examine(HandMadeJwt.sign(claims, VIDEO_SECRET)).findings());
        Map<String, Object> native_ = meeting();
        native_.remove("mn");
        native_.remove("role");
        native_.put("mn", 85746065432L);
        native_.put("role", 1L);
        assertEquals(List.of(), examine(HandMadeJwt.sign(native_, MEETING_SECRET)).findings(),
                "a JSON number meeting number is as good as a string");
        native_.remove("mn");
        native_.remove("role");
        assertEquals(List.of(), examine(HandMadeJwt.sign(native_, MEETING_SECRET)).findings(),
                "a native SDK token has neither mn nor role");
    }

    @Test
    void anIatAheadSaysByHowMuchAndWhyZoomBackdates() {
        Map<String, Object> claims = video();
        claims.put("iat", T + 125);
        claims.put("exp", T + 125 + 7200);
        Finding finding = examine(HandMadeJwt.sign(claims, VIDEO_SECRET)).findings().get(0);
        assertEquals("iat", finding.claim());
        assertTrue(finding.message().contains("2 min 5 s ahead"), finding.message());
        assertTrue(finding.message().contains("clock runs a little behind"), finding.message());
        assertTrue(!finding.message().contains("samples"), "Zoom's samples sign iat = now: " + finding.message());
        assertTrue(finding.message().contains("ISSUED_AT_LEEWAY_SECONDS"), finding.message());
        claims.put("iat", T + 5);
        claims.put("exp", T + 5 + 7200);
        assertEquals(List.of(), examine(HandMadeJwt.sign(claims, VIDEO_SECRET)).findings(),
                "a few seconds of skew are no finding");
    }

    /**
     * Everything the Video SDK auth page lists for tpc passes, in one name; each printable ASCII character it leaves
     * out is a warning of its own, never an error.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\"", "'", "*", "/", "`"})
    void tpcCharactersOutsideZoomsListAreAWarning(String character) {
        Map<String, Object> claims = video();
        claims.put("tpc", "AZaz09 " + Zoom.TPC_SYMBOLS);
        assertEquals(List.of(), examine(HandMadeJwt.sign(claims, VIDEO_SECRET)).findings());
        claims.put("tpc", "Cool" + character + "Cars");
        Report report = examine(HandMadeJwt.sign(claims, VIDEO_SECRET));
        assertEquals(1, report.findings().size(), report.findings().toString());
        assertFinding(report, WARNING, "tpc");
        assertTrue(report.findings().get(0).message().contains("tpc holds " + dev.sdkauth.Json.write(character) + ":"),
                report.findings().toString());
        assertEquals(0, report.exitStatus());
    }

    @Test
    void aMeetingNumberOfTwelveDigitsIsFineThirteenAWarning() {
        Map<String, Object> claims = meeting();
        claims.put("mn", "123456789012");
        assertEquals(List.of(), examine(HandMadeJwt.sign(claims, MEETING_SECRET)).findings());
        claims.put("mn", "1234567890123");
        Report report = examine(HandMadeJwt.sign(claims, MEETING_SECRET));
        assertEquals(List.of(WARNING), report.findings().stream().map(Finding::severity).toList());
        assertTrue(report.findings().get(0).message().contains("4003"), report.findings().toString());
    }

    /** Whatever else the doctor was given, a token the development credentials sign is an error of its own. */
    @Test
    void aTokenSignedWithTheDevelopmentCredentialsIsAnError() {
        Doctor configured = new Doctor(new MutableClock(NOW), BOTH);
        for (Map<String, Object> claims : List.of(video(), meeting())) {
            String token = HandMadeJwt.sign(claims, DEVELOPMENT_SECRET);
            for (Report report : List.of(examine(token), configured.examine(token, Expectations.NONE, null),
                    doctor.examine(token, Expectations.NONE, secret(DEVELOPMENT_SECRET)))) {
                assertEquals(SignatureStatus.DEVELOPMENT, report.signature());
                assertEquals(1, report.exitStatus());
                assertTrue(report.findings().get(0).message()
                        .startsWith("Signed with the development credentials: Zoom rejects it"), report.findings().toString());
            }
        }
        assertEquals("development", examine(HandMadeJwt.sign(video(), DEVELOPMENT_SECRET)).json().get("signature"));
    }

    @Test
    void headerMustBeHs256AndJwt() {
        String claims = HandMadeJwt.json(video());
        Report hs512 = examine(HandMadeJwt.sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims, VIDEO_SECRET));
        assertFinding(hs512, ERROR, "alg");
        assertEquals(SignatureStatus.NOT_CHECKED, hs512.signature());
        assertFinding(examine(HandMadeJwt.sign("{\"alg\":\"HS256\",\"typ\":\"JWS\"}", claims, VIDEO_SECRET)),
                ERROR, "typ");
        assertFinding(examine(HandMadeJwt.sign("{\"alg\":\"HS256\"}", claims, VIDEO_SECRET)), WARNING, "typ");
        String unsigned = HandMadeJwt.base64url("{\"alg\":\"none\"}") + "." + HandMadeJwt.base64url(claims) + ".";
        assertFinding(examine(unsigned), ERROR, "alg");
    }

    @Test
    void aZoomApiJwtIsToldApartAndExplained() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "API_KEY");
        claims.put("exp", T + 3600);
        Report report = examine(HandMadeJwt.sign(claims, "an-api-secret"));
        assertEquals(Kind.ZOOM_API_JWT, report.kind());
        assertFinding(report, ERROR, "iss");
        String message = report.findings().get(0).message();
        assertTrue(message.contains("Server-to-Server OAuth") && message.contains("2023"), message);
        assertEquals(1, report.exitStatus());
    }

    @Test
    void theOldBase64SignatureIsRecognised() {
        // apiKey.meetingNumber.timestampMs.role.base64(HMAC), base64 without padding, as Zoom's old samples made it.
        String legacy = Base64.getEncoder().withoutPadding().encodeToString(
                ("zp1yfDk-RPufHFAgbbc95w.83137961703." + (T * 1000) + ".0.q7A0F1y2k5bZ0aN3l+k/7Yc=")
                        .getBytes(StandardCharsets.UTF_8));
        Report report = examine(legacy);
        assertEquals(Kind.LEGACY_SIGNATURE, report.kind());
        assertEquals("83137961703", report.claims().get("meetingNumber"));
        assertEquals(T * 1000, report.claims().get("timestamp"));
        assertNull(report.header());
        assertFinding(report, ERROR, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello", "a.b", "a.b.c.d", "a.b.c.d.e", "!!!.???.***", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln"})
    void whatCannotBeReadIsAnErrorOfKindUnknown(String input) {
        Report report = examine(input);
        assertEquals(Kind.UNKNOWN, report.kind());
        assertNull(report.claims());
        assertEquals(1, report.exitStatus());
        assertEquals(SignatureStatus.NOT_CHECKED, report.signature());
    }

    @Test
    void aJwtWithClaimsOfNoKnownKindIsUnknown() {
        Report report = examine(HandMadeJwt.sign(Map.of("sub", "someone", "exp", T + 60), VIDEO_SECRET));
        assertEquals(Kind.UNKNOWN, report.kind());
        assertFinding(report, ERROR, null);
    }

    @Test
    void standardBase64InsteadOfBase64urlIsAnError() {
        String token = HandMadeJwt.sign(video(), VIDEO_SECRET);
        String[] parts = token.split("\\.");
        String standard = parts[0] + "." + parts[1] + "." + parts[2].replace('-', '+').replace('_', '/') + "=";
        Report report = doctor.examine(standard, Expectations.NONE, secret(VIDEO_SECRET));
        assertFinding(report, ERROR, null);
        assertEquals(SignatureStatus.VALID, report.signature(), "still read, to say everything else");
    }

    @Test
    void whatPeoplePasteAroundATokenIsPeeled() {
        String token = HandMadeJwt.sign(video(), VIDEO_SECRET);
        for (String pasted : List.of("\"" + token + "\"", "Bearer " + token, "{\"signature\":\"" + token + "\"}",
                "{\"_payload\":{},\"token\":\"" + token + "\"}", "  " + token + "\n")) {
            assertEquals(List.of(), examine(pasted).findings(), pasted);
        }
    }

    @Test
    void theSessionIsComparedAsZoomDoesCaseInsensitively() {
        String token = HandMadeJwt.sign(video(), VIDEO_SECRET);
        assertEquals(List.of(), doctor.examine(token, new Expectations("cool cars", null), null).findings());
        assertEquals(List.of(), doctor.examine(token, new Expectations("COOL CARS", null), null).findings());
        Report other = doctor.examine(token, new Expectations("Cool Bikes", null), null);
        assertFinding(other, ERROR, "tpc");
        Report spaces = doctor.examine(token, new Expectations("Cool Cars ", null), null);
        assertTrue(spaces.findings().get(0).message().contains("spaces"), spaces.findings().toString());
        assertFinding(doctor.examine(token, new Expectations(null, "85746065432"), null), ERROR, null);
    }

    @Test
    void theMeetingIsComparedAsDigitsWhateverItsJsonType() {
        Map<String, Object> claims = meeting();
        String token = HandMadeJwt.sign(claims, MEETING_SECRET);
        assertEquals(List.of(), doctor.examine(token, new Expectations(null, "85746065432"), null).findings());
        claims.put("mn", 85746065432L);
        String number = HandMadeJwt.sign(claims, MEETING_SECRET);
        assertEquals(List.of(), doctor.examine(number, new Expectations(null, "85746065432"), null).findings());
        assertFinding(doctor.examine(number, new Expectations(null, "123"), null), ERROR, "mn");
        assertFinding(doctor.examine(token, new Expectations("Cool Cars", null), null), ERROR, null);
    }

    @Test
    void anExplicitSecretThatDoesNotMatchIsAnInvalidSignature() {
        Report report = doctor.examine(HandMadeJwt.sign(video(), VIDEO_SECRET), Expectations.NONE,
                secret(MEETING_SECRET));
        assertEquals(SignatureStatus.INVALID, report.signature());
        assertFinding(report, ERROR, null);
    }

    private static SdkCredentials credentials(String key, String secret) {
        return new SdkCredentials(key, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    private static final ConfiguredCredentials BOTH = product -> product == Product.VIDEO_SDK
            ? credentials("VIDEO_KEY", VIDEO_SECRET) : credentials("MEETING_KEY", MEETING_SECRET);

    @Test
    void theConfiguredSecretOfTheTokensProductChecksIt() {
        Doctor configured = new Doctor(new MutableClock(NOW), BOTH);
        assertEquals(SignatureStatus.VALID,
                configured.examine(HandMadeJwt.sign(video(), VIDEO_SECRET), Expectations.NONE, null).signature());
        Report invalid = configured.examine(HandMadeJwt.sign(video(), "some-other-secret-0123456789abcdefghij"),
                Expectations.NONE, null);
        assertEquals(SignatureStatus.INVALID, invalid.signature());
        assertFinding(invalid, ERROR, null);
    }

    @Test
    void theOtherProductsSecretIsNamed() {
        Doctor configured = new Doctor(new MutableClock(NOW), BOTH);
        Report video = configured.examine(HandMadeJwt.sign(video(), MEETING_SECRET), Expectations.NONE, null);
        assertEquals(SignatureStatus.OTHER_PRODUCT, video.signature());
        assertTrue(video.findings().get(0).message()
                .startsWith("Signed with the Meeting SDK secret, but this is a Video SDK token"), video.findings().toString());
        Report meeting = configured.examine(HandMadeJwt.sign(meeting(), VIDEO_SECRET), Expectations.NONE, null);
        assertEquals(SignatureStatus.OTHER_PRODUCT, meeting.signature());
        assertTrue(meeting.findings().get(0).message()
                .startsWith("Signed with the Video SDK secret, but this is a Meeting SDK token"));
    }

    @Test
    void theOtherProductsKeyIsNamedAndAStrangeKeyWarned() {
        Doctor configured = new Doctor(new MutableClock(NOW), BOTH);
        Map<String, Object> claims = video();
        claims.put("app_key", "MEETING_KEY");
        assertFinding(configured.examine(HandMadeJwt.sign(claims, VIDEO_SECRET), Expectations.NONE, null),
                ERROR, "app_key");
        claims.put("app_key", "SOMEONE_ELSES");
        assertFinding(configured.examine(HandMadeJwt.sign(claims, VIDEO_SECRET), Expectations.NONE, null),
                WARNING, "app_key");
    }

    /** A token fetched from this deployment must carry its configured key: another one is an error, not a warning. */
    @Test
    void forTheOwnAppAStrangeKeyIsAnError() {
        Doctor configured = new Doctor(new MutableClock(NOW), BOTH);
        Map<String, Object> claims = video();
        claims.put("app_key", "SOMEONE_ELSES");
        Report report = configured.examine(HandMadeJwt.sign(claims, VIDEO_SECRET), new Expectations(null, null, true),
                null);
        assertFinding(report, ERROR, "app_key");
        assertEquals(SignatureStatus.VALID, report.signature(), "the secret is right, the key is not");
        assertEquals(1, report.exitStatus());
    }

    @Test
    void credentialsThatCannotBeReadLeaveTheSignatureUncheckedWithTheReason() {
        Doctor unreadable = new Doctor(new MutableClock(NOW), product -> {
            throw new CredentialsUnavailable("SSM parameter(s) not found: /zoom/video-sdk/secret");
        });
        Report report = unreadable.examine(HandMadeJwt.sign(video(), VIDEO_SECRET), Expectations.NONE, null);
        assertEquals(SignatureStatus.NOT_CHECKED, report.signature());
        assertEquals(List.of(), report.findings());
        assertTrue(String.join(" ", report.notes()).contains("not found"), report.notes().toString());
    }

    @Test
    void jsonHasExactlyTheDocumentedShape() {
        Map<String, Object> claims = video();
        claims.put("role_type", "1");
        Map<String, Object> json = examine(HandMadeJwt.sign(claims, VIDEO_SECRET)).json();
        assertEquals(List.of("kind", "header", "claims", "signature", "findings"), List.copyOf(json.keySet()));
        assertEquals("video-sdk", json.get("kind"));
        assertEquals("not-checked", json.get("signature"));
        @SuppressWarnings("unchecked")
        Map<String, Object> finding = ((List<Map<String, Object>>) json.get("findings")).get(0);
        assertEquals(List.of("severity", "claim", "message"), List.copyOf(finding.keySet()));
        assertEquals("error", finding.get("severity"));
        assertEquals("role_type", finding.get("claim"));
    }
}
