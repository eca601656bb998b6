package dev.sdkauth.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.Environment;
import dev.sdkauth.Mode;
import dev.sdkauth.Json;
import dev.sdkauth.credentials.CredentialSource;
import dev.sdkauth.policy.Caller;
import dev.sdkauth.policy.IssuancePolicy;
import dev.sdkauth.credentials.SdkCredentials;
import dev.sdkauth.request.Rejection;
import dev.sdkauth.request.RequestBody;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.MutableClock;
import dev.sdkauth.testing.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenServiceTest {
    private static final String VIDEO_SECRET = "video-secret-0123456789abcdefghijklmnop";
    private static final String MEETING_SECRET = "meeting-secret-0123456789abcdefghijklmno";
    /** 1,763,800,000.999 s: a clock just short of the next second, to catch rounding up. */
    private static final Instant NOW = Instant.ofEpochMilli(1_763_800_000_999L);
    private static final long IAT = 1_763_800_000L;

    private static final IssuancePolicy OPEN = IssuancePolicy.from(Environment.of(Map.of()), Mode.LOCAL);

    private final TokenService service = new TokenService(fixed("VIDEO_KEY", VIDEO_SECRET),
            fixed("MEETING_KEY", MEETING_SECRET), OPEN, null, new MutableClock(NOW), 0);

    private static CredentialSource fixed(String key, String secret) {
        SdkCredentials credentials = new SdkCredentials(key,
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return () -> credentials;
    }

    private static JsonNode video(TokenService service, Map<String, Object> body) throws Rejection {
        return Proxy.json(Json.write(service.video(body, Caller.ANONYMOUS).answer()));
    }

    private static JsonNode meeting(TokenService service, Map<String, Object> body) throws Rejection {
        return Proxy.json(Json.write(service.meeting(body, Caller.ANONYMOUS).answer()));
    }

    private static Map<String, Object> body(String json) throws Rejection {
        return new RequestBody().parse(json, false);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void officialDialectAnswersASignatureWithExactlyTheRequiredClaims() throws Rejection {
        String token = video(service, body("{\"sessionName\":\"Cool Cars\",\"role\":1}")).get("signature").textValue();
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", Jwt.headerText(token));
        Jwt.verify(token, VIDEO_SECRET);
        JsonNode claims = Jwt.payload(token);
        assertEquals(List.of("app_key", "role_type", "tpc", "version", "iat", "exp"), names(claims));
        assertEquals("VIDEO_KEY", claims.get("app_key").textValue());
        assertEquals(1, claims.get("role_type").intValue());
        assertEquals("Cool Cars", claims.get("tpc").textValue());
        assertEquals(1, claims.get("version").intValue());
        assertTrue(claims.get("iat").isIntegralNumber() && claims.get("exp").isIntegralNumber());
        assertEquals(IAT, claims.get("iat").longValue(), "iat is whole seconds, rounded down");
        assertEquals(IAT + 7200, claims.get("exp").longValue(), "default lifetime is two hours");
    }

    @Test
    void everyOptionalClaimAppearsWhenGivenUnderZoomsName() throws Rejection {
        String token = video(service, body("{\"sessionName\":\"s\",\"role\":\"0\",\"expirationSeconds\":\"1800\","
                + "\"userIdentity\":\"u1\",\"userKey\":\"k1\",\"sessionKey\":\"sk\",\"geoRegions\":[\"US\",\" DE\"],"
                + "\"cloudRecordingOption\":\"1\",\"cloudRecordingElection\":0,\"telemetryTrackingId\":\"t-1\","
                + "\"cloudRecordingTranscriptOption\":\" 2 \",\"videoWebRtcMode\":1,\"audioWebRtcMode\":0}"))
                .get("signature").textValue();
        JsonNode claims = Jwt.payload(token);
        assertEquals(List.of("app_key", "role_type", "tpc", "version", "iat", "exp", "user_identity", "user_key",
                "session_key", "geo_regions", "cloud_recording_option", "cloud_recording_election",
                "cloud_recording_transcript_option", "telemetry_tracking_id", "video_webrtc_mode",
                "audio_webrtc_mode"), names(claims));
        assertEquals(2, claims.get("cloud_recording_transcript_option").intValue());
        assertTrue(claims.get("cloud_recording_transcript_option").isIntegralNumber());
        assertEquals(0, claims.get("role_type").intValue());
        assertEquals(1800, claims.get("exp").longValue() - claims.get("iat").longValue());
        assertEquals("US,DE", claims.get("geo_regions").textValue());
        assertEquals(1, claims.get("cloud_recording_option").intValue());
        assertTrue(claims.get("cloud_recording_option").isIntegralNumber(), "coerced strings become numbers");
        assertEquals("k1", claims.get("user_key").textValue());
        assertEquals("t-1", claims.get("telemetry_tracking_id").textValue());
    }

    @ParameterizedTest(name = "leeway {0} s")
    @CsvSource({"0", "1", "30", "300"})
    void iatIsBackdatedByTheLeewayAndExpFollowsIat(long leeway) throws Rejection {
        TokenService backdating = new TokenService(fixed("VIDEO_KEY", VIDEO_SECRET), fixed("MEETING_KEY", MEETING_SECRET),
                OPEN, null, new MutableClock(NOW), leeway);
        JsonNode video = Jwt.payload(video(backdating, body("{\"sessionName\":\"s\",\"role\":0,"
                + "\"expirationSeconds\":3600}")).get("signature").textValue());
        assertEquals(IAT - leeway, video.get("iat").longValue());
        assertEquals(IAT - leeway + 3600, video.get("exp").longValue(), "the lifetime is counted from iat");
        JsonNode meeting = Jwt.payload(meeting(backdating, body("{}")).get("signature").textValue());
        assertEquals(IAT - leeway, meeting.get("iat").longValue());
        assertEquals(IAT - leeway + 7200, meeting.get("exp").longValue());
        assertEquals(meeting.get("exp").longValue(), meeting.get("tokenExp").longValue());
    }

    @ParameterizedTest(name = "{0} -> audio_webrtc_mode {1}")
    @CsvSource(delimiter = '|', value = {
            "\"audioCompatibleMode\":1|1",
            "\"audioCompatibleMode\":1,\"audioWebRtcMode\":0|0",
            "\"audioWebRtcMode\":1,\"audioCompatibleMode\":0|1",
    })
    void audioCompatibleModeIsTheDeprecatedNameAndLoses(String properties, int expected) throws Rejection {
        String token = video(service, body("{\"sessionName\":\"s\",\"role\":0," + properties + "}"))
                .get("signature").textValue();
        assertEquals(expected, Jwt.payload(token).get("audio_webrtc_mode").intValue());
        assertFalse(Jwt.payload(token).has("audio_compatible_mode"));
    }

    @ParameterizedTest(name = "{0} s")
    @CsvSource({"1800", "3600", "86400", "172800"})
    void expIsIatPlusExactlyTheRequestedLifetime(long seconds) throws Rejection {
        JsonNode claims = Jwt.payload(video(service, body("{\"sessionName\":\"s\",\"role\":0,\"expirationSeconds\":"
                + seconds + "}")).get("signature").textValue());
        assertEquals(seconds, claims.get("exp").longValue() - claims.get("iat").longValue());
    }

    @Test
    void seedDialectAnswersThePayloadAndTheToken() throws Rejection {
        JsonNode answer = video(service, body("{\"topic\":\"My Session Topic\",\"roleType\":\"0\","
                + "\"expirationMinutes\":\"30\",\"sessionKey\":\"k\",\"telemetryTrackingId\":\"t\"}"));
        assertEquals(List.of("_payload", "token"), names(answer));
        String token = answer.get("token").textValue();
        Jwt.verify(token, VIDEO_SECRET);
        JsonNode claims = Jwt.payload(token);
        assertEquals(30 * 60, claims.get("exp").longValue() - claims.get("iat").longValue());
        com.fasterxml.jackson.databind.node.ObjectNode withoutTimes = claims.deepCopy();
        withoutTimes.remove(List.of("iat", "exp"));
        assertEquals(withoutTimes.toString(), answer.get("_payload").toString(), "_payload is the claims without iat and exp");
        assertEquals(List.of("app_key", "role_type", "tpc", "version", "session_key", "telemetry_tracking_id"),
                names(answer.get("_payload")));
        assertEquals("My Session Topic", answer.get("_payload").get("tpc").textValue());
    }

    @Test
    void meetingWebTokenCarriesMeetingNumberAndRole() throws Rejection {
        JsonNode answer = meeting(service, body("{\"meetingNumber\":\"85746065432\",\"role\":\"1\","
                + "\"expirationSeconds\":3600,\"videoWebRtcMode\":1}"));
        assertEquals(List.of("signature", "sdkKey"), names(answer));
        assertEquals("MEETING_KEY", answer.get("sdkKey").textValue());
        String token = answer.get("signature").textValue();
        Jwt.verify(token, MEETING_SECRET);
        JsonNode claims = Jwt.payload(token);
        assertEquals(List.of("appKey", "sdkKey", "mn", "role", "iat", "exp", "tokenExp", "video_webrtc_mode"),
                names(claims));
        assertEquals("85746065432", claims.get("mn").textValue());
        assertEquals(1, claims.get("role").intValue());
        assertEquals(IAT + 3600, claims.get("exp").longValue());
        assertEquals(claims.get("exp"), claims.get("tokenExp"));
    }

    @Test
    void meetingNativeTokenHasNoMeetingNumberOrRole() throws Rejection {
        String token = meeting(service, body("{}")).get("signature").textValue();
        JsonNode claims = Jwt.payload(token);
        assertEquals(List.of("appKey", "sdkKey", "iat", "exp", "tokenExp"), names(claims));
        assertEquals(7200, claims.get("exp").longValue() - claims.get("iat").longValue());
    }

    @Test
    void aNumericMeetingNumberStaysANumber() throws Rejection {
        JsonNode claims = Jwt.payload(meeting(service, body("{\"meetingNumber\":123456789,\"role\":0}"))
                .get("signature").textValue());
        assertTrue(claims.get("mn").isIntegralNumber());
        assertEquals(123456789L, claims.get("mn").longValue());
    }

    @Test
    void videoAndMeetingTokensUseTheirOwnSecrets() throws Rejection {
        String video = video(service, body("{\"sessionName\":\"s\",\"role\":0}")).get("signature").textValue();
        String meeting = meeting(service, body("{}")).get("signature").textValue();
        assertThrows(io.jsonwebtoken.security.SignatureException.class, () -> Jwt.verify(video, MEETING_SECRET));
        assertThrows(io.jsonwebtoken.security.SignatureException.class, () -> Jwt.verify(meeting, VIDEO_SECRET));
    }

    @Test
    void invalidRequestsNeverTouchTheCredentials() {
        CredentialSource untouchable = () -> {
            throw new AssertionError("credentials loaded for an invalid request");
        };
        TokenService strict = new TokenService(untouchable, untouchable, OPEN, null, new MutableClock(NOW), 0);
        Rejection video = assertThrows(Rejection.class, () -> video(strict, body("{\"sessionName\":\"\"}")));
        assertEquals(400, video.status());
        Rejection meeting = assertThrows(Rejection.class, () -> meeting(strict, body("{\"role\":1}")));
        assertEquals(400, meeting.status());
        Rejection mixed = assertThrows(Rejection.class, () -> video(strict, body("{\"sessionName\":\"a\",\"roleType\":1}")));
        assertEquals(List.of("sessionName", "roleType"), mixed.errors().stream().map(e -> e.property()).toList());
    }
}
