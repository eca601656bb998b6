package dev.sdkauth.request;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractsTest {
    private static final String VIDEO_BASE = "\"sessionName\":\"s\",\"role\":0";
    private static final String SEED_BASE = "\"topic\":\"s\",\"roleType\":0,\"expirationMinutes\":30";

    static Validated check(Contract contract, String bodyJson) throws Rejection {
        Map<String, Object> body = new RequestBody().parse(bodyJson, false);
        return contract.validate(body);
    }

    static List<String> failing(Validated validated) {
        return validated.errors().stream().map(ValidationError::property).toList();
    }

    /** Rows: contract, extra properties on top of a valid base, whether it passes. Boundaries on both sides. */
    @ParameterizedTest(name = "{0} + {1} -> ok={2}")
    @CsvSource(delimiter = '|', value = {
            "VIDEO|\"role\":1|true",
            "VIDEO|\"role\":2|false",
            "VIDEO|\"role\":-1|false",
            "VIDEO|\"role\":\"1\"|true",
            "VIDEO|\"expirationSeconds\":1800|true",
            "VIDEO|\"expirationSeconds\":1799|false",
            "VIDEO|\"expirationSeconds\":172800|true",
            "VIDEO|\"expirationSeconds\":172801|false",
            "VIDEO|\"expirationSeconds\":\"3600\"|true",
            "VIDEO|\"userIdentity\":\"12345678901234567890123456789012345\"|true",
            "VIDEO|\"userIdentity\":\"123456789012345678901234567890123456\"|false",
            "VIDEO|\"userIdentity\":\"\"|true",
            "VIDEO|\"userKey\":\"123456789012345678901234567890123456\"|true",
            "VIDEO|\"userKey\":\"1234567890123456789012345678901234567\"|false",
            "VIDEO|\"sessionKey\":\"123456789012345678901234567890123456\"|true",
            "VIDEO|\"sessionKey\":\"1234567890123456789012345678901234567\"|false",
            "VIDEO|\"sessionKey\":5|false",
            "VIDEO|\"geoRegions\":\"US,DE\"|true",
            "VIDEO|\"geoRegions\":[\"US\"]|true",
            "VIDEO|\"geoRegions\":\" \"|false",
            "VIDEO|\"cloudRecordingOption\":1|true",
            "VIDEO|\"cloudRecordingOption\":2|false",
            "VIDEO|\"cloudRecordingElection\":\"0\"|true",
            "VIDEO|\"cloudRecordingElection\":true|false",
            "VIDEO|\"cloudRecordingTranscriptOption\":0|true",
            "VIDEO|\"cloudRecordingTranscriptOption\":2|true",
            "VIDEO|\"cloudRecordingTranscriptOption\":\"2\"|true",
            "VIDEO|\"cloudRecordingTranscriptOption\":3|false",
            "VIDEO|\"cloudRecordingTranscriptOption\":-1|false",
            "VIDEO|\"cloudRecordingTranscriptOption\":1.5|false",
            "VIDEO|\"telemetryTrackingId\":\"abc\"|true",
            "VIDEO|\"telemetryTrackingId\":12|false",
            "VIDEO|\"videoWebRtcMode\":1|true",
            "VIDEO|\"videoWebRtcMode\":3|false",
            "VIDEO|\"audioWebRtcMode\":0|true",
            "VIDEO|\"audioWebRtcMode\":null|false",
            "VIDEO|\"audioCompatibleMode\":1|true",
            "VIDEO|\"audioCompatibleMode\":\"x\"|false",
            "VIDEO|\"somethingUnknown\":{\"deep\":[1,2]}|true",
            "SEED|\"roleType\":1|true",
            "SEED|\"roleType\":\"2\"|false",
            "SEED|\"expirationMinutes\":2880|true",
            "SEED|\"expirationMinutes\":2881|false",
            "SEED|\"expirationMinutes\":29|false",
            "SEED|\"expirationMinutes\":\"45\"|true",
            "SEED|\"userIdentity\":\"123456789012345678901234567890123456\"|false",
            "SEED|\"userKey\":\"abc\"|true",
            "SEED|\"geoRegions\":[\"XX\"]|false",
            "SEED|\"cloudRecordingOption\":\"1\"|true",
            "SEED|\"telemetryTrackingId\":\"t\"|true",
    })
    void fieldRules(String contract, String extra, boolean ok) throws Rejection {
        boolean video = contract.equals("VIDEO");
        RequestBody parser = new RequestBody();
        Map<String, Object> body = parser.parse("{" + (video ? VIDEO_BASE : SEED_BASE) + "}", false);
        body.putAll(parser.parse("{" + extra + "}", false)); // the row's properties replace the base's
        Validated validated = (video ? Contracts.VIDEO : Contracts.VIDEO_SEED).validate(body);
        assertEquals(ok, validated.ok(), () -> validated.errors().toString());
        if (!ok) {
            assertEquals(1, validated.errors().size(), validated.errors().toString());
            assertFalse(validated.errors().get(0).reason().isBlank());
        }
    }

    @ParameterizedTest(name = "sessionName of {0} UTF-16 units -> ok={1}")
    @CsvSource({"0,false", "1,true", "199,true", "200,true", "201,false"})
    void sessionNameLengthIsOneTo200(int length, boolean ok) throws Rejection {
        assertEquals(ok, check(Contracts.VIDEO, "{\"role\":0,\"sessionName\":\"" + "a".repeat(length) + "\"}").ok());
        assertEquals(ok, check(Contracts.VIDEO_SEED, "{\"roleType\":0,\"expirationMinutes\":30,\"topic\":\""
                + "a".repeat(length) + "\"}").ok());
    }

    @Test
    void lengthsCountUtf16UnitsLikeJavaScript() throws Rejection {
        String emoji = "\uD83D\uDE00"; // one emoji, two UTF-16 units
        assertTrue(check(Contracts.VIDEO, "{\"role\":0,\"sessionName\":\"" + emoji.repeat(100) + "\"}").ok());
        assertFalse(check(Contracts.VIDEO, "{\"role\":0,\"sessionName\":\"" + emoji.repeat(100) + "a\"}").ok());
    }

    @Test
    void everyFailingPropertyIsListedAtOnce() throws Rejection {
        Validated validated = check(Contracts.VIDEO, "{\"sessionName\":\"\",\"role\":\"1abc\",\"expirationSeconds\":1.5,"
                + "\"userIdentity\":\"" + "x".repeat(36) + "\",\"geoRegions\":\"US,XX\",\"cloudRecordingOption\":null}");
        assertEquals(List.of("sessionName", "role", "expirationSeconds", "userIdentity", "geoRegions",
                "cloudRecordingOption"), failing(validated));
    }

    @Test
    void emptyBodiesNameEveryRequiredProperty() throws Rejection {
        assertEquals(List.of("sessionName", "role"), failing(check(Contracts.VIDEO, "{}")));
        assertEquals(List.of("topic", "roleType", "expirationMinutes"), failing(check(Contracts.VIDEO_SEED, "{}")));
        assertTrue(check(Contracts.MEETING, "{}").ok(), "a native Meeting SDK token needs nothing");
    }

    @Test
    void nullIsNotAbsence() throws Rejection {
        Validated validated = check(Contracts.VIDEO, "{\"sessionName\":null,\"role\":null}");
        assertEquals(List.of("sessionName", "role"), failing(validated));
        assertTrue(validated.errors().get(0).reason().contains("null"), validated.errors().toString());
    }

    @ParameterizedTest(name = "{0} -> failing {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"meetingNumber\":\"123456789\",\"role\":0}|",
            "{\"meetingNumber\":123456789,\"role\":\"1\"}|",
            "{}|",
            "{\"expirationSeconds\":1800,\"videoWebRtcMode\":1}|",
            "{\"meetingNumber\":\"123456789\"}|role",
            "{\"role\":1}|meetingNumber",
            "{\"meetingNumber\":\"123456789\",\"role\":2}|role",
            "{\"meetingNumber\":\"abc\",\"role\":0}|meetingNumber",
            "{\"expirationSeconds\":1799}|expirationSeconds",
            "{\"expirationSeconds\":172801}|expirationSeconds",
            "{\"videoWebRtcMode\":2}|videoWebRtcMode",
            "{\"meetingNumber\":null}|role,meetingNumber",
    })
    void meetingContract(String body, String failingProperties) throws Rejection {
        List<String> expected = failingProperties == null ? List.of() : List.of(failingProperties.split(","));
        assertEquals(expected, failing(check(Contracts.MEETING, body)));
    }

    @Test
    void meetingNumberAloneNamesTheMissingRole() throws Rejection {
        ValidationError error = check(Contracts.MEETING, "{\"meetingNumber\":\"123456789\"}").errors().get(0);
        assertEquals("role", error.property());
        assertTrue(error.reason().contains("meetingNumber"), error.reason());
    }
}
