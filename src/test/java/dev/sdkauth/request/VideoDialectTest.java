package dev.sdkauth.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VideoDialectTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{}|OFFICIAL",
            "{\"sessionName\":\"a\",\"role\":1}|OFFICIAL",
            "{\"userIdentity\":\"u\",\"geoRegions\":\"US\"}|OFFICIAL",
            "{\"topic\":\"a\",\"roleType\":1,\"expirationMinutes\":30}|SEED",
            "{\"expirationMinutes\":30}|SEED",
            "{\"roleType\":1,\"userKey\":\"k\"}|SEED",
            "{\"role\":1,\"unknown\":true}|OFFICIAL",
    })
    void dialectFollowsThePropertyNames(String body, VideoDialect expected) throws Rejection {
        VideoDialect.Detection detection = VideoDialect.detect(new RequestBody().parse(body, false));
        assertEquals(expected, detection.dialect());
        assertTrue(detection.conflicts().isEmpty());
    }

    @ParameterizedTest(name = "{0} conflicts on {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"sessionName\":\"a\",\"roleType\":1}|sessionName,roleType",
            "{\"topic\":\"a\",\"role\":1,\"expirationSeconds\":1800}|role,expirationSeconds,topic",
            "{\"topic\":\"a\",\"roleType\":1,\"expirationMinutes\":30,\"videoWebRtcMode\":1}|videoWebRtcMode,topic,roleType,expirationMinutes",
            "{\"audioCompatibleMode\":1,\"expirationMinutes\":30}|audioCompatibleMode,expirationMinutes",
    })
    void mixingDialectsNamesEveryConflictingProperty(String body, String conflicting) throws Rejection {
        VideoDialect.Detection detection = VideoDialect.detect(new RequestBody().parse(body, false));
        assertNull(detection.dialect());
        List<String> named = detection.conflicts().stream().map(ValidationError::property).toList();
        assertEquals(Set.of(conflicting.split(",")), Set.copyOf(named));
        detection.conflicts().forEach(error -> assertTrue(error.reason().contains("dialect"), error.reason()));
    }
}
