package dev.sdkauth.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each row is a JSON value as a client would send it, read through the real body parser. */
class CoerceTest {
    private static Object value(String json) throws Rejection {
        Map<String, Object> body = new RequestBody().parse("{\"v\":" + json + "}", false);
        return body.get("v");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1|1", "0|0", "-7|-7", "1.0|1", "1.000|1", "1e4|10000", "1E4|10000", "2.5e1|25", "1e0|1", "0.0|0",
            "-0|0", "\"1\"|1", "\" 1 \"|1", "\"\\t42\\n\"|42", "\"+3\"|3", "\"-2\"|-2", "\"3600\"|3600",
            "\"1e4\"|10000", "\"7200.0\"|7200", "\"007\"|7", "9223372036854775|9223372036854775",
    })
    void integersAreAcceptedAsJsonNumbersOrStrings(String json, long expected) throws Exception {
        assertEquals(expected, Coerce.INTEGER.read(value(json)));
    }

    @ParameterizedTest(name = "{0} is not an integer")
    @ValueSource(strings = {
            "1.5", "0.1", "-0.5", "1e-1", "\"3600.9\"", "\"1abc\"", "\"abc\"", "\"1 0\"", "\"\"", "\"   \"",
            "\"0x10\"", "\"1_000\"", "\"Infinity\"", "\"NaN\"", "true", "false", "null", "{}", "[]", "[1]",
            "1e400", "-1e400", "1e999999999", "\"1e999999999\"", "\"1e99999999999\"",
            "123456789012345678901234567890", "\"123456789012345678901234567890\"", "1e-999999999",
    })
    void everythingElseIsAValidationErrorNotACrash(String json) throws Exception {
        Invalid invalid = assertThrows(Invalid.class, () -> Coerce.INTEGER.read(value(json)));
        assertTrue(invalid.getMessage().startsWith("must be") || invalid.getMessage().startsWith("is far too large"),
                invalid.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "null", "{}", "[\"a\"]"})
    void textMustBeAJsonString(String json) throws Exception {
        assertThrows(Invalid.class, () -> Coerce.TEXT.read(value(json)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"US\"|US", "\"US,DE\"|US,DE", "\" US , DE \"|US,DE", "\"U S\"|US", "\"US,,DE,\"|US,DE",
            "[\"US\",\"DE\"]|US,DE", "[\" JP \", \"\", \"SG\"]|JP,SG", "\"AU,BR,CA,CN,DE,HK,IN,JP,MX,NL,SG,US\"|AU,BR,CA,CN,DE,HK,IN,JP,MX,NL,SG,US",
    })
    void regionsAreNormalisedToACommaList(String json, String expected) throws Exception {
        assertEquals(expected, Coerce.regions(Contracts.GEO_REGIONS).read(value(json)));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"\"\"", "\" , \"", "[]", "[\"\"]", "\"us\"", "\"US,XX\"", "[\"US,DE\"]", "[\"US\", 1]",
            "1", "true", "null", "{}"})
    void badRegionListsAreRefused(String json) throws Exception {
        assertThrows(Invalid.class, () -> Coerce.regions(Contracts.GEO_REGIONS).read(value(json)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\"85746065432\"|85746065432|String", "85746065432|85746065432|Long"})
    void meetingNumbersKeepTheirJsonType(String json, String expected, String type) throws Exception {
        Object read = Coerce.MEETING_NUMBER.read(value(json));
        assertEquals(expected, read.toString());
        assertEquals(type, read.getClass().getSimpleName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"abc\"", "\"123 456\"", "\"-5\"", "0", "-5", "1.5", "true", "null",
            "\"123456789012345678901\""})
    void badMeetingNumbersAreRefused(String json) throws Exception {
        assertThrows(Invalid.class, () -> Coerce.MEETING_NUMBER.read(value(json)));
    }
}
