package dev.sdkauth.doctor;

import dev.sdkauth.testing.HandMadeJwt;
import dev.sdkauth.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor on ZAK-shaped tokens made by hand (the Zoom stand-in's ZAKs are judged in DoctorCommandTest): told
 * apart, described, never said to be verified, and judged by nothing but their expiry.
 */
class ZakDoctorTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final long T = NOW.getEpochSecond();
    /** Zoom's ZAK header: ES256, a signature the doctor cannot check. */
    private static final String HEADER = "{\"typ\":\"JWT\",\"alg\":\"ES256\"}";

    private final Doctor doctor = new Doctor(new MutableClock(NOW), ConfiguredCredentials.NONE);

    /** The claims of a ZAK as Zoom issues them (and as the Zoom stand-in makes them): two hours to live. */
    private static Map<String, Object> zak() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "clientsm");
        claims.put("uid", "KdYKjnimT4KPd8FFgQt9FQ");
        claims.put("iss", "web");
        claims.put("sk", "0");
        claims.put("sty", 100L);
        claims.put("wcd", "aw1");
        claims.put("clt", 0L);
        claims.put("exp", T + 7170);
        claims.put("iat", T - 30);
        claims.put("cid", "");
        return claims;
    }

    /** A JWT of these claims with Zoom's header and a signature that is only bytes: nobody here can make Zoom's. */
    private static String token(Map<String, Object> claims) {
        return HandMadeJwt.base64url(HEADER) + "." + HandMadeJwt.base64url(HandMadeJwt.json(claims)) + "."
                + HandMadeJwt.base64url("not-zooms-signature");
    }

    private Report examine(Map<String, Object> claims) {
        return doctor.examine(token(claims), Expectations.NONE, null);
    }

    @Test
    void aZakIsSaidWhatAndWhoseAndNeverClaimedVerified() {
        Report report = examine(zak());
        assertEquals(Kind.ZAK, report.kind());
        assertEquals(List.of(), report.findings(), "no SDK finding: not the ES256 header, not the unknown claims");
        assertEquals(SignatureStatus.NOT_CHECKED, report.signature());
        assertEquals(0, report.exitStatus());
        assertTrue(report.notes().get(0).startsWith("This is a ZAK: Zoom's token that lets its holder start and"
                + " join meetings as user KdYKjnimT4KPd8FFgQt9FQ, valid until 2026-11-22T13:59:30Z (in 1 h 59 min)."),
                report.notes().toString());
        assertTrue(report.notes().get(1).contains("Zoom signs ZAKs with its own key, which the doctor does not"
                + " have"), report.notes().toString());
        String text = ReportText.render(report, T);
        assertTrue(text.startsWith("Kind: ZAK (Zoom Access Key) of a Zoom user (zak)"), text);
        assertTrue(text.contains("exp  " + (T + 7170) + "  2026-11-22T13:59:30Z, in 1 h 59 min"), text);
        assertTrue(text.contains("Signature: not-checked"), text);
        assertTrue(text.contains("No findings: the ZAK has not expired. Whether Zoom accepts it the doctor cannot"
                + " tell"), text);
        assertFalse(text.contains("Zoom accepts this token"), text);
        assertFalse(text.contains("verifies"), "the doctor never says a ZAK verifies: " + text);
        assertFalse(text.contains(token(zak())), "the ZAK itself is not repeated");
    }

    @Test
    void anExpiredZakIsOneErrorOnExpWithWhenAndWhatToDo() {
        Map<String, Object> claims = zak();
        claims.put("iat", T - 7200 - 200);
        claims.put("exp", T - 200);
        Report report = examine(claims);
        assertEquals(Kind.ZAK, report.kind());
        assertEquals(1, report.findings().size(), report.findings().toString());
        Finding expired = report.findings().get(0);
        assertEquals(Severity.ERROR, expired.severity());
        assertEquals("exp", expired.claim());
        assertTrue(expired.message().startsWith("The ZAK expired 3 min 20 s ago (2026-11-22T11:56:40Z). Zoom"
                + " refuses an expired ZAK"), expired.message());
        assertTrue(expired.message().contains("Fix: fetch a fresh ZAK"), expired.message());
        assertTrue(report.notes().get(0).contains("as user KdYKjnimT4KPd8FFgQt9FQ, expired 3 min 20 s ago"),
                report.notes().get(0));
        assertEquals(1, report.exitStatus());
        assertEquals(SignatureStatus.NOT_CHECKED, report.signature());
    }

    /** What the person says the token is for: a session is a mistake, a meeting is not checked, a secret unused. */
    @Test
    void optionsMeantForSdkTokensAreAnsweredForAZak() {
        Report session = doctor.examine(token(zak()), new Expectations("Cool Cars", null), null);
        assertEquals(1, session.exitStatus());
        assertTrue(session.findings().get(0).message().startsWith("--session names a Video SDK session, but a ZAK"),
                session.findings().toString());

        ExplicitSecret secret = new ExplicitSecret("MY_SECRET", new SecretKeySpec(
                "some-secret-0123456789abcdefghijklmnop".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Report meeting = doctor.examine(token(zak()), new Expectations(null, "85746065432"), secret);
        assertEquals(List.of(), meeting.findings());
        assertEquals(SignatureStatus.NOT_CHECKED, meeting.signature());
        assertTrue(meeting.notes().stream().anyMatch(note -> note.startsWith("--meeting was not compared")),
                meeting.notes().toString());
        assertTrue(meeting.notes().stream().anyMatch(note -> note.startsWith("--secret-env was not used")),
                meeting.notes().toString());
    }

    @Test
    void anAudienceListWithClientsmIsAZakToo() {
        Map<String, Object> claims = zak();
        claims.put("aud", List.of("clientsm"));
        assertEquals(Kind.ZAK, examine(claims).kind());
    }

    /** Without all three marks it is not taken for a ZAK, and is judged as any other JWT: not an SDK token. */
    @ParameterizedTest
    @ValueSource(strings = {"aud", "uid", "exp", "aud=other", "uid=blank", "exp=string"})
    void withoutAudClientsmUidAndExpItIsNoZak(String change) {
        Map<String, Object> claims = zak();
        switch (change) {
            case "aud=other" -> claims.put("aud", "someone-else");
            case "uid=blank" -> claims.put("uid", " ");
            case "exp=string" -> claims.put("exp", String.valueOf(T + 7170));
            default -> claims.remove(change);
        }
        Report report = examine(claims);
        // A ZAK's iss and exp alone make it look like a retired JWT app's token; an error either way.
        assertTrue(report.kind() == Kind.UNKNOWN || report.kind() == Kind.ZOOM_API_JWT, report.kind().label());
        assertEquals(1, report.exitStatus());
        assertNull(Zak.of(report.claims()));
    }

    @Test
    void theJsonReportNamesTheKindZak() {
        Map<String, Object> json = examine(zak()).json();
        assertEquals("zak", json.get("kind"));
        assertEquals("not-checked", json.get("signature"));
        assertEquals("clientsm", ((Map<?, ?>) json.get("claims")).get("aud"));
        assertEquals(List.of(), json.get("findings"));
    }

    @Test
    void aZakSaysUntilWhenItIsValid() {
        Zak zak = Zak.of(zak());
        assertEquals("valid until 2026-11-22T13:59:30Z (in 1 h 59 min)", zak.validity(T));
        assertEquals("expired 1 min ago (2026-11-22T13:59:30Z)", zak.validity(T + 7230));
        assertTrue(zak.expired(T + 7170), "exp itself is expired, as for SDK tokens");
    }
}
