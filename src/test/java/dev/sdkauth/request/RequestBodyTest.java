package dev.sdkauth.request;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestBodyTest {
    private final RequestBody parser = new RequestBody();

    private Rejection rejected(String body, boolean base64) {
        return assertThrows(Rejection.class, () -> parser.parse(body, base64));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "\n\t"})
    void emptyBodiesReadAsAnEmptyObject(String body) throws Rejection {
        assertEquals(0, parser.parse(body, false).size());
        assertEquals(0, parser.parse(body == null ? null : Base64.getEncoder().encodeToString(body.getBytes()), true).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "{'a':1}", "nope", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}",
            "{\"a\":1,}", "{\"role\":01}", "{\"a\":NaN}", "\u0000"})
    void malformedJsonIs400WithAReason(String body) {
        Rejection rejection = rejected(body, false);
        assertEquals(400, rejection.status());
        assertNull(rejection.errors().get(0).property());
        assertTrue(rejection.errors().get(0).reason().startsWith("Request body is not valid JSON"),
                rejection.errors().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"sessionName\":\"a\"}]", "\"text\"", "42", "true", "null"})
    void nonObjectBodiesAre400(String body) {
        Rejection rejection = rejected(body, false);
        assertEquals(400, rejection.status());
        assertTrue(rejection.errors().get(0).reason().contains("must be a JSON object"), rejection.errors().toString());
    }

    @Test
    void deepNestingIsRefusedCheaply() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertEquals(400, rejected(deep, false).status());
        String deepObjects = "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
        assertEquals(400, rejected(deepObjects, false).status());
    }

    @Test
    void duplicateKeysAreRefusedSoNoTwoReadersDisagree() {
        Rejection rejection = rejected("{\"role\":0,\"role\":1}", false);
        assertEquals(400, rejection.status());
        assertTrue(rejection.errors().get(0).reason().contains("role"), rejection.errors().toString());
    }

    @Test
    void base64BodiesAreDecoded() throws Rejection {
        String json = "{\"sessionName\":\"Café ☕\"}";
        Map<String, Object> body = parser.parse(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), true);
        assertEquals("Café ☕", body.get("sessionName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "e3=0", "%%%%", "eyJ"})
    void badBase64Is400(String body) {
        Rejection rejection = rejected(body, true);
        assertEquals(400, rejection.status());
    }

    @Test
    void bodiesUpTo64KiBAreReadAndLargerAre413() throws Rejection {
        String padding = "x".repeat(RequestBody.MAX_BYTES - "{\"p\":\"\"}".length());
        String exactly = "{\"p\":\"" + padding + "\"}";
        assertEquals(RequestBody.MAX_BYTES, exactly.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(1, parser.parse(exactly, false).size());
        String oneMore = "{\"p\":\"" + padding + "y\"}";
        assertEquals(413, rejected(oneMore, false).status());
        assertEquals(413, rejected(Base64.getEncoder().encodeToString(oneMore.getBytes()), true).status());
        assertEquals(1, parser.parse(Base64.getEncoder().encodeToString(exactly.getBytes()), true).size());
    }

    @Test
    void theLimitCountsUtf8BytesNotCharacters() {
        // 30,000 three-byte characters: under 64 Ki characters, over 64 KiB.
        String wide = "{\"p\":\"" + "€".repeat(30_000) + "\"}";
        assertEquals(413, rejected(wide, false).status());
    }

    @Test
    void hugeBodiesAre413WithoutBeingRead() {
        assertEquals(413, rejected("{\"p\":\"" + "x".repeat(10_000_000) + "\"}", false).status());
    }
}
